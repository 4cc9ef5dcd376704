import { describe, expect, it } from 'vitest';
import { initialStatus, reduceStatus } from '../../src/events/status.js';
import type { CoordinationEvent, EventInput } from '../../src/events/types.js';
import { plainPrinter } from '../../src/ui/plain-printer.js';

const stamp = (e: EventInput, seq: number) =>
  ({ ...e, runId: 'r', seq, ts: 1000 + seq }) as CoordinationEvent;

describe('tool events in the plain display and status.json', () => {
  it('prints one line per call, result and server change (not workflow calls, not a first start attempt)', () => {
    let out = '';
    const print = plainPrinter({ write: (t) => (out += t) });
    const events: EventInput[] = [
      { type: 'tool-server-status', agentId: 'a', server: 'fs', status: 'starting', attempt: 1 },
      { type: 'tool-server-status', agentId: 'a', server: 'fs', status: 'ready', tools: ['mcp__fs__read'] },
      { type: 'tool-call', agentId: 'a', toolCallId: '1', toolName: 'mcp__fs__read', input: { path: 'x' } },
      {
        type: 'tool-result',
        agentId: 'a',
        toolCallId: '1',
        toolName: 'mcp__fs__read',
        output: 'hello',
        isError: false,
      },
      {
        type: 'tool-result',
        agentId: 'a',
        toolCallId: '2',
        toolName: 'mcp__fs__read',
        output: 'Tool timed out',
        isError: true,
      },
      { type: 'tool-call', agentId: 'a', toolCallId: '3', toolName: 'vote', input: {} },
      {
        type: 'tool-server-status',
        agentId: 'a',
        server: 'w',
        status: 'failed',
        attempt: 3,
        error: 'spawn x ENOENT',
      },
      {
        type: 'tool-server-status',
        agentId: 'a',
        server: 'fs',
        status: 'circuit-open',
        error: 'timeouts',
        retryAt: 5,
      },
    ];
    for (const [i, e] of events.entries()) print(stamp(e, i + 1));
    expect(out.split('\n').filter(Boolean)).toEqual([
      '🔌 [a] MCP server "fs" ready: 1 tool',
      '🔧 [a] mcp__fs__read {"path":"x"}',
      '   ↳ [a] mcp__fs__read → hello',
      '   ↳ [a] ✗ Tool timed out',
      '⚠️ [a] MCP server "w" failed to start: spawn x ENOENT — the agent goes on without its tools',
      '⚠️ [a] MCP server "fs" unavailable: timeouts',
    ]);
  });

  it('a server status change leaves status.json as it is', () => {
    const status = initialStatus({ runId: 'r', logDir: '/l', question: 'q', startTime: 0, agents: ['a'] });
    const event = stamp({ type: 'tool-server-status', agentId: 'a', server: 's', status: 'failed' }, 1);
    expect(reduceStatus(status, event)).toBe(status);
  });
});
