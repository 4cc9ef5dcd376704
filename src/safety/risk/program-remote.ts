/**
 * Programs that reach other machines: HTTP clients (a plain download only reads, a body or a
 * POST/PUT/DELETE sends), remote shells and copies, mail and raw sockets, git (push publishes),
 * package managers (publish), containers and clusters, and the cloud CLIs. All are open-world.
 */
import { hasFlag, optionValues, positionals, shown } from './command-args.js';
import type { Invocation } from './command-wrappers.js';
import { HERE, irreversible, type ProgramEffect, readOnly, unknown, writes } from './program-effect.js';
import type { ShellWord } from './shell-script.js';

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

const NET_READ = words('ping ping6 dig nslookup host traceroute traceroute6 tracepath whois mtr');
const NET_SEND = words(
  'nc ncat netcat socat telnet ftp tftp lftp mail mailx sendmail mutt msmtp swaks s-nail ssh autossh mosh sftp',
);
const SENDING_METHODS = /^(POST|PUT|PATCH|DELETE)$/i;
/** Sub-commands that only look (cloud CLIs, kubectl, docker, helm). */
const LOOKING =
  /^(list|ls|get|describe|show|view|status|help|version|whoami|search|info|logs?|diff|inspect|images|ps|top|stats|history|explain|api-resources|api-versions|cluster-info|plan|validate|output|providers|graph|template|lint|events|can-i|current-context|get-contexts|view-config)([-_].*)?$/;

/** Sub-commands that change something (checked before {@link LOOKING}: `aws s3 cp list …`). */
const CHANGING =
  /^(cp|mv|rm|sync|mb|rb|delete|remove|create|put|update|set|apply|deploy|destroy|run|exec|start|stop|restart|scale|patch|replace|edit|upload|publish|release|merge|close|reopen|comment|approve|attach|detach|invoke|send|import|taint|rollout|drain|cordon|label|annotate|expose|install|uninstall|upgrade|rollback|add|new|fork|clone|archive|rename|transfer|login|logout|enable|disable|tag|push|write|copy|move|reset|terminate|reboot|modify|register|deregister|revoke|grant|purge|kill|api)([-_].*)?$/;

const CURL_SEND = [
  '-d',
  '--data',
  '--data-ascii',
  '--data-binary',
  '--data-raw',
  '--data-urlencode',
  '-F',
  '--form',
  '--form-string',
  '-T',
  '--upload-file',
  '--json',
  '--mail-rcpt',
  '--mail-from',
];

/** A `host:path` or `user@host:path` argument (scp, rsync). */
const isRemote = (w: ShellWord) =>
  !w.dynamic && /^([^/:]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:(?!\/\/)/.test(w.value);

function curl(args: ShellWord[]): ProgramEffect {
  if (optionValues(args, ['-K', '--config']).length > 0)
    return unknown('curl -K reads its options from a file', true);
  const method = optionValues(args, ['-X', '--request']).find(
    (m) => m.dynamic || SENDING_METHODS.test(m.value),
  );
  const sends = CURL_SEND.find(
    (o) => optionValues(args, [o]).length > 0 || args.some((a) => a.value.startsWith(`${o}=`)),
  );
  if (method || sends)
    return irreversible(`curl sends data (${method ? `-X ${shown(method)}` : sends})`, true);
  const files = [
    ...optionValues(args, [
      '-o',
      '--output',
      '-c',
      '--cookie-jar',
      '-D',
      '--dump-header',
      '--trace',
      '--trace-ascii',
      '--output-dir',
    ]),
    ...(hasFlag(args, 'OJ', ['--remote-name', '--remote-name-all']) ? [HERE] : []),
  ];
  return files.length > 0
    ? writes(files, 'curl downloads to a file', true)
    : readOnly('curl downloads', true);
}

function wget(args: ShellWord[]): ProgramEffect {
  const method = optionValues(args, ['--method']).find((m) => m.dynamic || SENDING_METHODS.test(m.value));
  const body = ['--post-data', '--post-file', '--body-data', '--body-file'].find(
    (o) => optionValues(args, [o]).length > 0,
  );
  if (method || body) return irreversible(`wget sends data (${body ?? `--method ${shown(method!)}`})`, true);
  if (hasFlag(args, '', ['--spider'])) return readOnly('wget --spider only checks', true);
  const output = optionValues(args, ['-O', '--output-document']);
  if (output.some((o) => o.value === '-' && !o.dynamic))
    return readOnly('wget downloads to its output', true);
  const files = [
    ...output,
    ...optionValues(args, ['-P', '--directory-prefix', '-o', '--output-file', '-a', '--append-output']),
  ];
  return writes(files.length > 0 ? files : [HERE], 'wget downloads files', true);
}

function httpie(name: string, args: ShellWord[]): ProgramEffect {
  const list = positionals(
    args,
    new Set(['-a', '--auth', '-o', '--output', '--session', '--verify', '--cert', '--cert-key']),
  );
  const method = list[0] && /^[A-Z]+$/.test(list[0].value) ? list[0] : undefined;
  const items = list.slice(method ? 2 : 1);
  if (
    (method && SENDING_METHODS.test(method.value)) ||
    items.some((w) => w.dynamic || /:=|@|^[^=:]+=/.test(w.value))
  ) {
    return irreversible(`${name} sends data`, true);
  }
  return readOnly(`${name} downloads`, true);
}

const GIT_READ = words(
  'status log diff show blame describe shortlog reflog grep cat-file help version ls-files ls-tree rev-parse rev-list name-rev for-each-ref count-objects whatchanged show-ref show-branch merge-base cherry var check-ignore check-attr',
);
const GIT_NETWORK_WRITE = words('clone fetch pull submodule');
const GIT_PUBLISH = words('push send-email request-pull svn p4');

function git(args: ShellWord[]): ProgramEffect {
  const values = new Set([
    '-C',
    '-c',
    '--git-dir',
    '--work-tree',
    '--namespace',
    '--exec-path',
    '--config-env',
  ]);
  const configs = optionValues(args, ['-c', '--config-env']);
  if (
    configs.some(
      (c) =>
        c.dynamic ||
        c.value.includes('!') ||
        /command|pager|editor|hookspath|fsmonitor|askpass|proxy|sshcommand|textconv|filter|credential/i.test(
          c.value,
        ),
    )
  ) {
    return unknown('git -c sets an option that runs commands');
  }
  if (args.some((a) => /^--(git-dir|work-tree|exec-path)/.test(a.value)))
    return unknown('git with another repository folder or program folder');
  const dir = optionValues(args, ['-C']);
  const [sub, ...rest] = positionals(args, values);
  const at = dir.length > 0 ? dir : [HERE];
  if (!sub || sub.dynamic)
    return sub ? unknown('the git command is only known when it runs') : readOnly('git prints help');
  const command = sub.value;
  const restValues = rest.filter((w) => !w.value.startsWith('-'));
  if (GIT_READ.has(command)) return readOnly(`git ${command} only reads`);
  if (command === 'ls-remote') return readOnly('git ls-remote reads a remote', true);
  if (GIT_PUBLISH.has(command)) return irreversible(`git ${command} publishes to a remote`, true);
  if (GIT_NETWORK_WRITE.has(command)) return writes(at, `git ${command} downloads into the repository`, true);
  if (command === 'branch' || command === 'tag') {
    const listing =
      restValues.length === 0 ||
      hasFlag(rest, 'lav', ['--list', '--all', '--verbose', '--contains', '--merged']);
    return listing && !hasFlag(rest, 'dDmMf', ['--delete', '--move', '--force'])
      ? readOnly(`git ${command} lists`)
      : writes(at, `git ${command} changes the repository`);
  }
  if (command === 'remote' && (restValues.length === 0 || ['show', 'get-url'].includes(restValues[0]!.value)))
    return readOnly('git remote lists');
  if (command === 'stash' && ['list', 'show'].includes(restValues[0]?.value ?? ''))
    return readOnly('git stash lists');
  if (command === 'config' && hasFlag(rest, 'l', ['--get', '--get-all', '--list', '--get-regexp']))
    return readOnly('git config reads');
  if (command === 'config') return unknown('git config may set an option that runs commands');
  if (command === 'worktree' && restValues[0]?.value === 'list') return readOnly('git worktree lists');
  if (/^[a-z][a-z-]*$/.test(command) && !command.startsWith('-')) {
    return KNOWN_GIT_WRITES.has(command)
      ? writes(at, `git ${command} changes the repository`)
      : unknown(`git ${command} is not a git command whose effect is known (an alias?)`);
  }
  return unknown(`git ${command} cannot be judged`);
}

const KNOWN_GIT_WRITES = words(
  'add commit checkout switch restore reset merge rebase cherry-pick revert stash init mv rm clean apply am gc prune notes worktree remote config branch tag bisect format-patch archive sparse-checkout maintenance repack pack-refs update-index update-ref symbolic-ref replace filter-branch',
);

const PUBLISHERS: Record<string, RegExp> = {
  npm: /^(publish|unpublish|deprecate|dist-tag|owner|access|token|adduser|login|logout|star|unstar|team|org|hook)$/,
  yarn: /^(publish|npm|login|logout|tag|owner|team)$/,
  pnpm: /^(publish)$/,
  bun: /^(publish)$/,
  cargo: /^(publish|yank|owner|login|logout)$/,
  gem: /^(push|yank|owner|signin|signout)$/,
  twine: /^(upload|register)$/,
  poetry: /^(publish)$/,
  docker:
    /^(push|login|logout|rm|rmi|kill|stop|restart|system|volume|network|image|container|swarm|service|stack|secret|config|node|context|plugin|trust|tag|commit|save|export)$/,
  podman:
    /^(push|login|logout|rm|rmi|kill|stop|restart|system|volume|network|image|container|pod|secret|tag|commit|save|export)$/,
};
const PACKAGE_READ =
  /^(ls|list|ll|la|view|info|show|outdated|search|help|--version|-v|-V|version|why|explain|audit|doctor|whoami|config|freeze|check|tree|metadata|verify-project|locate-project|pkgid|query|which|env|root|bin|prefix)$/;
const PACKAGE_MANAGERS = words(
  'npm yarn pnpm bun cargo gem pip pip3 pipx uv poetry conda mamba composer go twine docker podman',
);
const SYSTEM_PACKAGES = words(
  'apt apt-get aptitude dpkg yum dnf rpm pacman zypper apk brew port snap flatpak emerge nix-env pkg',
);
const SYSTEM_PACKAGES_READ =
  /^(search|list|show|info|policy|depends|rdepends|madison|-q[a-z]*|-l|-L|-s|-S[si]|-Q[a-z]*|query|files|provides|whatprovides|outdated|deps|uses|desc|leaves|config|--version|-v|help|doctor)$/;
const CLOUD = words(
  'aws gcloud gsutil az gh glab doctl heroku fly flyctl vercel netlify firebase wrangler kubectl helm terraform tofu pulumi oc eksctl aliyun ibmcloud linode-cli hcloud railway render supabase stripe twilio',
);

function packageManager(name: string, args: ShellWord[]): ProgramEffect {
  const [sub] = positionals(args);
  if (!sub) return readOnly(`${name} prints help`);
  if (sub.dynamic) return unknown(`the ${name} command is only known when it runs`, true);
  if (PUBLISHERS[name]?.test(sub.value))
    return irreversible(`${name} ${sub.value} changes something outside the machine or the host`, true);
  if ((name === 'docker' || name === 'podman') && LOOKING.test(sub.value))
    return readOnly(`${name} ${sub.value} only reads`);
  if (
    PACKAGE_READ.test(sub.value) &&
    !(name === 'npm' && sub.value === 'config' && positionals(args)[1]?.value === 'set')
  ) {
    return readOnly(`${name} ${sub.value} only reads`, true);
  }
  if (name === 'go' && /^(version|env|list|doc|vet|fmt)$/.test(sub.value))
    return readOnly(`go ${sub.value} only reads`);
  return unknown(
    `${name} ${sub.value} runs code that cannot be judged (package scripts, builds, containers)`,
    true,
  );
}

function cloud(name: string, args: ShellWord[]): ProgramEffect {
  const subs = positionals(args).slice(0, 3);
  if (subs.some((s) => s.dynamic)) return unknown(`the ${name} command is only known when it runs`, true);
  const looks = subs.some((s) => LOOKING.test(s.value)) && !subs.some((s) => CHANGING.test(s.value));
  if (looks || subs.length === 0)
    return readOnly(`${name} ${subs.map((s) => s.value).join(' ')} only reads`.trim(), true);
  return irreversible(
    `${name} ${subs.map((s) => s.value).join(' ')} changes resources outside the machine`,
    true,
  );
}

/** The effect of a program that reaches other machines, or undefined when `name` is not one. */
export function remoteProgramEffect({ name, args }: Invocation): ProgramEffect | undefined {
  if (NET_READ.has(name)) return readOnly(`${name} only queries the network`, true);
  if (name === 'curl') return curl(args);
  if (name === 'wget' || name === 'wget2') return wget(args);
  if (['http', 'https', 'xh', 'xhs'].includes(name)) return httpie(name, args);
  if (name === 'scp' || name === 'rsync') {
    const list = positionals(
      args,
      new Set([
        '-e',
        '-P',
        '-i',
        '-o',
        '-F',
        '-l',
        '-S',
        '--rsh',
        '--exclude',
        '--include',
        '--filter',
        '--port',
      ]),
    );
    if (list.some(isRemote) || args.some((a) => a.value.startsWith('rsync://')))
      return irreversible(`${name} copies to or from another host`, true);
    return list.length > 1
      ? { ...writes([list.at(-1)!], `${name} copies files`) }
      : readOnly(`${name} lists`);
  }
  if (NET_SEND.has(name)) return irreversible(`${name} talks to another host (it can send anything)`, true);
  if (name === 'git') return git(args);
  if (SYSTEM_PACKAGES.has(name)) {
    const [sub] = positionals(args);
    const first = args.find((a) => a.value.startsWith('-'));
    const verb = sub?.value ?? first?.value ?? '';
    if (name === 'apt-cache' || SYSTEM_PACKAGES_READ.test(verb) || (!sub && !first))
      return readOnly(`${name} ${verb} only reads`.trim(), true);
    return irreversible(`${name} ${verb} installs or removes system software`.replace('  ', ' '), true);
  }
  if (name === 'apt-cache') return readOnly('apt-cache only reads');
  if (PACKAGE_MANAGERS.has(name)) return packageManager(name, args);
  if (['npx', 'bunx', 'pnpx', 'uvx'].includes(name))
    return unknown(`${name} downloads and runs a package`, true);
  if (CLOUD.has(name)) return cloud(name, args);
  return undefined;
}
