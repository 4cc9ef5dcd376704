/**
 * The file tools against a hostile model, through the CLI: links a command made (dangling, chained,
 * to folders, to protected paths not yet written) lead nowhere outside, names that merely start
 * with `..` are fine, and FIFOs never hang the run — its deadline and Ctrl-C still end it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consensus,
  type FakeRequest,
  type Scenario,
  type ScriptEntry,
  scripted,
} from '../fake-provider/scenario.js';
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

const { agent } = cliHelpers(() => fake);
const offers = (req: FakeRequest, name: string) => req.tools.some((t) => t.name === name);
const outsideRule = 'the path is outside your workspace';

describe('file tools against a hostile model (CLI)', () => {
  it('links out of the workspace are judged by their targets: no write, edit, read, list or search gets out; `..notes` is an ordinary name', async () => {
    const home = tempHome();
    const outside = path.join(home, 'outside');
    const project = path.join(home, 'project');
    mkdirSync(outside);
    mkdirSync(project);
    writeFileSync(path.join(outside, 'existing.txt'), 'keep');
    writeFileSync(path.join(project, 'secret.txt'), 'keep');
    const links = [
      `ln -s ${outside}/x d`,
      `ln -s d chain`,
      `ln -s ${outside} dirlink`,
      `ln -s ${outside}/existing.txt r`,
      `ln -s ${project}/notyet.txt p`,
    ].join(' && ');
    const vote = consensus();
    fake.setScenario(
      scripted(
        {
          'h-files': [
            { toolCalls: [call('l1', 'execute_command', { command: links })] },
            {
              toolCalls: [
                call('w1', 'write_file', { path: 'd', content: 'pwned' }),
                call('w2', 'write_file', { path: 'dirlink/new.txt', content: 'pwned' }),
                call('w3', 'write_file', { path: 'chain', content: 'pwned' }),
                call('w4', 'edit_file', { path: 'r', old_string: 'keep', new_string: 'pwned' }),
                call('w5', 'read_file', { path: 'r' }),
                call('w6', 'list_directory', { path: 'dirlink' }),
                call('w7', 'search_files', { pattern: 'keep', path: 'dirlink' }),
                call('w8', 'search_files', { pattern: 'keep' }),
                call('w9', 'write_file', { path: '..notes', content: 'notes' }),
                call('w10', 'write_file', { path: 'sub/..x/y.txt', content: 'deep' }),
              ],
            },
            {
              toolCalls: [
                call('n1', 'read_file', { path: '..notes' }),
                call('n2', 'read_file', { path: 'sub/..x/y.txt' }),
                call('n3', 'list_directory', {}),
              ],
            },
            { toolCalls: [call('a1', 'new_answer', { content: 'done' })] },
          ],
        },
        (req) => {
          if (offers(req, 'vote')) return vote(req);
          if (!req.messages.some((m) => m.role === 'tool')) {
            // Presenting: the write context path is open now, its protected paths are not.
            return {
              toolCalls: [
                call('p1', 'write_file', { path: 'p', content: 'pwned' }),
                call('p2', 'write_file', { path: 'd', content: 'pwned' }),
                call('p3', 'write_file', { path: path.join(project, 'ok.txt'), content: 'final' }),
              ],
            };
          }
          return { text: 'Final.' };
        },
      ),
    );
    const file = writeFile(
      home,
      'h.yaml',
      [
        'agents:',
        agent('h', 'h-files', ['cwd: ws', 'enable_mcp_command_line: true']),
        'orchestrator:',
        '  context_paths:',
        '    - path: project',
        '      permission: write',
        '      protected_paths: [secret.txt, notyet.txt]',
        '',
      ].join('\n'),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Go.'], { cwd: home });
    expect(r.code).toBe(0);
    const result = (id: string) => resultOf(fake, since, id);
    expect(result('l1')).toMatch(/^exit code 0\n/);
    const denied = (access: string, target: string) =>
      new RegExp(`^Not allowed: ${access} access to ${target} denied: ${outsideRule}`);
    expect(result('w1')).toMatch(denied('write', `${outside}/x`));
    expect(result('w2')).toMatch(denied('write', `${outside}/new.txt`));
    expect(result('w3')).toMatch(denied('write', `${outside}/x`));
    expect(result('w4')).toMatch(denied('write', `${outside}/existing.txt`));
    expect(result('w5')).toMatch(denied('read', `${outside}/existing.txt`));
    expect(result('w6')).toMatch(denied('read', outside));
    expect(result('w7')).toMatch(denied('read', outside));
    const ws = /Your workspace is (\S+?):/.exec(fake.requests[since]!.system)![1]!;
    // Links are not followed by a search of the workspace.
    expect(result('w8')).toBe(`No matches for "keep" under ${ws}.`);
    expect(result('w9')).toBe(`Wrote 5 bytes to ${ws}/..notes`);
    expect(result('w10')).toBe(`Wrote 4 bytes to ${ws}/sub/..x/y.txt`);
    expect(result('n1')).toBe('notes');
    expect(result('n2')).toBe('deep');
    expect(result('n3')).toBe(`${ws}: 7 entries\n..notes\nchain@\nd@\ndirlink@\np@\nr@\nsub/`);
    expect(result('p1')).toMatch(
      new RegExp(
        `^Not allowed: write access to ${project}/notyet.txt denied: ${project}/notyet.txt is a protected path`,
      ),
    );
    expect(result('p2')).toMatch(denied('write', `${outside}/x`));
    expect(result('p3')).toBe(`Wrote 5 bytes to ${project}/ok.txt`);
    // Nothing got out.
    expect(readdirSync(outside)).toEqual(['existing.txt']);
    expect(readFileSync(path.join(outside, 'existing.txt'), 'utf8')).toBe('keep');
    expect(readdirSync(project).sort()).toEqual(['ok.txt', 'secret.txt']);
    expect(readFileSync(path.join(project, 'secret.txt'), 'utf8')).toBe('keep');
  });

  describe('FIFOs', () => {
    const fifos = 'mkfifo f1 f2 f3 f4 f5 f6 && mkdir sub && mkfifo sub/f7 && echo findme > sub/t.txt';
    /** The replies of a model that makes FIFOs and reads them in every way; then `last` answers. */
    const hostile = (model: string, last: ScriptEntry): Scenario =>
      scripted(
        {
          [model]: [
            { toolCalls: [call('m1', 'execute_command', { command: fifos })] },
            {
              toolCalls: [
                ...['f1', 'f2', 'f3', 'f4', 'f5', 'f6'].map((f) => call(`r-${f}`, 'read_file', { path: f })),
                call('s1', 'search_files', { pattern: 'findme' }),
                call('s2', 'search_files', { pattern: 'x', path: 'f1' }),
                call('e1', 'edit_file', { path: 'f2', old_string: 'a', new_string: 'b' }),
                call('w1', 'write_file', { path: 'f3', content: 'x' }),
                call('l1', 'list_directory', { path: 'sub' }),
              ],
            },
            last,
          ],
        },
        consensus(),
      );
    const config = (home: string, model: string) =>
      writeFile(
        home,
        'fifo.yaml',
        ['agents:', agent('h', model, ['cwd: ws', 'enable_mcp_command_line: true']), ''].join('\n'),
      );
    const special = 'is not a regular file (a FIFO, socket or device); file tools work on regular files only';

    function expectRefusals(since: number, ws: string): void {
      const result = (id: string) => resultOf(fake, since, id);
      expect(result('m1')).toMatch(/^exit code 0\n/);
      for (const f of ['f1', 'f2', 'f3', 'f4', 'f5', 'f6']) {
        expect(result(`r-${f}`)).toBe(`Tool read_file failed: ${ws}/${f} ${special}`);
      }
      expect(result('s1')).toBe('sub/t.txt:1: findme');
      expect(result('s2')).toBe(
        `Tool search_files failed: ${ws}/f1 is not a regular file or a folder; nothing to search`,
      );
      expect(result('e1')).toBe(`Tool edit_file failed: ${ws}/f2 ${special}`);
      expect(result('w1')).toBe(`Tool write_file failed: ${ws}/f3 ${special}`);
      expect(result('l1')).toBe(`${ws}/sub: 1 entry\nt.txt`);
    }

    it('are refused at once, and the run still ends at its deadline with its logs written', async () => {
      const home = tempHome();
      const since = fake.requests.length;
      // After the FIFOs the model never answers: only the deadline ends the run.
      fake.setScenario(hostile('h-fifo-deadline', () => ({ firstByteDelayMs: 60_000, text: 'late' })));
      const r = await runCli(
        ['--automation', '--orchestrator-timeout', '3', '--config', config(home, 'h-fifo-deadline'), 'Go.'],
        { cwd: home },
      );
      expect(r.code).toBe(3);
      expect(r.stdout).toMatch(/^STATUS_FINAL: timeout$/m);
      const ws = /Your workspace is (\S+?):/.exec(fake.requests[since]!.system)![1]!;
      expectRefusals(since, ws);
      const logDir = field(r.stdout, 'LOG_DIR')!;
      expect(events(logDir).filter((e) => e.type === 'run-end')).toHaveLength(1);
      expect(existsSync(path.join(ws, 'f1'))).toBe(true);
    });

    it('are refused at once, and Ctrl-C still ends the run', async () => {
      const home = tempHome();
      const since = fake.requests.length;
      let reached!: () => void;
      const waiting = new Promise<void>((resolve) => {
        reached = resolve;
      });
      fake.setScenario(
        hostile('h-fifo-sigint', () => {
          reached();
          return { firstByteDelayMs: 60_000, text: 'late' };
        }),
      );
      const r = await runCli(['--automation', '--config', config(home, 'h-fifo-sigint'), 'Go.'], {
        cwd: home,
        onSpawn: (child) => void waiting.then(() => child.kill('SIGINT')),
      });
      expect(r.code).toBe(4);
      expect(r.stdout).toMatch(/^STATUS_FINAL: interrupted$/m);
      const ws = /Your workspace is (\S+?):/.exec(fake.requests[since]!.system)![1]!;
      expectRefusals(since, ws);
      const logDir = field(r.stdout, 'LOG_DIR')!;
      expect(events(logDir).filter((e) => e.type === 'run-end')).toHaveLength(1);
    });
  });
});
