import { describe, expect, it } from 'vitest';
import { declaredRiskJudge } from '../../src/safety/declared-risk.js';
import type { ToolEntry } from '../../src/tools/types.js';

const judge = declaredRiskJudge({
  trustedServers: () => new Set(['trusted']),
  workspace: () => '/work/ws',
});
const context = { agentId: 'a', phase: 'coordination' as const, signal: new AbortController().signal };
const level = async (entry: Partial<ToolEntry>, input: unknown = {}) =>
  (
    await judge.judge(
      { toolCallId: 'c', toolName: entry.name ?? 't', input },
      {
        name: 't',
        description: '',
        inputSchema: {},
        source: 'mcp',
        timeoutMs: 1,
        ...entry,
      } as ToolEntry,
      context,
    )
  ).level;

describe('the risk a tool states about itself', () => {
  it('MCP annotations count only from trusted servers; destructiveHint defaults to true', async () => {
    const origin = (server: string) => `MCP server "${server}"`;
    expect(await level({ origin: origin('trusted'), annotations: { readOnlyHint: true } })).toBe('read-only');
    expect(await level({ origin: origin('trusted'), annotations: {} })).toBe('irreversible');
    expect(
      await level({
        origin: origin('trusted'),
        annotations: { destructiveHint: false, idempotentHint: true },
      }),
    ).toBe('reversible');
    expect(await level({ origin: origin('other'), annotations: { readOnlyHint: true } })).toBe('unknown');
  });

  it('file tools: reads are read-only, writes in the workspace reversible, writes outside it irreversible', async () => {
    const ws = (name: string) => ({ name, source: 'workspace' as const });
    expect(await level(ws('read_file'), { path: '/etc/hosts' })).toBe('read-only');
    expect(await level(ws('write_file'), { path: 'notes/a.md' })).toBe('reversible');
    expect(await level(ws('edit_file'), { path: '../project/app.ts' })).toBe('irreversible');
    expect(await level(ws('write_file'), { path: '/work/project/app.ts' })).toBe('irreversible');
  });

  it('a command is reversible only inside the sandbox with no network; custom tools are unknown', async () => {
    const command = (origin: string) => ({ name: 'execute_command', source: 'workspace' as const, origin });
    expect(await level(command('workspace (bubblewrap)'))).toBe('reversible');
    expect(await level(command('workspace (bubblewrap, network)'))).toBe('unknown');
    expect(await level(command('workspace (unsandboxed)'))).toBe('unknown');
    expect(await level({ source: 'custom' })).toBe('unknown');
  });
});
