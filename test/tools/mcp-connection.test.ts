import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { EventInput } from '../../src/events/types.js';
import { executeTool } from '../../src/tools/execute.js';
import { liveChildren } from '../../src/tools/mcp/child-processes.js';
import type { McpServerConfig } from '../../src/tools/mcp/server-config.js';
import { McpServerConnection } from '../../src/tools/mcp/server-connection.js';
import { ToolRegistry } from '../../src/tools/registry.js';
import { ROOT } from '../support/cli.js';

const CRASHY = path.join(ROOT, 'test/fixtures/tools/crash-server.mjs');

function connect(config: McpServerConfig, extra: { connectTimeoutMs?: number; maxAttempts?: number } = {}) {
  const registry = new ToolRegistry({ agentId: 'a' });
  const events: EventInput[] = [];
  const connection = new McpServerConnection({
    agentId: 'a',
    config,
    registry,
    emit: (e) => events.push(e),
    env: { ...process.env },
    baseDir: ROOT,
    toolTimeoutMs: 5000,
    retryBaseMs: 5,
    ...extra,
  });
  const statuses = () =>
    events.flatMap((e) => (e.type === 'tool-server-status' ? [[e.status, e.attempt, e.error ?? '']] : []));
  return { registry, events, connection, statuses };
}

describe('an MCP server connection', () => {
  it('retries a server that cannot start, then fails with an event; the agent keeps going without it', async () => {
    const { connection, statuses, registry } = connect({
      name: 'broken',
      command: 'massgen-no-such-command-xyz',
    });
    await connection.start();
    expect(statuses()).toEqual([
      ['starting', 1, ''],
      ['starting', 2, expect.stringContaining('ENOENT')],
      ['starting', 3, expect.stringContaining('ENOENT')],
      ['failed', 3, expect.stringContaining('ENOENT')],
    ]);
    expect(registry.entries()).toEqual([]);
  });

  it('names an unset ${VAR} and does not start the server', async () => {
    const { connection, statuses } = connect({
      name: 'w',
      command: 'node',
      env: { KEY: '${MASSGEN_TEST_UNSET_VAR}' },
    });
    await connection.start();
    expect(statuses()).toEqual([
      [
        'failed',
        undefined,
        'environment variable MASSGEN_TEST_UNSET_VAR (used in mcp_servers "w" env.KEY) is not set',
      ],
    ]);
  });

  it('gives up on a server that does not answer within the connect timeout, and ends its process', async () => {
    const { connection, statuses } = connect(
      { name: 'mute', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] },
      { connectTimeoutMs: 300, maxAttempts: 1 },
    );
    await connection.start();
    await vi.waitFor(
      () => expect(statuses().at(-1)).toEqual(['failed', 1, expect.stringMatching(/timed out|timeout/i)]),
      { timeout: 10_000 },
    );
    await vi.waitFor(() => expect(liveChildren()).toEqual([]), { timeout: 10_000 });
  });

  it('keeps annotations; a server that dies during a call gives an error result and loses its tools', async () => {
    const { connection, statuses, registry, events } = connect({
      name: 'crashy',
      command: process.execPath,
      args: [CRASHY],
    });
    await connection.start();
    expect(statuses()).toEqual([
      ['starting', 1, ''],
      ['ready', undefined, ''],
    ]);
    const entry = registry.get('mcp__crashy__crash');
    expect(entry).toMatchObject({
      source: 'mcp',
      originalName: 'crash',
      annotations: { destructiveHint: true },
    });
    expect(liveChildren()).toHaveLength(1);
    const outcome = await executeTool(
      registry,
      { toolCallId: 'c', toolName: 'mcp__crashy__crash', input: {} },
      { agentId: 'a', emit: (e) => events.push(e), signal: new AbortController().signal },
    );
    expect(outcome.isError).toBe(true);
    expect(String(outcome.value)).toMatch(/^Tool mcp__crashy__crash failed: .*closed/i);
    await vi.waitFor(
      () =>
        expect(statuses().at(-1)).toEqual([
          'removed',
          undefined,
          expect.stringContaining('crashing on purpose'),
        ]),
      { timeout: 10_000 },
    );
    expect(registry.get('mcp__crashy__crash')).toBeUndefined();
    expect(liveChildren()).toEqual([]);
    await connection.close();
  });
});
