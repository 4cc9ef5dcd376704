/**
 * Workspace copies against a hostile model, through the CLI: a sparse file stays sparse in every
 * copy, the peers' view and the log share the snapshot's files instead of copying them again,
 * FIFOs are left out and links are copied as links; a workspace over `orchestrator.max_workspace_bytes`
 * gets its `new_answer` refused with an error that says why, until the model makes room.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { call, resultOf } from '../support/hostile.js';
import { cliHelpers, events } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const { agent, presentAnswer } = cliHelpers(() => fake);
const MiB = 1024 * 1024;
/** Bytes really written for a file. */
const allocated = (file: string) => statSync(file).blocks * 512;

describe('workspace copies against a hostile model (CLI)', () => {
  it('a 200 MiB sparse file stays sparse; the peer view and the log share the snapshot; FIFOs are skipped, links kept', async () => {
    const home = tempHome();
    const make =
      'truncate -s 200M sparse.bin && echo data > small.txt && mkfifo pipe && ln -s /etc/passwd link';
    fake.setScenario(
      scripted(
        {
          'h-sparse': [
            { toolCalls: [call('c1', 'execute_command', { command: make })] },
            { toolCalls: [call('a1', 'new_answer', { content: 'made files' })] },
          ],
        },
        presentAnswer,
      ),
    );
    const file = writeFile(
      home,
      'sparse.yaml',
      ['agents:', agent('h', 'h-sparse', ['cwd: ws', 'enable_mcp_command_line: true']), ''].join('\n'),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Go.'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(resultOf(fake, since, 'c1')).toMatch(/^exit code 0\n/);
    const logDir = field(r.stdout, 'LOG_DIR')!;
    const snapshot = path.join(home, '.massgen', 'snapshots', 'h');
    const view = path.join(home, '.massgen', 'temp_workspaces', 'agent1');
    const answerDir = readdirSync(path.join(logDir, 'h')).find((d) =>
      readdirSync(path.join(logDir, 'h', d)).includes('answer.txt'),
    )!;
    const logged = path.join(logDir, 'h', answerDir, 'workspace');
    const final = path.join(logDir, 'final', 'h', 'workspace');
    for (const dir of [snapshot, view, logged, final]) {
      expect(readdirSync(dir).sort(), dir).toEqual(['link', 'small.txt', 'sparse.bin']);
      const sparse = path.join(dir, 'sparse.bin');
      expect(statSync(sparse).size).toBe(200 * MiB);
      expect(allocated(sparse)).toBeLessThan(MiB);
      expect(readFileSync(path.join(dir, 'small.txt'), 'utf8')).toBe('data\n');
      expect(lstatSync(path.join(dir, 'link')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(path.join(dir, 'link'))).toBe('/etc/passwd');
    }
    // One copy of the snapshot's files, shared by the peers' view and the answer's log folder.
    const inode = statSync(path.join(snapshot, 'sparse.bin')).ino;
    expect(statSync(path.join(view, 'sparse.bin')).ino).toBe(inode);
    expect(statSync(path.join(logged, 'sparse.bin')).ino).toBe(inode);
    // The final copy comes from the live workspace: a copy of its own.
    expect(statSync(path.join(final, 'sparse.bin')).ino).not.toBe(inode);
  });

  it('a workspace over max_workspace_bytes gets new_answer refused, saying why; after making room the answer is taken', async () => {
    const home = tempHome();
    fake.setScenario(
      scripted(
        {
          'h-big': [
            {
              toolCalls: [
                call('c1', 'execute_command', { command: 'truncate -s 5M big.bin && echo ok > keep.txt' }),
              ],
            },
            { toolCalls: [call('a1', 'new_answer', { content: 'with big' })] },
            { toolCalls: [call('c2', 'execute_command', { command: 'rm big.bin' })] },
            { toolCalls: [call('a2', 'new_answer', { content: 'without big' })] },
          ],
        },
        presentAnswer,
      ),
    );
    const file = writeFile(
      home,
      'big.yaml',
      [
        'agents:',
        agent('h', 'h-big', ['cwd: ws', 'enable_mcp_command_line: true']),
        'orchestrator:',
        '  max_workspace_bytes: 1048576',
        '',
      ].join('\n'),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Go.'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ws = /Your workspace is (\S+?):/.exec(fake.requests[since]!.system)![1]!;
    expect(fake.requests[since]!.system).toContain('it may hold at most 1 MiB of files');
    expect(resultOf(fake, since, 'a1')).toBe(
      `Your answer was not recorded: your workspace ${ws} holds more than 1 MiB of files (orchestrator.max_workspace_bytes), too much to snapshot and share with the other agents. Delete what the answer does not need from your workspace, then call new_answer again.`,
    );
    const logDir = field(r.stdout, 'LOG_DIR')!;
    const answers = events(logDir).filter((e) => e.type === 'answer');
    expect(answers.map((e) => (e as { content: string }).content)).toEqual(['without big']);
    expect(readdirSync(path.join(home, '.massgen', 'snapshots', 'h'))).toEqual(['keep.txt']);
    expect(readFileSync(path.join(logDir, 'final', 'h', 'answer.txt'), 'utf8')).toBe('without big');
  });
});
