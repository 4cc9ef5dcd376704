import { describe, expect, it } from 'vitest';
import { analyseCommand } from '../../../src/safety/risk/command.js';
import { hardlineReason } from '../../../src/safety/risk/hardline.js';

const WS = '/work/agent-ws';
const HOME = '/home/user';
const floor = (command: string) => analyseCommand(command, { workspace: WS, home: HOME }).hardline;

describe('the hardline floor on parsed commands', () => {
  const refused: Array<[string, string]> = [
    ['rm -rf /', 'recursive delete of /'],
    ['\\r\\m -rf /', 'recursive delete of /'],
    ["r''m -rf /", 'recursive delete of /'],
    ['r"m" -fr /*', 'recursive delete of /'],
    ['rm -r -f /', 'recursive delete of /'],
    ['rm --recursive --force --no-preserve-root /', 'recursive delete of /'],
    ['/bin/rm -Rf //', 'recursive delete of /'],
    ['env X=1 rm -rf ~', 'recursive delete of the home folder'],
    ['rm -rf ~/', 'recursive delete of the home folder'],
    ['rm -rf $HOME/*', 'recursive delete of the home folder'],
    ['rm -rf "${HOME:?}"/', 'recursive delete of the home folder'],
    ['rm -rf /home/user', 'recursive delete of the home folder'],
    ['rm -rf /home', 'recursive delete of /home (it holds the home folder)'],
    ['rm -rf /usr', 'recursive delete of /usr'],
    ['rm -rf "$UNSET/"', 'recursive delete of /'],
    ['sh -c "rm -rf /"', 'recursive delete of /'],
    ['bash -c \'rm -rf "$HOME"\'', 'recursive delete of the home folder'],
    ['sudo -u root -- rm -rf /', 'recursive delete of /'],
    ['doas rm -rf /', 'recursive delete of /'],
    ['nohup nice -n 10 timeout 60 rm -rf /', 'recursive delete of /'],
    ['eval "rm -rf /"', 'recursive delete of /'],
    ['echo $(rm -rf /)', 'recursive delete of /'],
    ['echo `rm -rf ~`', 'recursive delete of the home folder'],
    ['true && (cd / && rm -rf *)', 'recursive delete of /'],
    ['cd ~ ; rm -rf .', 'recursive delete of the home folder'],
    ['trap "rm -rf /" EXIT', 'recursive delete of /'],
    ["$'\\x72\\x6d' -rf /", 'recursive delete of /'],
    ['$(echo rm) -rf /', 'a computed command with the arguments of a recursive delete of /'],
    ['find / -delete', 'find -delete over /'],
    ['find ~ -name "*" -delete', 'find -delete over the home folder'],
    ['find / -exec rm -rf {} +', 'recursive delete of /'],
    ['mv ~ /dev/null', 'moves the home folder away'],
    ['rsync -a --delete empty/ /', 'rsync --delete into /'],
    ['mkfs.ext4 /dev/sdb1', 'formats a file system (mkfs.ext4)'],
    ['sudo mkfs -t xfs /dev/nvme0n1', 'formats a file system (mkfs)'],
    ['dd if=/dev/zero of=/dev/sda bs=1M', 'writes to the device /dev/sda'],
    ['cat image.iso > /dev/sdb', 'writes to the device /dev/sdb'],
    ['echo 1 | tee /dev/nvme0n1', 'writes to the device /dev/nvme0n1'],
    [':(){ :|:& };:', 'a fork bomb (the function : calls itself in a pipe or in the background)'],
    [
      'bomb() { bomb | bomb & }; bomb',
      'a fork bomb (the function bomb calls itself in a pipe or in the background)',
    ],
    ['echo "alias ls=rm" >> ~/.bashrc', 'changes the shell start-up file /home/user/.bashrc'],
    ['echo x >> $HOME/.zshrc', 'changes the shell start-up file /home/user/.zshrc'],
    ['cp evil ~/.profile', 'changes the shell start-up file /home/user/.profile'],
    ["sed -i 's/^/x/' /home/user/.bash_profile", 'changes the shell start-up file /home/user/.bash_profile'],
    ['sudo tee /etc/profile.d/x.sh < payload', 'changes the shell start-up file /etc/profile.d/x.sh'],
    ['echo x > /etc/profile', 'changes the shell start-up file /etc/profile'],
    ['ls 2>&1 > /dev/sda', 'writes to the device /dev/sda'],
    ['rm${IFS}-rf${IFS}/', 'recursive delete of /'],
    ['{rm,-rf,/}', 'recursive delete of /'],
    ['alias x="rm -rf /"; x', 'recursive delete of /'],
    ['ls\nrm -rf ~', 'recursive delete of the home folder'],
  ];

  it.each(refused)('refuses %j: %s', (command, reason) => {
    expect(floor(command)).toBe(reason);
  });

  it.each([
    'rm -rf build',
    'rm -rf ./',
    'rm -rf *',
    'rm -rf /home/user/project/build',
    'rm -r /tmp/cache',
    'rm ~',
    'find . -delete',
    'dd if=in.img of=out.img',
    'echo x > /dev/null',
    'echo x >> .bashrc',
    'cat ~/.bashrc',
    'f(){ echo hi; }; f | f',
    'echo "rm -rf /"',
    "grep -r 'rm -rf /' .",
    'cat > notes.md <<EOF\nrm -rf /\nEOF',
  ])('lets %j through (it is no catastrophe)', (command) => {
    expect(floor(command)).toBeUndefined();
  });
});

describe('hardlineReason: the floor of every tool call', () => {
  const opts = { workspace: WS, home: HOME };

  it('judges command tools on their parsed command, whatever their name', () => {
    expect(hardlineReason('execute_command', { command: 'sudo rm -rf /' }, opts)).toBe(
      'recursive delete of /',
    );
    expect(hardlineReason('mcp__shell__run_command', { command: 'rm -rf ~' }, opts)).toBe(
      'recursive delete of the home folder',
    );
    expect(hardlineReason('mcp__box__bash', { cmd: ':(){ :|:& };:' }, opts)).toMatch(/^a fork bomb/);
    expect(hardlineReason('execute_command', { command: 'ls -la' }, opts)).toBeUndefined();
  });

  it('judges file-writing tools on the path they write', () => {
    expect(hardlineReason('write_file', { path: '/home/user/.bashrc', content: 'x' }, opts)).toBe(
      'changes the shell start-up file /home/user/.bashrc',
    );
    expect(hardlineReason('mcp__files__edit_file', { path: '~/.zshrc' }, opts)).toBe(
      'changes the shell start-up file /home/user/.zshrc',
    );
    expect(hardlineReason('mcp__disk__write_bytes', { target: '/dev/sda' }, opts)).toBe(
      'writes to the device /dev/sda',
    );
    expect(hardlineReason('write_file', { path: 'notes/.bashrc', content: 'x' }, opts)).toBeUndefined();
    expect(hardlineReason('read_file', { path: '/home/user/.bashrc' }, opts)).toBeUndefined();
  });

  it('ignores calls without arguments it can read', () => {
    expect(hardlineReason('execute_command', 'rm -rf /', opts)).toBeUndefined();
    expect(hardlineReason('execute_command', { command: 42 }, opts)).toBeUndefined();
  });
});
