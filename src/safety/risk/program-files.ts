/**
 * Programs that read and write local files: the ones that only read, the ones whose write targets
 * are known from their arguments (`rm`, `cp`, `mv`, `sed -i`, `tar -x`, …), and text tools whose
 * own program can run commands or write files (`awk`, `sed`).
 */
import { hasFlag, optionValues, positionals } from './command-args.js';
import type { Invocation } from './command-wrappers.js';
import { HERE, type ProgramEffect, readOnly, unknown, writes } from './program-effect.js';
import type { ShellWord } from './shell-script.js';

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/** Programs that only read (files, the environment, the system's state). */
export const READ_ONLY_PROGRAMS = words(`
  ls dir vdir cat tac head tail wc grep egrep fgrep rg ag ack less more most file stat du df pwd echo
  printf true false test [ [[ ]] which whereis type whoami id groups cal uname printenv locale cut tr
  diff diff3 sdiff cmp comm basename dirname realpath readlink md5sum sha1sum sha224sum sha256sum
  sha384sum sha512sum b2sum cksum sum jq yq tree sleep seq expr nl rev column od xxd hexdump strings
  fold fmt paste join expand unexpand pr ps pgrep pidof uptime free lsof who w last nproc getconf arch
  lscpu lsblk lsusb lspci tty cd pushd popd dirs export unset set alias unalias shopt read wait jobs
  exit return local declare typeset readonly shift getopts hash umask history help man info apropos
  whatis ldd nm objdump readelf size iconv base64 base32 numfmt factor bc dc yes : env top htop
  watch vmstat iostat mpstat sar dmesg journalctl lsmod tput clear reset logname users finger
  pinky fc-list fc-match identify exiftool mediainfo ffprobe pdfinfo pdftotext look zcat zless
  zgrep bzcat xzcat zstdcat gzcat disown fg bg
`);

const RM_VALUES = new Set<string>();
const set = (list: string) => new Set(list.split(' '));

/** The last positional (a destination), or `-t DIR`. */
function destination(args: ShellWord[], values: Set<string>): ShellWord[] {
  const target = optionValues(args, ['-t', '--target-directory']);
  if (target.length > 0) return target;
  const list = positionals(args, values);
  return list.length > 1 ? [list.at(-1)!] : [];
}

/** `sed`'s script runs a command (`e`) or writes a file (`w`). */
function sedScriptIsUnsafe(script: string): boolean {
  if (/(^|[;{}\n]|[0-9$/])\s*[wWe](\s|$)/.test(script)) return true;
  return /s([^\\\n\w\s])(?:\\.|(?!\1).)*\1(?:\\.|(?!\1).)*\1[a-zA-Z0-9]*[we]/.test(script);
}

function sed(args: ShellWord[]): ProgramEffect {
  const values = set('-e -f -l --expression --file --line-length');
  if (optionValues(args, ['-f', '--file']).length > 0)
    return unknown('sed -f runs a script file that cannot be judged');
  const scripts = optionValues(args, ['-e', '--expression']);
  const files = positionals(args, values);
  const script = scripts.length > 0 ? scripts : files.splice(0, 1);
  if (script.some((s) => s.dynamic || sedScriptIsUnsafe(s.value))) {
    return unknown('the sed script runs commands or writes files (e, w)');
  }
  const inPlace = args.some(
    (a) => !a.dynamic && (/^-[a-zA-Z]*i/.test(a.value) || a.value.startsWith('--in-place')),
  );
  return inPlace ? writes(files, 'sed -i edits files in place') : readOnly('sed prints edited text');
}

function awk(name: string, args: ShellWord[]): ProgramEffect {
  if (optionValues(args, ['-f', '--file']).length > 0)
    return unknown(`${name} -f runs a program file that cannot be judged`);
  const inPlace = optionValues(args, ['-i', '--include']).some((w) => w.value === 'inplace');
  const [program] = positionals(args, set('-F -v -f -i --field-separator --assign --file --include'));
  if (!program || program.dynamic || inPlace) return unknown(`the ${name} program cannot be judged`);
  if (/system\s*\(|\||print[f]?[^;}]*>|getline/.test(program.value)) {
    return unknown(`the ${name} program runs commands or writes files`);
  }
  return readOnly(`${name} only reads`);
}

function tar(args: ShellWord[]): ProgramEffect {
  const first = args[0];
  const mode = first && !first.dynamic && !first.value.startsWith('-') ? `-${first.value}` : '';
  const flags = (letter: string, long: string[]) =>
    mode.includes(letter) || hasFlag(args, letter, long, set('-f -C -T -X'));
  const archive = optionValues(args, ['-f', '--file']);
  if (mode.includes('f') && archive.length === 0) {
    const [, file] = args;
    if (file) archive.push(file);
  }
  if (flags('x', ['--extract', '--get'])) {
    const into = optionValues(args, ['-C', '--directory']);
    return writes(into.length > 0 ? into : [HERE], 'tar extracts files');
  }
  if (
    flags('c', ['--create']) ||
    flags('r', ['--append']) ||
    flags('u', ['--update']) ||
    flags('A', ['--catenate'])
  ) {
    return archive.length > 0
      ? writes(archive, 'tar writes an archive')
      : readOnly('tar writes the archive to its output');
  }
  return readOnly('tar lists an archive');
}

function compressor(name: string, args: ShellWord[]): ProgramEffect {
  if (hasFlag(args, 'cltk', ['--stdout', '--to-stdout', '--list', '--test', '--keep'])) {
    return hasFlag(args, 'k', ['--keep']) && !hasFlag(args, 'c', ['--stdout', '--to-stdout'])
      ? writes(positionals(args), `${name} writes compressed files`)
      : readOnly(`${name} writes to its output`);
  }
  return writes(positionals(args, set('-S --suffix')), `${name} replaces files`);
}

/** The effect of a local file or text program, or undefined when `name` is not one. */
export function fileProgramEffect({ name, args }: Invocation): ProgramEffect | undefined {
  switch (name) {
    case 'cd':
    case 'pushd': {
      const [to] = positionals(args);
      // `cd` alone goes home.
      return { ...readOnly(`${name} changes the folder`), cd: { to: to ?? { value: '~', dynamic: false } } };
    }
    case 'popd':
      return { ...readOnly('popd changes the folder'), cd: {} };
    case 'rm':
    case 'rmdir':
    case 'unlink':
    case 'shred':
    case 'mkfifo':
      return writes(
        positionals(args, name === 'shred' ? set('-n -s --iterations --size') : RM_VALUES),
        `${name} deletes or changes files`,
      );
    case 'mkdir':
      return writes(positionals(args, set('-m --mode -Z --context')), 'mkdir creates folders');
    case 'touch':
      return writes(positionals(args, set('-r -t -d --reference --date')), 'touch creates or changes files');
    case 'truncate':
      return writes(positionals(args, set('-s -r --size --reference')), 'truncate changes files');
    case 'chmod':
    case 'chown':
    case 'chgrp':
    case 'chattr':
    case 'setfacl': {
      const list = positionals(args, set('--reference'));
      const byReference = args.some((a) => a.value.startsWith('--reference'));
      return writes(byReference ? list : list.slice(1), `${name} changes file attributes`);
    }
    case 'cp':
    case 'install':
    case 'ln':
      return writes(
        destination(args, set('-t -S -m -o -g --target-directory --suffix --mode --owner --group')),
        `${name} writes files`,
      );
    case 'mv':
      return writes(positionals(args, set('-t -S --target-directory --suffix')), 'mv moves files');
    case 'tee':
      return writes(positionals(args), 'tee writes files');
    case 'dd': {
      const of = args
        .filter((a) => a.value.startsWith('of='))
        .map((a) => ({ ...a, value: a.value.slice(3) }));
      return of.length > 0 ? writes(of, 'dd writes a file') : readOnly('dd writes to its output');
    }
    case 'sort': {
      const output = optionValues(args, ['-o', '--output']);
      return output.length > 0 ? writes(output, 'sort writes its output file') : readOnly('sort only reads');
    }
    case 'uniq': {
      const [, output] = positionals(args, set('-f -s -w --skip-fields --skip-chars --check-chars'));
      return output ? writes([output], 'uniq writes its output file') : readOnly('uniq only reads');
    }
    case 'split':
    case 'csplit':
      return writes([HERE], `${name} writes files where it runs`);
    case 'patch': {
      const into = optionValues(args, ['-d', '--directory']);
      const [file] = positionals(args, set('-p -i -d -o -r -F -B -z --strip --input --directory --output'));
      return writes(into.length > 0 ? into : file ? [file] : [HERE], 'patch changes files');
    }
    case 'unzip': {
      if (hasFlag(args, 'lpvtZ')) return readOnly('unzip lists an archive');
      const into = optionValues(args, ['-d']);
      return writes(into.length > 0 ? into : [HERE], 'unzip extracts files');
    }
    case 'zip': {
      const [archive] = positionals(args, set('-b -n -t -tt -x -i -P -O'));
      return writes(archive ? [archive] : [], 'zip writes an archive');
    }
    case 'tar':
    case 'bsdtar':
      return tar(args);
    case 'gzip':
    case 'gunzip':
    case 'bzip2':
    case 'bunzip2':
    case 'xz':
    case 'unxz':
    case 'zstd':
    case 'unzstd':
    case 'lz4':
    case 'compress':
    case 'uncompress':
      return compressor(name, args);
    case 'mktemp':
      return writes([], 'mktemp creates an empty temporary file');
    case 'sed':
    case 'gsed':
      return sed(args);
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk':
      return awk(name, args);
    case 'sudoedit':
      return writes(positionals(args), 'sudoedit edits files');
    case 'hostname':
      return positionals(args).length > 0 ? undefined : readOnly('hostname only reads');
    case 'date':
      return hasFlag(args, 's', ['--set']) ? undefined : readOnly('date only reads');
    case 'find': {
      const outputs = optionValues(args, ['-fprint', '-fprint0', '-fprintf', '-fls']);
      const firstExpr = args.findIndex((a) => !a.dynamic && /^[-(!]/.test(a.value));
      const roots = firstExpr < 0 ? args : args.slice(0, firstExpr);
      if (args.some((a) => a.value === '-delete' && !a.dynamic)) {
        return writes([...(roots.length > 0 ? roots : [HERE]), ...outputs], 'find -delete deletes files');
      }
      return outputs.length > 0 ? writes(outputs, 'find writes a file list') : readOnly('find only reads');
    }
    default:
      return READ_ONLY_PROGRAMS.has(name) ? readOnly(`${name} only reads`) : undefined;
  }
}
