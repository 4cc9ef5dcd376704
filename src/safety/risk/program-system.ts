/**
 * Programs that change the system outside any folder (processes, users, disks, the firewall,
 * services), interpreters and build tools (they run code that cannot be judged from the command
 * line: `python -c`, `node -e`, `make`), and the dispatch of a program to its judgement.
 */
import { hasFlag, positionals } from './command-args.js';
import type { Invocation } from './command-wrappers.js';
import { irreversible, type ProgramEffect, readOnly, unknown } from './program-effect.js';
import { fileProgramEffect } from './program-files.js';
import { remoteProgramEffect } from './program-remote.js';

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

const SYSTEM_CHANGES = words(`
  kill pkill killall skill shutdown reboot halt poweroff init telinit useradd userdel usermod
  groupadd groupdel groupmod passwd chpasswd chsh chfn visudo mount umount swapon swapoff losetup
  fdisk sfdisk gdisk cfdisk parted partprobe cryptsetup lvcreate lvremove lvresize vgcreate vgremove
  pvcreate pvremove mdadm hdparm blkdiscard fstrim wipefs mkswap iptables ip6tables nft ufw
  firewall-cmd modprobe insmod rmmod dmsetup tune2fs e2fsck fsck resize2fs debugfs xfs_repair
  setenforce timedatectl hostnamectl localectl update-alternatives ldconfig at batch atrm mke2fs
  mkdosfs mkntfs mkexfatfs mkfs
`);

/** Interpreters, and the option that gives them code on the command line. */
const INLINE: Array<[RegExp, string[]]> = [
  [/^(python|pypy)[0-9.]*$/, ['-c']],
  [/^(node|nodejs)$/, ['-e', '--eval', '-p', '--print']],
  [/^deno$/, ['eval']],
  [/^bun$/, ['-e', '--eval', '-p', '--print']],
  [/^perl[0-9.]*$/, ['-e', '-E']],
  [/^ruby[0-9.]*$/, ['-e']],
  [/^php[0-9.]*$/, ['-r']],
  [/^(lua|luajit)[0-9.]*$/, ['-e']],
  [/^(Rscript|R)$/, ['-e']],
  [/^julia$/, ['-e', '--eval']],
  [/^(pwsh|powershell)$/, ['-c', '-Command', '-command']],
  [/^osascript$/, ['-e']],
  [/^(tclsh|wish|expect)$/, ['-c']],
  [/^(java|jshell|groovy|kotlin|scala|swift|irb|ghci|runghc|elixir|erl|escript|dotnet|clojure)$/, ['-e']],
];
const VERSION_ARGS = words('--version -v -V -version --help -h');
const BUILD_TOOLS = words(
  'make gmake cmake ninja meson gradle gradlew mvn mvnw ant bazel bazelisk buck just task scons rake invoke nox tox pytest jest vitest mocha tsc tsx ts-node esbuild vite webpack rollup cc gcc g++ clang clang++ rustc javac ghc',
);
const EDITORS = words('vi vim nvim nano emacs ed ex pico micro joe kak hx');
const SERVICE_READ =
  /^(status|show|list-units|list-unit-files|list-timers|list-sockets|is-active|is-enabled|is-failed|cat|help|--version|list)$/;

function interpreter(name: string, args: Invocation['args']): ProgramEffect | undefined {
  const entry = INLINE.find(([pattern]) => pattern.test(name));
  if (!entry) return undefined;
  if (args.length > 0 && args.every((a) => !a.dynamic && VERSION_ARGS.has(a.value)))
    return readOnly(`${name} prints its version`);
  const inline = args.find(
    (a) =>
      !a.dynamic &&
      entry[1].some(
        (flag) =>
          a.value === flag || (flag.length === 2 && a.value.startsWith(flag) && !a.value.startsWith('--')),
      ),
  );
  if (inline) return unknown(`${name} ${entry[1][0]} runs inline code that cannot be judged`);
  const [file] = positionals(args);
  return unknown(
    file
      ? `${name} runs ${file.value || 'a program'}, code that cannot be judged`
      : `${name} runs code that cannot be judged`,
  );
}

function systemProgram(name: string, args: Invocation['args']): ProgramEffect | undefined {
  if (name === 'systemctl' || name === 'service' || name === 'launchctl' || name === 'rc-service') {
    const list = positionals(args);
    const verb = name === 'service' ? list[1] : list[0];
    return !verb || SERVICE_READ.test(verb.value)
      ? readOnly(`${name} only reads`)
      : irreversible(`${name} ${verb.value} changes a system service`);
  }
  if (name === 'crontab')
    return hasFlag(args, 'l')
      ? readOnly('crontab -l only reads')
      : irreversible('crontab changes scheduled jobs');
  if (name === 'sysctl') {
    return hasFlag(args, 'wp', ['--write', '--load']) || args.some((a) => a.value.includes('='))
      ? irreversible('sysctl changes kernel settings')
      : readOnly('sysctl only reads');
  }
  if (name === 'ip' || name === 'ifconfig') {
    const changing = args.some((a) =>
      /^(add|del|delete|set|flush|replace|change|append|up|down)$/.test(a.value),
    );
    return changing || (name === 'ifconfig' && positionals(args).length > 1)
      ? irreversible(`${name} changes the network settings`)
      : readOnly(`${name} only reads`);
  }
  if (name === 'dpkg' && hasFlag(args, 'lLsS', ['--list', '--listfiles', '--status', '--search']))
    return readOnly('dpkg only reads');
  if (name.startsWith('mkfs.') || SYSTEM_CHANGES.has(name))
    return irreversible(`${name} changes the system (processes, users, disks, network or services)`);
  return undefined;
}

/** The judgement of one program (see program-effect.ts). */
export function programEffect(invocation: Invocation): ProgramEffect {
  const { name, args } = invocation;
  const known =
    systemProgram(name, args) ??
    fileProgramEffect(invocation) ??
    remoteProgramEffect(invocation) ??
    interpreter(name, args);
  if (known) return known;
  if (name === 'source' || name === '.') return unknown(`${name} runs a script file that cannot be judged`);
  if (BUILD_TOOLS.has(name)) return unknown(`${name} runs build steps that cannot be judged`);
  if (EDITORS.has(name)) return unknown(`${name} is an interactive editor`);
  return unknown(`${name} is not a program whose effect is known`);
}
