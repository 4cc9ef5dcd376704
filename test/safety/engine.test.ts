import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventInput, StreamPhase } from '../../src/events/types.js';
import { type HardlineCheck, SafetyEngine } from '../../src/safety/engine.js';
import type { AgentPolicy } from '../../src/safety/policy/agent-policy.js';
import { parsePattern } from '../../src/safety/policy/pattern.js';
import type { PolicyRule } from '../../src/safety/policy/rules.js';
import { hardlineReason } from '../../src/safety/risk/hardline.js';
import type { RiskJudge } from '../../src/safety/risk/judge.js';
import { ToolRegistry } from '../../src/tools/registry.js';
import type { ToolEntry } from '../../src/tools/types.js';
import type {
  ApprovalDecision,
  ApprovalPort,
  ApprovalRequest,
  AuditRecord,
  RiskLevel,
} from '../../src/types/safety.js';

/** A judge double: the risk level of each tool by name. */
const judgeOf = (levels: Record<string, RiskLevel>): RiskJudge => ({
  judge: async (call) => ({
    level: levels[call.toolName] ?? 'unknown',
    openWorld: false,
    source: 'config',
    reason: `declared ${levels[call.toolName] ?? 'unknown'}`,
  }),
});
/** The real hardline floor, with a workspace of its own. */
const hardline: HardlineCheck = (tool, input) => hardlineReason(tool, input, { workspace: '/work/ws' });

const policy = (over: Partial<AgentPolicy> = {}): AgentPolicy => ({
  enabled: true,
  rules: [],
  automationDefault: 'deny-all',
  audit: true,
  allowNetwork: false,
  readOnly: false,
  approvalTimeoutMs: 300_000,
  ...over,
});
const rules = (spec: Partial<Record<'allow' | 'ask' | 'deny', string[]>>): PolicyRule[] =>
  Object.entries(spec).flatMap(([action, texts]) =>
    texts.map((t) => ({ action: action as 'allow', pattern: parsePattern(t), scope: 'config' as const })),
  );

function setup(options: {
  levels: Record<string, RiskLevel>;
  policy?: AgentPolicy;
  approve?: ApprovalPort;
  /** The agent's own port (its approval folder), or `false`: nobody. */
  agentApprove?: ApprovalPort | false;
  runKey?: string;
}) {
  const ran: Array<{ tool: string; input: unknown }> = [];
  const failNext = new Set<string>();
  const entry = (name: string): ToolEntry => ({
    name,
    description: name,
    inputSchema: { type: 'object' },
    source: name === 'execute_command' ? 'workspace' : 'mcp',
    timeoutMs: 5000,
    async execute(input) {
      ran.push({ tool: name, input });
      if (failNext.delete(name)) return { value: `${name} failed`, isError: true };
      return { value: `did ${name}` };
    },
  });
  const registry = new ToolRegistry({ agentId: 'a' });
  registry.add(Object.keys(options.levels).map(entry));
  const audit: AuditRecord[] = [];
  const engine = new SafetyEngine({
    approve: options.approve,
    audit: { append: (r) => audit.push(r), close: async () => {} },
  });
  if (options.runKey) engine.bindRun(options.runKey);
  registry.addBeforeCall(
    engine.hook('a', {
      policy: options.policy ?? policy(),
      judge: judgeOf(options.levels),
      hardline,
      ...(options.agentApprove !== undefined ? { approve: options.agentApprove } : {}),
    }),
  );
  const events: EventInput[] = [];
  let n = 0;
  const call = (toolName: string, input: unknown, phase: StreamPhase) =>
    registry.execute(
      { toolCallId: `c${++n}`, toolName, input },
      { agentId: 'a', emit: (e) => events.push(e), signal: new AbortController().signal, phase },
    );
  return {
    call,
    ran,
    failNext,
    events,
    audit,
    of: <T extends EventInput['type']>(t: T) => events.filter((e) => e.type === t),
  };
}

/** An approval port double that answers with the given decisions in turn and keeps the requests. */
function port(...answers: ApprovalDecision[]): ApprovalPort & { asked: ApprovalRequest[] } {
  const asked: ApprovalRequest[] = [];
  const fn = async (request: ApprovalRequest) => {
    asked.push(request);
    return answers.shift() ?? { approved: false, scope: 'once', by: 'human' };
  };
  return Object.assign(fn, { asked });
}

describe('the safety engine', () => {
  it('during coordination an irreversible or unknown call is planned, not run; read-only and reversible calls run', async () => {
    const t = setup({
      levels: { send: 'irreversible', mystery: 'unknown', read: 'read-only', edit: 'reversible' },
    });
    const planned = await t.call('send', { to: 'x' }, 'coordination');
    expect(planned.isError).toBe(false);
    expect(planned.value).toMatch(/^Recorded as a planned action, not carried out: send is irreversible/);
    expect((await t.call('mystery', {}, 'coordination')).value).toMatch(/mystery is of unknown risk/);
    expect((await t.call('read', {}, 'coordination')).value).toBe('did read');
    expect((await t.call('edit', {}, 'coordination')).value).toBe('did edit');
    expect(t.ran.map((r) => r.tool)).toEqual(['read', 'edit']);
    expect(t.of('tool-deferred').map((e) => (e as { toolName: string }).toolName)).toEqual([
      'send',
      'mystery',
    ]);
    expect(t.audit.map((r) => `${r.toolName} ${r.outcome} ${r.decidedBy}`)).toEqual([
      'send deferred policy',
      'mystery deferred policy',
      'read run policy',
      'edit run policy',
    ]);
    expect(t.audit[2]!.resultDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hardline commands are refused even when allowed, in every phase, obfuscated forms too', async () => {
    const t = setup({
      levels: { execute_command: 'irreversible' },
      policy: policy({ rules: rules({ allow: ['execute_command(*)'] }), automationDefault: 'allow-all' }),
    });
    for (const command of ['rm -rf /', '\\r\\m -rf /', 'env X=1 rm -rf ~', 'sh -c "rm -rf /"']) {
      for (const phase of ['coordination', 'presentation'] as const) {
        const out = await t.call('execute_command', { command }, phase);
        expect(out.isError).toBe(true);
        expect(out.value).toMatch(
          /^Not allowed: refused by the safety policy: refused by the hardline floor/,
        );
      }
    }
    expect(t.ran).toEqual([]);
    expect(t.of('tool-denied')).toHaveLength(8);
    expect(new Set(t.of('tool-denied').map((e) => (e as { by: string }).by))).toEqual(new Set(['hardline']));
  });

  it('the presenter carries an allowed irreversible call out once; the same call again is not run', async () => {
    const t = setup({
      levels: { send: 'irreversible' },
      policy: policy({ rules: rules({ allow: ['send'] }) }),
    });
    expect((await t.call('send', { to: 'x' }, 'presentation')).value).toBe('did send');
    const again = await t.call('send', { to: 'x' }, 'presentation');
    expect(again.value).toMatch(/^Not carried out again/);
    expect((await t.call('send', { to: 'y' }, 'presentation')).value).toBe('did send');
    expect(t.ran).toEqual([
      { tool: 'send', input: { to: 'x' } },
      { tool: 'send', input: { to: 'y' } },
    ]);
  });

  it('a call whose tool failed may be tried again', async () => {
    const t = setup({
      levels: { flaky: 'irreversible' },
      policy: policy({ rules: rules({ allow: ['flaky'] }) }),
    });
    t.failNext.add('flaky');
    expect((await t.call('flaky', { n: 1 }, 'presentation')).isError).toBe(true);
    expect((await t.call('flaky', { n: 1 }, 'presentation')).value).toBe('did flaky');
    expect((await t.call('flaky', { n: 1 }, 'presentation')).value).toMatch(/^Not carried out again/);
    expect(t.ran).toHaveLength(2);
  });

  it('an ask goes to the approval port: a denial’s feedback reaches the model; a session approval covers the same target', async () => {
    const approve = port(
      { approved: false, scope: 'once', by: 'human', feedback: 'use the staging list' },
      { approved: true, scope: 'session', by: 'human' },
    );
    const t = setup({ levels: { execute_command: 'irreversible' }, approve });
    const denied = await t.call('execute_command', { command: 'deploy prod' }, 'presentation');
    expect(denied.value).toBe('Not allowed: not approved (human). Feedback: use the staging list');
    expect((await t.call('execute_command', { command: 'deploy staging' }, 'presentation')).value).toBe(
      'did execute_command',
    );
    expect(
      (await t.call('execute_command', { command: 'deploy staging', timeout_seconds: 9 }, 'presentation'))
        .value,
    ).toBe('did execute_command');
    expect(approve.asked.map((r) => r.input)).toEqual([
      { command: 'deploy prod' },
      { command: 'deploy staging' },
    ]);
    expect(approve.asked[0]!.reason).toMatch(/irreversible \(declared irreversible\) and no rule allows it/);
    expect(t.of('approval-request')).toHaveLength(2);
    expect(t.of('approval-decision').map((e) => (e as { approved: boolean }).approved)).toEqual([
      false,
      true,
    ]);
    expect(t.audit.filter((r) => r.outcome === 'denied').map((r) => [r.decidedBy, r.feedback])).toEqual([
      ['human', 'use the staging list'],
    ]);
  });

  it('with no approval port automation_default decides: deny-all refuses, risk-based allows only what changes nothing', async () => {
    const deny = setup({ levels: { send: 'irreversible' } });
    const out = await deny.call('send', {}, 'presentation');
    expect(out.value).toMatch(
      /^Not allowed: not approved \(automation-default\)\. Feedback: no human is there/,
    );
    const riskBased = setup({
      levels: { send: 'irreversible', look: 'read-only' },
      policy: policy({ automationDefault: 'risk-based', rules: rules({ ask: ['look', 'send'] }) }),
    });
    expect((await riskBased.call('look', {}, 'presentation')).value).toBe('did look');
    expect((await riskBased.call('send', {}, 'presentation')).isError).toBe(true);
    expect(riskBased.ran.map((r) => r.tool)).toEqual(['look']);
  });

  it('max_consecutive_auto: after that many unattended approvals the next call needs a human', async () => {
    const auto = setup({
      levels: { send: 'irreversible' },
      policy: policy({ rules: rules({ allow: ['send'] }), maxConsecutiveAuto: 2 }),
    });
    for (const to of ['1', '2', '3']) await auto.call('send', { to }, 'presentation');
    expect(auto.ran.map((r) => (r.input as { to: string }).to)).toEqual(['1', '2']);
    expect(auto.of('tool-denied').map((e) => (e as { reason: string }).reason)).toEqual([
      expect.stringMatching(/2 unattended approvals in a row \(max_consecutive_auto\)/),
    ]);

    const approve = port({ approved: true, scope: 'once', by: 'human' });
    const human = setup({
      levels: { send: 'irreversible' },
      policy: policy({ rules: rules({ allow: ['send'] }), maxConsecutiveAuto: 1 }),
      approve,
    });
    for (const to of ['1', '2', '3']) await human.call('send', { to }, 'presentation');
    // The second needed the human; their approval ends the streak, so the third runs by the rule.
    expect(approve.asked.map((r) => r.input)).toEqual([{ to: '2' }]);
    expect(human.ran.map((r) => (r.input as { to: string }).to)).toEqual(['1', '2', '3']);
  });

  it("an agent's own port answers before the run's, `false` leaves it to automation_default; request ids name the run", async () => {
    const run = port({ approved: true, scope: 'once', by: 'human' });
    const own = port({ approved: true, scope: 'once', by: 'file' });
    const t = setup({
      levels: { send: 'irreversible' },
      approve: run,
      agentApprove: own,
      runKey: 'log_1.x/turn_2',
    });
    await t.call('send', { to: '1' }, 'presentation');
    expect(own.asked.map((r) => r.id)).toEqual(['log_1_x_turn_2_a_1']);
    expect(run.asked).toEqual([]);
    expect(t.of('approval-request').map((e) => (e as { requestId: string }).requestId)).toEqual([
      'log_1_x_turn_2_a_1',
    ]);
    expect(t.ran).toHaveLength(1);

    const nobody = port({ approved: true, scope: 'once', by: 'human' });
    const off = setup({ levels: { send: 'irreversible' }, approve: nobody, agentApprove: false });
    await off.call('send', {}, 'presentation');
    expect(nobody.asked).toEqual([]);
    expect(off.of('approval-decision').map((e) => (e as { by: string }).by)).toEqual(['automation-default']);
    expect(off.ran).toEqual([]);
  });

  it('an `always` approval is written to the policy file as an allow rule', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'engine-')), 'policy.yaml');
    const t = setup({
      levels: { execute_command: 'irreversible' },
      policy: policy({ persistFile: file }),
      approve: port({ approved: true, scope: 'always', by: 'human' }),
    });
    await t.call('execute_command', { command: 'make release' }, 'presentation');
    expect(readFileSync(file, 'utf8')).toBe('rules:\n  allow:\n    - execute_command(make release)\n');
  });

  it('during the post-evaluation an irreversible call is not carried out', async () => {
    const t = setup({
      levels: { send: 'irreversible' },
      policy: policy({ rules: rules({ allow: ['send'] }) }),
    });
    expect((await t.call('send', {}, 'evaluation')).value).toMatch(/only during the final presentation/);
    expect(t.ran).toEqual([]);
  });

  it('a disabled policy judges nothing', async () => {
    const t = setup({ levels: { send: 'irreversible' }, policy: policy({ enabled: false }) });
    expect((await t.call('send', {}, 'coordination')).value).toBe('did send');
    expect(t.events.filter((e) => e.type !== 'tool-call' && e.type !== 'tool-result')).toEqual([]);
    expect(t.audit).toEqual([]);
  });
});
