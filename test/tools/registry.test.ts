import { tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EventInput } from '../../src/events/types.js';
import { executeTool, MAX_TOOL_OUTPUT_CHARS } from '../../src/tools/execute.js';
import { ToolRegistry, workflowEntries } from '../../src/tools/registry.js';
import type { ToolEntry, ToolOutput } from '../../src/tools/types.js';

function entry(
  name: string,
  execute?: (input: unknown) => Promise<ToolOutput>,
  extra: Partial<ToolEntry> = {},
): ToolEntry {
  return {
    name,
    description: `the ${name} tool`,
    inputSchema: { type: 'object', properties: { x: { type: 'number' } } },
    source: 'custom',
    timeoutMs: 1000,
    execute,
    ...extra,
  };
}

const ok = (value: unknown) => async () => ({ value: value as string });

function run(
  registry: ToolRegistry,
  toolName: string,
  input: unknown = {},
  signal = new AbortController().signal,
) {
  const events: EventInput[] = [];
  const outcome = executeTool(
    registry,
    { toolCallId: 'c1', toolName, input },
    {
      agentId: 'a',
      emit: (e) => events.push(e),
      signal,
    },
  );
  return { outcome, events };
}

describe('ToolRegistry', () => {
  it('filters custom and MCP entries by the backend lists, never provider ones, and keeps names unique', () => {
    const registry = new ToolRegistry({
      agentId: 'a',
      filter: { allowed: ['custom_tool__keep', 'read_file', 'web_search'], exclude: ['read_file_2'] },
    });
    const added = registry.add([
      entry('custom_tool__keep', ok('k')),
      entry('custom_tool__drop', ok('d')),
      entry('mcp__fs__read_file', ok('r'), { source: 'mcp', originalName: 'read_file' }),
      entry('web_search', undefined, { source: 'provider' }),
    ]);
    expect(added.map((e) => e.name)).toEqual(['custom_tool__keep', 'mcp__fs__read_file', 'web_search']);
    const again = registry.add([entry('custom_tool__keep', ok('k2'))]);
    expect(again[0]?.name).toBe('custom_tool__keep_2');
    expect(registry.isExecutable('custom_tool__keep')).toBe(true);
    expect(registry.isExecutable('web_search')).toBe(false);
    expect(registry.remove((e) => e.source === 'mcp')).toEqual(['mcp__fs__read_file']);
    expect(registry.get('mcp__fs__read_file')).toBeUndefined();
  });

  it('builds the tool set: workflow first, local tools optional, native tools left out when the provider cannot mix them', () => {
    const native = tool({ description: 'search', inputSchema: z.object({}) });
    const workflow = { vote: tool({ description: 'vote', inputSchema: z.object({}) }) };
    const both = new ToolRegistry({ agentId: 'a' });
    both.add([
      entry('custom_tool__x', ok('x')),
      entry('google_search', undefined, { source: 'provider', sdkTool: native }),
    ]);
    expect(Object.keys(both.toolSet({ workflow }))).toEqual(['vote', 'custom_tool__x', 'google_search']);
    expect(Object.keys(both.toolSet({ workflow, local: false }))).toEqual(['vote', 'google_search']);

    const exclusive = new ToolRegistry({ agentId: 'a', nativeToolsExclusive: true });
    exclusive.add([entry('google_search', undefined, { source: 'provider', sdkTool: native })]);
    expect(Object.keys(exclusive.toolSet({ workflow }))).toEqual(['vote']);
    expect(Object.keys(exclusive.toolSet())).toEqual(['google_search']);
    expect(workflowEntries(workflow)[0]).toMatchObject({ name: 'vote', source: 'workflow' });
  });

  it('ready() waits for registered start-up work, or for the signal', async () => {
    const registry = new ToolRegistry({ agentId: 'a' });
    let finish: () => void = () => {};
    registry.waitFor(new Promise<void>((r) => (finish = r)));
    let done = false;
    const waiting = registry.ready().then(() => (done = true));
    // Every microtask has run by the next macrotask: ready() is still waiting.
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    finish();
    await waiting;
    const stuck = new ToolRegistry({ agentId: 'a' });
    stuck.waitFor(new Promise(() => {}));
    await stuck.ready(AbortSignal.timeout(10));
  });
});

describe('executeTool', () => {
  it('emits tool-call and tool-result and returns the output', async () => {
    const registry = new ToolRegistry({ agentId: 'a' });
    registry.add([entry('custom_tool__echo', async (input) => ({ value: { got: input as never } }))]);
    const { outcome, events } = run(registry, 'custom_tool__echo', { x: 1 });
    expect(await outcome).toEqual({
      toolCallId: 'c1',
      toolName: 'custom_tool__echo',
      value: { got: { x: 1 } },
      isError: false,
    });
    expect(events).toEqual([
      { type: 'tool-call', agentId: 'a', toolCallId: 'c1', toolName: 'custom_tool__echo', input: { x: 1 } },
      {
        type: 'tool-result',
        agentId: 'a',
        toolCallId: 'c1',
        toolName: 'custom_tool__echo',
        output: { got: { x: 1 } },
        isError: false,
      },
    ]);
  });

  it('turns throws, timeouts, unknown tools, bad arguments and tool-reported errors into error results', async () => {
    const registry = new ToolRegistry({ agentId: 'a' });
    registry.add([
      entry('custom_tool__boom', async () => {
        throw new Error('kaboom');
      }),
      entry('custom_tool__hang', () => new Promise(() => {}), { timeoutMs: 30 }),
      entry('custom_tool__soft', async () => ({ value: 'nope', isError: true })),
    ]);
    expect(await run(registry, 'custom_tool__boom').outcome).toMatchObject({
      value: 'Tool custom_tool__boom failed: kaboom',
      isError: true,
    });
    expect(await run(registry, 'custom_tool__hang').outcome).toMatchObject({
      value: 'Tool custom_tool__hang timed out after 0.03s.',
      isError: true,
    });
    expect(await run(registry, 'custom_tool__soft').outcome).toMatchObject({ value: 'nope', isError: true });
    const unknown = await run(registry, 'nope').outcome;
    expect(unknown.value).toMatch(
      /^Unknown or unavailable tool "nope". Tools you can call: custom_tool__boom, custom_tool__hang, custom_tool__soft/,
    );
    const invalid = await executeTool(
      registry,
      { toolCallId: 'c2', toolName: 'custom_tool__soft', input: '{', invalidReason: 'bad JSON' },
      { agentId: 'a', emit: () => {}, signal: new AbortController().signal },
    );
    expect(invalid).toMatchObject({
      isError: true,
      value: expect.stringContaining('were not valid (bad JSON)'),
    });
  });

  it('runs the before-call hooks: a denial is an error result and the tool does not run', async () => {
    const registry = new ToolRegistry({ agentId: 'a' });
    let ran = false;
    registry.add([
      entry(
        'mcp__fs__write',
        async () => {
          ran = true;
          return { value: 'written' };
        },
        { source: 'mcp', annotations: { destructiveHint: true } },
      ),
    ]);
    registry.addBeforeCall((_call, e) =>
      e.annotations?.destructiveHint
        ? { allow: false, reason: 'destructive tools are off' }
        : { allow: true },
    );
    expect(await run(registry, 'mcp__fs__write').outcome).toMatchObject({
      value: 'Not allowed: destructive tools are off',
      isError: true,
    });
    expect(ran).toBe(false);
  });

  it('throws when the turn ends (no result), and cuts very long output', async () => {
    const registry = new ToolRegistry({ agentId: 'a' });
    registry.add([
      entry('custom_tool__slow', () => new Promise(() => {})),
      entry('custom_tool__big', ok('x'.repeat(MAX_TOOL_OUTPUT_CHARS + 10))),
    ]);
    const stop = new AbortController();
    const { outcome, events } = run(registry, 'custom_tool__slow', {}, stop.signal);
    stop.abort(new Error('turn over'));
    await expect(outcome).rejects.toThrow('turn over');
    expect(events.map((e) => e.type)).toEqual(['tool-call']);
    const big = await run(registry, 'custom_tool__big').outcome;
    expect(String(big.value)).toMatch(/\[… 10 more characters not shown\]$/);
  });
});
