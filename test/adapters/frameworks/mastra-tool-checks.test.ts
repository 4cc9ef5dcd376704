/**
 * The safety checks of a Mastra agent's own tools: read with `listTools()` (Mastra 1) or `getTools()`
 * (before), given again as checked copies of the same class, for both `execute` signatures.
 */
import { describe, expect, it } from 'vitest';
import { checkedMastraTools } from '../../../src/adapters/frameworks/mastra-tool-checks.js';
import { TurnControl } from '../../../src/adapters/frameworks/turn-control.js';
import type { AdapterToolCall, AdapterTurn } from '../../../src/types/agent-adapter.js';

class Tool {
  constructor(
    readonly id: string,
    readonly execute: (...args: unknown[]) => Promise<unknown>,
  ) {}
}

function turn(seen: AdapterToolCall[], warnings: string[], checked = true): AdapterTurn {
  return {
    agentId: 'a',
    phase: 'coordination',
    system: '',
    prompt: '',
    tools: [],
    attempt: 1,
    signal: new AbortController().signal,
    ...(checked
      ? {
          checkTool: async (call: AdapterToolCall) => {
            seen.push(call);
            return call.input.city === 'Paris'
              ? { allow: false as const, message: 'refused by the safety policy' }
              : { allow: true as const };
          },
        }
      : {}),
    events: {
      text: () => {},
      reasoning: () => {},
      toolCall: () => {},
      toolResult: () => {},
      usage: () => {},
      warning: (w) => warnings.push(w),
    },
  };
}

describe('Mastra tool checks', () => {
  it('check Mastra 1 tools (input, context) and earlier ones ({ context, runtimeContext })', async () => {
    const ran: unknown[] = [];
    const modern = new Tool('lookup', async (input) => {
      ran.push(input);
      return 'facts';
    });
    const legacy = new Tool('legacy', async (args) => {
      ran.push((args as { context: unknown }).context);
      return 'old facts';
    });
    const seen: AdapterToolCall[] = [];
    const t = turn(seen, []);
    const tools = await checkedMastraTools(
      { listTools: async () => ({ lookup: modern }) },
      t,
      new TurnControl(t),
    );
    const old = await checkedMastraTools({ getTools: () => ({ legacy }) }, t, new TurnControl(t));
    expect(tools?.lookup).toBeInstanceOf(Tool);
    expect(await tools?.lookup?.execute?.({ city: 'Paris' }, { agent: { toolCallId: 'c1' } })).toBe(
      'refused by the safety policy',
    );
    expect(await tools?.lookup?.execute?.({ city: 'Rome' }, { toolCallId: 'c2' })).toBe('facts');
    expect(
      await old?.legacy?.execute?.({ context: { city: 'Oslo' }, runtimeContext: {}, toolCallId: 'c3' }),
    ).toBe('old facts');
    expect(seen.map((c) => [c.toolCallId, c.toolName, c.input])).toEqual([
      ['c1', 'lookup', { city: 'Paris' }],
      ['c2', 'lookup', { city: 'Rome' }],
      ['c3', 'legacy', { city: 'Oslo' }],
    ]);
    expect(ran).toEqual([{ city: 'Rome' }, { city: 'Oslo' }]);
  });

  it('give nothing when the turn checks nothing, and warn when the tools cannot be read', async () => {
    const warnings: string[] = [];
    const unchecked = turn([], warnings, false);
    expect(await checkedMastraTools({ listTools: () => ({}) }, unchecked, new TurnControl(unchecked))).toBe(
      undefined,
    );
    const t = turn([], warnings);
    expect(await checkedMastraTools({ stream: () => {} }, t, new TurnControl(t))).toBe(undefined);
    expect(warnings).toEqual([
      "the Mastra agent's tools cannot be read (it has no listTools() or getTools()): calls of its own tools are not checked by the safety policy",
    ]);
  });
});
