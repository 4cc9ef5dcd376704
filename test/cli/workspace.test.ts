/**
 * Workspaces through the CLI against the fake provider: two coding agents write files, answer and
 * vote; peers read snapshots; permission denials reach the model as tool errors; the presenter
 * writes into a `write` context path; `execute_command` runs (sandboxed when bwrap works).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapStatus } from '../../src/workspace/sandbox.js';
import { consensus, type FakeRequest, findAnswerLabels, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { cliHelpers, events, unwrapToolOutput } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const { agent } = cliHelpers(() => fake);
/** The result text of the call with id `id` in a request. */
const result = (req: FakeRequest, id: string) => {
  const text = req.messages.find((m) => m.role === 'tool' && m.toolCallId === id)?.text;
  return text === undefined ? undefined : unwrapToolOutput(text);
};
const call = (id: string, name: string, args: Record<string, unknown>) => ({ id, name, args });
const sandboxed = bwrapStatus().available;

describe('agent workspaces through the CLI', () => {
  it('two coding agents share snapshots, denials are tool errors, the winner presents into a write context path', async () => {
    const home = tempHome();
    mkdirSync(path.join(home, 'project'));
    writeFileSync(path.join(home, 'project', 'secret.txt'), 'keep');
    const peerFile = path.join(home, '.massgen', 'temp_workspaces', 'agent1', 'hello.txt');
    const outsideFile = path.join(home, 'project', 'escape.txt');
    const vote = consensus();
    fake.setScenario(
      scripted(
        {
          'ws-a': [
            {
              toolCalls: [call('a1', 'write_file', { path: 'hello.txt', content: 'print("hello from A")' })],
            },
            { toolCalls: [call('a2', 'new_answer', { content: 'A wrote hello.txt' })] },
          ],
          'ws-b': [
            { toolCalls: [call('b1', 'write_file', { path: 'notes/b.txt', content: 'from B' })] },
            { toolCalls: [call('b2', 'new_answer', { content: 'B wrote notes/b.txt' })] },
            (req) => ({
              toolCalls: [
                call('b3', 'read_file', { path: peerFile }),
                call('b4', 'write_file', { path: peerFile, content: 'overwritten' }),
                call('b5', 'write_file', { path: path.join(home, 'project', 'secret.txt'), content: 'x' }),
                call('b6', 'write_file', { path: path.join(home, 'project', 'early.txt'), content: 'x' }),
                call('b7', 'execute_command', { command: 'echo ran > ran.txt && cat ran.txt' }),
                call('b8', 'execute_command', { command: 'rm -f ran.txt' }),
                call('b9', 'execute_command', { command: `touch ${outsideFile}` }),
                call('b10', 'search_files', { pattern: 'hello', path: path.dirname(peerFile) }),
                call('b11', 'list_directory', {}),
                call('b12', 'read_file', { path: '/etc/hostname' }),
              ],
              text: req.system.includes('## Workspace') ? '' : 'NO WORKSPACE PROMPT',
            }),
          ],
        },
        (req) => {
          if (req.tools.some((t) => t.name === 'vote')) return vote(req);
          // The presentation: write into the write context path, then present.
          if (!req.messages.some((m) => m.role === 'tool')) {
            return {
              toolCalls: [
                call('p1', 'write_file', { path: path.join(home, 'project', 'out.txt'), content: 'final' }),
                call('p2', 'write_file', { path: path.join(home, 'project', 'secret.txt'), content: 'x' }),
              ],
            };
          }
          return { text: `Final. p1=${result(req, 'p1')} p2=${result(req, 'p2')}` };
        },
      ),
    );
    const backend = (extra: string[]) => ['cwd: ws', ...extra];
    const file = writeFile(
      home,
      'ws.yaml',
      [
        'agents:',
        agent('a', 'ws-a', backend([])),
        agent(
          'b',
          'ws-b',
          backend(['enable_mcp_command_line: true', 'command_line_blocked_commands: ["rm .*"]']),
        ),
        'orchestrator:',
        '  context_paths:',
        '    - path: project',
        '      permission: write',
        '      protected_paths: [secret.txt]',
        '',
      ].join('\n'),
    );
    const start = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Write some code.'], { cwd: home });
    expect(r.stderr).toBe(
      sandboxed
        ? ''
        : `warning: b: execute_command runs commands WITHOUT a sandbox (${bwrapStatus().why}); install bubblewrap to confine them to the workspace\n`,
    );
    expect(r.code).toBe(0);
    const bReqs = fake.requests.filter((req) => req.index >= start && req.model === 'ws-b');
    const first = bReqs[0]!;
    expect(first.tools.map((t) => t.name).sort()).toEqual(
      [
        'edit_file',
        'execute_command',
        'list_directory',
        'new_answer',
        'read_file',
        'search_files',
        'vote',
        'write_file',
      ].sort(),
    );
    expect(first.system).toContain(path.join(home, '.massgen', 'temp_workspaces'));
    expect(first.system).toMatch(/Your workspace is .*\.massgen\/workspaces\/ws_[0-9a-f]{8}/);
    expect(first.system).toContain(`Context path ${path.join(home, 'project')}: read-only while answering`);
    const after = bReqs.find((req) => result(req, 'b3') !== undefined)!;
    expect(result(after, 'b3')).toBe('print("hello from A")');
    expect(result(after, 'b4')).toBe(
      `Not allowed: write access to ${peerFile} denied: peers' workspace snapshots under ${path.join(home, '.massgen', 'temp_workspaces')} are read-only`,
    );
    expect(result(after, 'b5')).toMatch(
      /^Not allowed: write access to .*project\/secret\.txt denied: .*protected path/,
    );
    expect(result(after, 'b6')).toMatch(
      /^Not allowed: write access to .*project\/early\.txt denied: .*writable only for the agent presenting the final answer/,
    );
    expect(result(after, 'b7')).toMatch(/^exit code 0\nstdout:\nran\n/);
    expect(result(after, 'b8')).toMatch(/^Not allowed: "rm -f ran.txt" refused: .*blocked pattern "rm \.\*"/);
    if (sandboxed) expect(result(after, 'b9')).toMatch(/^exit code [1-9]/);
    expect(existsSync(outsideFile)).toBe(!sandboxed);
    expect(result(after, 'b10')).toBe('hello.txt:1: print("hello from A")');
    // Tools of one reply run in parallel: ran.txt may or may not exist yet.
    expect(result(after, 'b11')).toMatch(/\nnotes\/(\nran\.txt)?$/);
    expect(result(after, 'b12')).toMatch(
      /^Not allowed: read access to \/etc\/hostname denied: the path is outside your workspace/,
    );
    expect(after.messages.some((m) => m.text === 'NO WORKSPACE PROMPT')).toBe(false);

    // The presenter wrote into the write context path; the protected path stayed closed.
    expect(readFileSync(path.join(home, 'project', 'out.txt'), 'utf8')).toBe('final');
    expect(readFileSync(path.join(home, 'project', 'secret.txt'), 'utf8')).toBe('keep');
    const answer = readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8');
    expect(answer).toMatch(
      /^Final\. p1=Wrote 5 bytes to .*project\/out\.txt p2=Not allowed: .*protected path/,
    );
    expect(existsSync(path.join(home, 'project', 'early.txt'))).toBe(false);

    // Snapshots: snapshot storage, the answer's log folder, and final/<winner>/workspace.
    const logDir = field(r.stdout, 'LOG_DIR')!;
    expect(field(r.stdout, 'WINNER')).toBe('a');
    expect(readFileSync(path.join(home, '.massgen', 'snapshots', 'a', 'hello.txt'), 'utf8')).toContain(
      'hello',
    );
    expect(readdirSync(path.join(logDir, 'final', 'a', 'workspace'))).toEqual(['hello.txt']);
    const answerDirs = readdirSync(path.join(logDir, 'b'));
    const withWorkspace = answerDirs.filter((d) => existsSync(path.join(logDir, 'b', d, 'workspace')));
    expect(withWorkspace).toHaveLength(1);
    expect(
      readFileSync(path.join(logDir, 'b', withWorkspace[0]!, 'workspace', 'notes', 'b.txt'), 'utf8'),
    ).toBe('from B');
    const all = events(logDir);
    const notices = all.filter((e) => e.type === 'notice').map((e) => (e as { message: string }).message);
    if (sandboxed) expect(notices.join('\n')).not.toMatch(/WITHOUT a sandbox/);
    else expect(notices.join('\n')).toMatch(/b: execute_command runs commands WITHOUT a sandbox/);
  });

  it("with restarts, the winner's workspace is in the attempt folder and at turn level", async () => {
    const home = tempHome();
    const vote = consensus({ present: () => 'Done.' });
    fake.setScenario((req) => {
      if (req.tools.some((t) => t.name === 'submit')) {
        return { toolCalls: [{ name: 'submit', args: { confirmed: true } }] };
      }
      const fresh = findAnswerLabels(req).length === 0 && !req.messages.some((m) => m.role === 'tool');
      if (req.tools.some((t) => t.name === 'new_answer') && fresh) {
        return { toolCalls: [call('s1', 'write_file', { path: 'app/main.py', content: 'print(1)' })] };
      }
      return vote(req);
    });
    const file = writeFile(
      home,
      'solo.yaml',
      [
        'agents:',
        agent('solo', 'ws-solo', ['cwd: work']),
        'orchestrator:',
        '  snapshot_storage: my_snaps',
        '  agent_temporary_workspace: my_temp',
        '  coordination:',
        '    max_orchestration_restarts: 1',
        '',
      ].join('\n'),
    );
    const r = await runCli(['--automation', '--config', file, 'Write main.py'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const logDir = field(r.stdout, 'LOG_DIR')!;
    for (const dir of [path.join(logDir, 'final'), path.join(logDir, 'attempt_1', 'final')]) {
      expect(readFileSync(path.join(dir, 'solo', 'workspace', 'app', 'main.py'), 'utf8')).toBe('print(1)');
    }
    expect(readFileSync(path.join(home, '.massgen', 'my_snaps', 'solo', 'app', 'main.py'), 'utf8')).toBe(
      'print(1)',
    );
    expect(readFileSync(path.join(home, '.massgen', 'my_temp', 'agent1', 'app', 'main.py'), 'utf8')).toBe(
      'print(1)',
    );
  });
});
