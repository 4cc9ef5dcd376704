/**
 * Approvals through the CLI's approval folder (`--approval-dir`, `permissions.approval_dir`): the
 * presenter's call of the destructive ledger tool is written to `req_<id>.json` and decided by the
 * `resp_<id>.json` this test writes when it reads the `APPROVAL_REQUEST:` line; approved it runs
 * once, denied the feedback reaches the model; a malformed response, no response, and a folder that
 * cannot be written fail closed.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, findAnswerLabels } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import {
  eagerLedger,
  fileLines,
  LEDGER_TOOL,
  ledgerResults,
  ofType,
  PRESENTED,
  threeLedgerAgents,
} from '../support/ledger-run.js';
import { cliHelpers, events } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

interface RequestFile {
  id: string;
  agent: string;
  tool: string;
  risk: string;
  reason: string;
  arguments: unknown;
  response_file: string;
}

/**
 * Runs `--automation` with `args`; each request file announced on stdout is read, and `answer`'s
 * text (if any) is written as its response.
 */
async function run(
  home: string,
  config: string,
  args: string[],
  answer: (request: RequestFile, child: ChildProcess) => string | undefined,
) {
  fake.setScenario(eagerLedger);
  const requests: RequestFile[] = [];
  const r = await runCli(
    ['--automation', '--config', config, ...args, 'Record the decision in the ledger.'],
    {
      cwd: home,
      onSpawn: (child) => {
        let pending = '';
        child.stdout?.on('data', (chunk) => {
          pending += chunk;
          const complete = pending.split('\n');
          pending = complete.pop() ?? '';
          for (const line of complete) {
            if (!line.startsWith('APPROVAL_REQUEST: ')) continue;
            const request = JSON.parse(readFileSync(line.slice('APPROVAL_REQUEST: '.length), 'utf8'));
            requests.push(request);
            const text = answer(request, child);
            if (text !== undefined) writeFileSync(request.response_file, text);
          }
        });
      },
    },
  );
  const logDir = field(r.stdout, 'LOG_DIR')!;
  return { ...r, requests, logDir, all: events(logDir) };
}

const stdoutLines = (stdout: string, key: string) =>
  stdout.split('\n').filter((l) => l.startsWith(`${key}: `));

describe('approvals through the approval folder', () => {
  it('approved: the ledger gets exactly one line; --approval-dir beats permissions.approval_dir', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const dir = path.join(home, 'approvals');
    const config = threeLedgerAgents(() => fake, home, ledger, [
      'permissions:',
      '  approval_dir: from-config',
    ]);
    const r = await run(home, config, ['--approval-dir', 'approvals'], () => '{"approved": true}');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fileLines(ledger)).toEqual([PRESENTED]);
    expect(r.requests).toHaveLength(1);
    const [request] = r.requests;
    const runId = path.basename(path.dirname(r.logDir));
    expect(request).toMatchObject({
      id: `${runId}_turn_1_a_1`,
      agent: 'a',
      tool: LEDGER_TOOL,
      risk: 'irreversible',
      arguments: { line: PRESENTED },
      response_file: path.join(dir, `resp_${runId}_turn_1_a_1.json`),
    });
    expect(stdoutLines(r.stdout, 'APPROVAL_REQUEST')).toEqual([
      `APPROVAL_REQUEST: ${path.join(dir, `req_${request!.id}.json`)}`,
    ]);
    expect(stdoutLines(r.stdout, 'APPROVAL_DECISION')).toEqual([
      `APPROVAL_DECISION: a: ${LEDGER_TOOL} approved (file, once)`,
    ]);
    expect(ofType(r.all, 'approval-decision').map((d) => [d.approved, d.by])).toEqual([[true, 'file']]);
    // Decided: both files are gone; the config's folder was never used.
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(path.join(home, 'from-config'))).toBe(false);
    expect(readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8')).toBe(`Final: appended: ${PRESENTED}`);
  });

  it('denied with feedback: the ledger stays empty, and the feedback reaches the model and the output', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const config = threeLedgerAgents(() => fake, home, ledger);
    const before = fake.requests.length;
    const feedback = 'the ledger is frozen until Monday';
    const r = await run(home, config, ['--approval-dir', 'approvals'], () =>
      JSON.stringify({ approved: false, feedback }),
    );
    expect(r.code).toBe(0);
    expect(fileLines(ledger)).toEqual([]);
    expect(r.requests).toHaveLength(1);
    const told = fake.requests
      .slice(before)
      .filter((q) => q.model === 'safety-a')
      .flatMap(ledgerResults);
    expect(told.at(-1)).toBe(`Not allowed: not approved (file). Feedback: ${feedback}`);
    expect(stdoutLines(r.stdout, 'TOOL_DENIED')).toEqual([
      `TOOL_DENIED: a: ${LEDGER_TOOL} (file): not approved (file). Feedback: ${feedback}`,
    ]);
    expect(ofType(r.all, 'approval-decision').map((d) => [d.approved, d.by, d.feedback])).toEqual([
      [false, 'file', feedback],
    ]);
  });

  it('a malformed response is a denial with a warning naming the file', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const config = threeLedgerAgents(() => fake, home, ledger);
    const r = await run(home, config, ['--approval-dir', 'approvals'], () => 'yes please');
    expect(r.code).toBe(0);
    expect(fileLines(ledger)).toEqual([]);
    expect(ofType(r.all, 'approval-decision').map((d) => [d.approved, d.by])).toEqual([[false, 'file']]);
    const response = r.requests[0]!.response_file;
    const warnings = ofType(r.all, 'notice').filter((n) => n.message.includes('approval response'));
    expect(warnings.map((w) => [w.level, w.agentId])).toEqual([['warning', 'a']]);
    expect(warnings[0]!.message).toContain(`The approval response ${response} is not valid: it is not JSON`);
  });

  it('no response within permissions.approval_timeout is a denial by timeout (the config key names the folder)', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const config = threeLedgerAgents(() => fake, home, ledger, [
      'permissions:',
      '  approval_dir: queue',
      '  approval_timeout: 1',
    ]);
    const r = await run(home, config, [], () => undefined);
    expect(r.code).toBe(0);
    expect(fileLines(ledger)).toEqual([]);
    expect(r.requests).toHaveLength(1);
    expect(path.dirname(r.requests[0]!.response_file)).toBe(path.join(home, 'queue'));
    const decisions = ofType(r.all, 'approval-decision');
    expect(decisions.map((d) => [d.approved, d.by])).toEqual([[false, 'timeout']]);
    expect(decisions[0]!.feedback).toMatch(/^no decision was written to resp_.*\.json within 1 s/);
    expect(readdirSync(path.join(home, 'queue'))).toEqual([]);
  });

  it('Ctrl-C while a request waits ends the wait at once: interrupted, the request file removed', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const config = threeLedgerAgents(() => fake, home, ledger);
    const r = await run(home, config, ['--approval-dir', 'approvals'], (_request, child) => {
      child.kill('SIGINT');
      return undefined;
    });
    // The default timeout is 300 s, the CLI is killed after 25: exit code 4 is the interrupt's.
    expect(r.code).toBe(4);
    expect(r.requests).toHaveLength(1);
    expect(fileLines(ledger)).toEqual([]);
    expect(readdirSync(path.join(home, 'approvals'))).toEqual([]);
    expect(ofType(r.all, 'approval-decision')).toEqual([]);
  });

  it('a folder that cannot be written is a config error naming it, before anything starts', async () => {
    const home = tempHome();
    const config = threeLedgerAgents(() => fake, home, path.join(home, 'ledger.txt'));
    writeFileSync(path.join(home, 'blocker'), '');
    const before = fake.requests.length;
    const r = await runCli(
      ['--automation', '--config', config, '--approval-dir', 'blocker/approvals', 'Go.'],
      {
        cwd: home,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: the approval folder ${path.join(home, 'blocker', 'approvals')} cannot be written (set by --approval-dir)`,
    );
    expect(r.stdout).toBe('');
    expect(fake.requests.length).toBe(before);
    expect(existsSync(path.join(home, '.massgen', 'massgen_logs'))).toBe(false);

    const other = tempHome();
    mkdirSync(path.join(other, 'ro'));
    writeFileSync(path.join(other, 'ro', 'file'), '');
    const keyed = threeLedgerAgents(() => fake, other, path.join(other, 'ledger.txt'), [
      'permissions:',
      '  approval_dir: ro/file/approvals',
    ]);
    const k = await runCli(['--automation', '--config', keyed, 'Go.'], { cwd: other });
    expect(k.code).toBe(1);
    expect(k.stderr).toContain(
      `error: the approval folder ${path.join(other, 'ro', 'file', 'approvals')} cannot be written (set by ${keyed}: agents[0].backend.permissions.approval_dir)`,
    );
    expect(fake.requests.length).toBe(before);
  });

  it('approval_mode: file needs a folder, and approval_timeout must be a positive number of seconds', async () => {
    const home = tempHome();
    const config = threeLedgerAgents(() => fake, home, path.join(home, 'ledger.txt'), [
      'permissions:',
      '  approval_mode: file',
    ]);
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, 'Go.'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${config}: agents[0].backend.permissions.approval_mode is "file" but no approval folder is given`,
    );
    expect(r.stderr).toContain(
      'fix: set agents[0].backend.permissions.approval_dir, or run with --approval-dir DIR',
    );
    expect(fake.requests.length).toBe(before);

    const bad = threeLedgerAgents(() => fake, tempHome(), 'ledger.txt', [
      'permissions:',
      '  approval_timeout: 0',
    ]);
    const v = await runCli(['--validate', bad]);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toContain('agents[0].backend.permissions.approval_timeout');
  });

  it('no agent may write in the approval folder: a file tool writing a response there is refused', async () => {
    const home = tempHome();
    const dir = path.join(home, 'approvals');
    const forged = path.join(dir, 'resp_forged.json');
    const { agent, toolText } = cliHelpers(() => fake);
    fake.setScenario((req) => {
      if (!req.tools.some((t) => t.name === 'new_answer')) return { text: 'Done.' };
      if (toolText(req, 'write_file') === undefined && findAnswerLabels(req).length === 0) {
        return { toolCalls: [{ name: 'write_file', args: { path: forged, content: '{"approved": true}' } }] };
      }
      return consensus()(req);
    });
    const config = writeFile(
      home,
      'forge.yaml',
      `agents:\n${agent('a', 'forger', ['cwd: ws'], { safety: true })}\n`,
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, '--approval-dir', 'approvals', 'Go.'], {
      cwd: home,
    });
    expect(r.code).toBe(0);
    const told = fake.requests
      .slice(before)
      .map((q) => toolText(q, 'write_file'))
      .find((t) => t !== undefined);
    expect(told).toMatch(
      new RegExp(
        `^Not allowed: write access to ${forged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} denied: .* is MassGen's own folder`,
      ),
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
