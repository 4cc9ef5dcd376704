/**
 * Tool-call safety through the CLI: three agents hold a destructive MCP tool (a test server that
 * appends a line to a file per call). During coordination their calls are recorded as planned, not
 * carried out; only the presenter carries the action out, through the policy — denied with no human
 * and no rule, run once with an allow rule, refused when a deny rule of a wider scope meets an allow.
 * MassGen v0.1.97 `permissions` blocks validate and take effect.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapStatus } from '../../src/workspace/sandbox.js';
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

const { agent } = cliHelpers(() => fake);
const threeAgents = (home: string, ledger: string, extra: string[] = []) =>
  threeLedgerAgents(() => fake, home, ledger, extra);

async function run(home: string, config: string) {
  fake.setScenario(eagerLedger);
  const r = await runCli(['--automation', '--config', config, 'Record the decision in the ledger.'], {
    cwd: home,
  });
  const logDir = field(r.stdout, 'LOG_DIR')!;
  return { ...r, logDir, all: events(logDir) };
}

describe('tool-call safety through the CLI', () => {
  it('during coordination the three calls are planned, not run; with no rule and no human the presenter is denied and the file stays empty', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const r = await run(home, threeAgents(home, ledger));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fileLines(ledger)).toEqual([]);

    const deferred = ofType(r.all, 'tool-deferred');
    expect(deferred.map((e) => e.agentId).sort()).toEqual(['a', 'b', 'c']);
    expect(deferred.every((e) => e.toolName === LEDGER_TOOL && e.risk.level === 'irreversible')).toBe(true);
    // Each answer carries its planned action, in the event and beside answer.txt.
    const answers = ofType(r.all, 'answer');
    expect(answers).toHaveLength(3);
    for (const answer of answers) {
      expect(answer.plannedActions?.map((p) => p.input)).toEqual([
        { line: `planned by safety-${answer.agentId}` },
      ]);
      const dir = path.join(r.logDir, answer.agentId);
      const [stamp] = readdirSync(dir).filter((d) => existsSync(path.join(dir, d, 'answer.txt')));
      const sidecar = JSON.parse(readFileSync(path.join(dir, stamp!, 'planned_actions.json'), 'utf8'));
      expect(sidecar.map((p: { toolName: string }) => p.toolName)).toEqual([LEDGER_TOOL]);
    }
    // The models were told the action is planned, not that it failed.
    const told = fake.requests.filter((q) => q.model === 'safety-b').flatMap(ledgerResults);
    expect(told[0]).toMatch(/^Recorded as a planned action, not carried out/);

    const denied = ofType(r.all, 'tool-denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ agentId: 'a', toolName: LEDGER_TOOL, by: 'automation-default' });
    const decisions = ofType(r.all, 'approval-decision');
    expect(decisions.map((d) => [d.approved, d.by])).toEqual([[false, 'automation-default']]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('TOOL_DENIED: '))).toEqual([
      expect.stringMatching(/^TOOL_DENIED: a: mcp__ledger__append \(automation-default\): not approved/),
    ]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('ACTION_PLANNED: '))).toHaveLength(3);
    // Every decision is in the turn's audit ledger.
    const audit = readFileSync(path.join(r.logDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { toolName?: string; agentId?: string; outcome?: string; decidedBy?: string },
      )
      .filter((rec) => rec.toolName === LEDGER_TOOL);
    expect(audit.map((rec) => `${rec.agentId} ${rec.outcome} ${rec.decidedBy}`).sort()).toEqual([
      'a deferred policy',
      'a denied automation-default',
      'b deferred policy',
      'c deferred policy',
    ]);
    // The presenter was told why, in its tool result.
    const presented = readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8');
    expect(presented).toMatch(
      /^Final: Not allowed: not approved \(automation-default\)\. Feedback: no human/,
    );
  });

  it('with an allow rule in the project policy file the file gets exactly one line, from the presenter', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    mkdirSync(path.join(home, '.massgen'));
    writeFileSync(path.join(home, '.massgen', 'policy.yaml'), 'rules:\n  allow: ["mcp__ledger__*"]\n');
    const r = await run(home, threeAgents(home, ledger));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fileLines(ledger)).toEqual([PRESENTED]);
    expect(ofType(r.all, 'tool-deferred')).toHaveLength(3);
    expect(ofType(r.all, 'tool-denied')).toEqual([]);
    expect(ofType(r.all, 'approval-request')).toEqual([]);
    expect(readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8')).toBe(`Final: appended: ${PRESENTED}`);
  });

  it('a deny rule in the user file beats an allow of the config and of the project file', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    mkdirSync(path.join(home, '.massgen'));
    writeFileSync(path.join(home, '.massgen', 'policy.yaml'), 'rules:\n  allow: ["mcp__ledger__append"]\n');
    // The run's home is its working directory: the user file is another file of the same folder.
    const userHome = path.join(home, 'user');
    mkdirSync(path.join(userHome, '.massgen'), { recursive: true });
    writeFileSync(path.join(userHome, '.massgen', 'policy.yaml'), 'rules:\n  deny: ["server:ledger"]\n');
    const config = threeAgents(home, ledger, ['permissions:', '  rules:', '    allow: ["mcp(ledger/*)"]']);
    fake.setScenario(eagerLedger);
    const r = await runCli(['--automation', '--config', config, 'Record it.'], {
      cwd: home,
      env: { HOME: userHome },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fileLines(ledger)).toEqual([]);
    // A deny is a refusal at any time: the coordination calls are refused too, not planned.
    const all = events(field(r.stdout, 'LOG_DIR')!);
    const denied = ofType(all, 'tool-denied');
    expect(denied.map((d) => `${d.agentId} ${d.by} ${d.rule}`).sort()).toEqual(
      ['a', 'a', 'b', 'c'].map((id) => `${id} policy server:ledger`),
    );
    expect(denied[0]!.reason).toContain(path.join(userHome, '.massgen', 'policy.yaml'));
    expect(ofType(all, 'tool-deferred')).toEqual([]);
  });

  it('a MassGen v0.1.97 permissions block validates, and its keys take effect', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const block = [
      'permissions:',
      '  enabled: true',
      '  automation_default: allow-all',
      '  role: read-write',
      '  rules:',
      '    allow: ["command(git status*)", "read_file(./**)"]',
      '    ask: ["read_url(*)"]',
      '    deny: ["command(git push --force*)", "write_file(/etc/**)"]',
      '  audit: true',
      '  max_consecutive_auto: 5',
      '  persist_approvals: false',
      '  settings_path: .massgen/settings.local.json',
    ];
    const config = threeAgents(home, ledger, block);
    const valid = await runCli(['--validate', config], { cwd: home });
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    // allow-all: the presenter's call is approved by the automation default and runs once.
    const r = await run(home, config);
    expect(r.code).toBe(0);
    expect(fileLines(ledger)).toEqual([PRESENTED]);
    expect(ofType(r.all, 'approval-decision').map((d) => [d.approved, d.by])).toEqual([
      [true, 'automation-default'],
    ]);

    // enabled: false turns the checks off: every call runs, as without safety.
    const off = tempHome();
    const offLedger = path.join(off, 'ledger.txt');
    const rOff = await run(off, threeAgents(off, offLedger, ['permissions:', '  enabled: false']));
    expect(rOff.code).toBe(0);
    expect(fileLines(offLedger).sort()).toEqual(
      [PRESENTED, 'planned by safety-a', 'planned by safety-b', 'planned by safety-c'].sort(),
    );
    expect(ofType(rOff.all, 'tool-deferred')).toEqual([]);

    // role: read-only denies every call that changes something, in every phase, even with allow-all.
    const ro = tempHome();
    const roLedger = path.join(ro, 'ledger.txt');
    const rRo = await run(
      ro,
      threeAgents(ro, roLedger, ['permissions:', '  role: read-only', '  automation_default: allow-all']),
    );
    expect(rRo.code).toBe(0);
    expect(fileLines(roLedger)).toEqual([]);
    expect(
      ofType(rRo.all, 'tool-denied')
        .map((d) => `${d.agentId} ${d.rule}`)
        .sort(),
    ).toEqual(['a', 'a', 'b', 'c'].map((id) => `${id} risk:irreversible`));
  });

  it('a bad pattern is an error naming the file, the line and the pattern; in the config, its key path', async () => {
    const home = tempHome();
    mkdirSync(path.join(home, '.massgen'));
    const policy = path.join(home, '.massgen', 'policy.yaml');
    writeFileSync(policy, 'rules:\n  allow:\n    - "mcp__ledger__*"\n    - "execute_command(git push*"\n');
    const config = threeAgents(home, path.join(home, 'ledger.txt'));
    const r = await runCli(['--automation', '--config', config, 'Go.'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`${policy}:4: bad pattern \`execute_command(git push*\``);

    const bad = threeAgents(tempHome(), 'x', [
      'permissions:',
      '  rules:',
      '    deny: ["write file(/etc/**)"]',
    ]);
    const v = await runCli(['--validate', bad]);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toContain('agents[0].backend.permissions.rules.deny[0]');
    expect(v.stdout + v.stderr).toContain('bad pattern `write file(/etc/**)`');
  });

  // Gated on the sandbox: were the floor to fail, the commands would meet a read-only root.
  it.runIf(bwrapStatus().available)(
    'hardline commands are refused even when allowed, obfuscated forms too; other commands run',
    async () => {
      const home = tempHome();
      const hostile = ['\\r\\m -rf /', 'env X=1 rm -rf ~', 'sh -c "rm -rf /"'];
      const commands = [...hostile, 'echo still-here'];
      fake.setScenario((req) => {
        if (!req.tools.some((t) => t.name === 'new_answer')) return { text: 'Done.' };
        const ran = req.messages.filter((m) => m.role === 'tool' && m.toolName === 'execute_command');
        if (ran.length === 0 && findAnswerLabels(req).length === 0) {
          return { toolCalls: commands.map((command) => ({ name: 'execute_command', args: { command } })) };
        }
        return consensus()(req);
      });
      const config = writeFile(
        home,
        'hardline.yaml',
        `agents:\n${agent('a', 'hardline-model', [
          'cwd: ws',
          'enable_mcp_command_line: true',
          'permissions:',
          '  automation_default: allow-all',
          '  rules:',
          '    allow: ["execute_command(*)"]',
        ])}\n`,
      );
      const r = await runCli(['--automation', '--config', config, 'Clean up.'], { cwd: home });
      expect(r.code).toBe(0);
      const all = events(field(r.stdout, 'LOG_DIR')!);
      const denied = ofType(all, 'tool-denied');
      expect(denied.map((d) => d.by)).toEqual(['hardline', 'hardline', 'hardline']);
      const results = ofType(all, 'tool-result').filter((e) => e.toolName === 'execute_command');
      expect(results.map((e) => e.isError)).toEqual([true, true, true, false]);
      expect(String(results[3]!.output)).toContain('still-here');
    },
  );
});
