/**
 * The safety checks of a LangGraph graph's own tools, on real graphs: a tool node's tools (also in a
 * subgraph) get checked copies for the turn; a denied call returns an error ToolMessage and never
 * runs; the originals come back after the turn.
 */
import { AIMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { MessagesAnnotation, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkGraphTools } from '../../../src/adapters/frameworks/langgraph-tool-checks.js';
import { TurnControl } from '../../../src/adapters/frameworks/turn-control.js';
import type { AdapterToolCall, AdapterTurn } from '../../../src/types/agent-adapter.js';

function graphs() {
  const ran: string[] = [];
  const lookup = tool(
    async ({ city }: { city: string }) => {
      ran.push(city);
      return `${city}: 2.1 million people`;
    },
    { name: 'lookup_city', description: 'Facts about a city.', schema: z.object({ city: z.string() }) },
  );
  const inner = new StateGraph(MessagesAnnotation)
    .addNode('tools', new ToolNode([lookup]))
    .addEdge('__start__', 'tools')
    .compile();
  const outer = new StateGraph(MessagesAnnotation)
    .addNode('team', inner)
    .addEdge('__start__', 'team')
    .compile();
  return { ran, outer };
}

function turn(denied: string[], seen: AdapterToolCall[], log: unknown[]): AdapterTurn {
  return {
    agentId: 'a',
    phase: 'coordination',
    system: '',
    prompt: '',
    tools: [],
    attempt: 1,
    signal: new AbortController().signal,
    checkTool: async (call) => {
      seen.push(call);
      return denied.includes(String(call.input.city))
        ? { allow: false, message: 'refused by the safety policy: no lookups' }
        : { allow: true };
    },
    events: {
      text: () => {},
      reasoning: () => {},
      toolCall: (c) => log.push(['call', c.toolName, c.input]),
      toolResult: (r) => log.push(['result', r.toolName, r.output, r.isError]),
      usage: () => {},
      warning: (w) => log.push(['warning', w]),
    },
  };
}

const ask = (city: string) => ({
  messages: [
    new AIMessage({ content: '', tool_calls: [{ id: `c-${city}`, name: 'lookup_city', args: { city } }] }),
  ],
});

describe('LangGraph tool checks', () => {
  it('refuse a denied call in a subgraph without running it, let an allowed one run, and restore the tools', async () => {
    const { ran, outer } = graphs();
    const seen: AdapterToolCall[] = [];
    const log: unknown[] = [];
    const t = turn(['Paris'], seen, log);
    const restore = checkGraphTools(outer, t, new TurnControl(t), ToolMessage);
    const denied = await outer.invoke(ask('Paris'));
    const refusal = denied.messages.at(-1) as ToolMessage;
    expect([refusal.content, refusal.status, refusal.tool_call_id]).toEqual([
      'refused by the safety policy: no lookups',
      'error',
      'c-Paris',
    ]);
    const allowed = await outer.invoke(ask('Rome'));
    expect((allowed.messages.at(-1) as ToolMessage).content).toBe('Rome: 2.1 million people');
    expect(ran).toEqual(['Rome']);
    expect(seen.map((c) => [c.toolCallId, c.toolName, c.input])).toEqual([
      ['c-Paris', 'lookup_city', { city: 'Paris' }],
      ['c-Rome', 'lookup_city', { city: 'Rome' }],
    ]);
    expect(log).toEqual([
      ['call', 'lookup_city', { city: 'Paris' }],
      ['result', 'lookup_city', 'refused by the safety policy: no lookups', true],
    ]);
    restore();
    await outer.invoke(ask('Paris'));
    expect(ran).toEqual(['Rome', 'Paris']);
  });

  it('warns when the graph has no tool node', () => {
    const plain = new StateGraph(MessagesAnnotation)
      .addNode('think', () => ({ messages: [] }))
      .addEdge('__start__', 'think')
      .compile();
    const log: unknown[] = [];
    const t = turn([], [], log);
    checkGraphTools(plain, t, new TurnControl(t), ToolMessage);
    expect(log).toEqual([
      [
        'warning',
        "the LangGraph agent's graph has no tool node (ToolNode): calls of its own tools are not checked by the safety policy",
      ],
    ]);
  });
});
