import { describe, expect, it } from 'vitest';
import { automationPrinter } from '../../src/ui/automation-printer.js';
import { plainPrinter } from '../../src/ui/plain-printer.js';
import { ev, runStart, viewOf } from './helpers.js';

const risk = {
  level: 'irreversible' as const,
  openWorld: false,
  source: 'config' as const,
  reason: 'sends mail',
};
const deferred = ev({
  type: 'tool-deferred',
  agentId: 'a',
  toolCallId: 'c1',
  toolName: 'mcp__mail__send',
  input: { to: 'x@example.com' },
  risk,
  reason: 'irreversible: planned for the final presenter',
});
const denied = ev({
  type: 'tool-denied',
  agentId: 'a',
  toolCallId: 'c2',
  toolName: 'mcp__mail__send',
  by: 'policy',
  rule: 'server:mail',
  reason: 'refused by the safety policy: deny rule `server:mail`',
});

describe('the safety events in the displays', () => {
  it('the terminal UI notes a planned and a denied call in the agent panel', () => {
    const view = viewOf([runStart(['a']), deferred, denied]);
    const text = JSON.stringify(view.agents.a);
    expect(text).toContain('⏸ planned, not run: mcp__mail__send(');
    expect(text).toContain('⛔ mcp__mail__send denied (policy): refused by the safety policy');
  });

  it('the plain display prints one line for each; --automation prints ACTION_PLANNED and TOOL_DENIED', () => {
    const plain: string[] = [];
    const print = plainPrinter({ write: (t) => plain.push(t) });
    print(deferred);
    print(denied);
    expect(plain.join('')).toBe(
      '⏸️ [a] planned, not run: mcp__mail__send (irreversible) — the presenter carries it out if this answer wins\n' +
        '⛔ [a] mcp__mail__send denied (policy): refused by the safety policy: deny rule `server:mail`\n',
    );
    const lines: string[] = [];
    const auto = automationPrinter({ write: (l) => lines.push(l) });
    auto(deferred);
    auto(denied);
    expect(lines).toEqual([
      'ACTION_PLANNED: a: mcp__mail__send (irreversible)',
      'TOOL_DENIED: a: mcp__mail__send (policy): refused by the safety policy: deny rule `server:mail`',
    ]);
  });

  it('an approval folder request: the path of its file in every display, control characters as symbols', () => {
    const file = ev({
      type: 'approval-file',
      agentId: 'a',
      requestId: 'log_1_turn_1_a_1',
      file: '/tmp/appr\u001b]0;x\u0007/req_log_1_turn_1_a_1.json',
      responseFile: '/tmp/appr\u001b]0;x\u0007/resp_log_1_turn_1_a_1.json',
      expiresAt: 2000,
    });
    const decision = (approved: boolean, scope: 'once' | 'session', by: 'file' | 'timeout') =>
      ev({
        type: 'approval-decision',
        agentId: 'a',
        requestId: 'log_1_turn_1_a_1',
        toolName: 'mcp__mail__send',
        approved,
        scope,
        by,
      });
    const lines: string[] = [];
    const auto = automationPrinter({ write: (l) => lines.push(l) });
    auto(file);
    auto(decision(true, 'session', 'file'));
    auto(decision(false, 'once', 'timeout'));
    expect(lines).toEqual([
      'APPROVAL_REQUEST: /tmp/appr␛]0;x␇/req_log_1_turn_1_a_1.json',
      'APPROVAL_DECISION: a: mcp__mail__send approved (file, session)',
      'APPROVAL_DECISION: a: mcp__mail__send denied (timeout)',
    ]);
    const plain: string[] = [];
    plainPrinter({ write: (t) => plain.push(t) })(file);
    expect(plain.join('')).toBe(
      '📝 [a] approval request written to /tmp/appr␛]0;x␇/req_log_1_turn_1_a_1.json; decide in /tmp/appr␛]0;x␇/resp_log_1_turn_1_a_1.json\n',
    );
    const text = JSON.stringify(viewOf([runStart(['a']), file]).agents.a);
    expect(text).toContain('? approval request written to /tmp/appr␛]0;x␇/req_log_1_turn_1_a_1.json');
  });
});
