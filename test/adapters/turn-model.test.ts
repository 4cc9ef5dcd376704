/** The model of an adapter agent without a provider model: each call is a plain turn of the agent. */
import type { LanguageModelV3CallOptions, LanguageModelV3FunctionTool } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { adapterTurnModel, promptOfCall } from '../../src/adapters/turn-model.js';
import type { AdapterTurn, AgentAdapter } from '../../src/types/agent-adapter.js';

const call = (extra: Partial<LanguageModelV3CallOptions> = {}): LanguageModelV3CallOptions => ({
  prompt: [
    { role: 'system', content: 'Evaluate the answer.' },
    { role: 'user', content: [{ type: 'text', text: 'Is 4 right?' }] },
  ],
  ...extra,
});

const submit: LanguageModelV3FunctionTool = {
  type: 'function',
  name: 'submit',
  description: 'Confirm.',
  inputSchema: { type: 'object', properties: { confirmed: { type: 'boolean' } } },
};
const restart: LanguageModelV3FunctionTool = {
  ...submit,
  name: 'restart_orchestration',
  description: 'Restart.',
};

function adapter(run: (turn: AdapterTurn) => Promise<void>): { adapter: AgentAdapter; turns: AdapterTurn[] } {
  const turns: AdapterTurn[] = [];
  return {
    turns,
    adapter: {
      type: 'test',
      async run(turn) {
        turns.push(turn);
        await run(turn);
        return { text: '' };
      },
    },
  };
}

describe('adapterTurnModel', () => {
  it("gives the call's tools to the agent and returns its first call as the model's, with its usage", async () => {
    const { adapter: a, turns } = adapter(async (turn) => {
      turn.events.reasoning('Checking.');
      turn.events.text('Looks right.');
      turn.events.usage({ inputTokens: 100, outputTokens: 20 });
      turn.events.usage({ inputTokens: 50, outputTokens: 5, reasoningTokens: 3 });
      const result = await turn.tools.find((t) => t.name === 'submit')!.execute({ confirmed: true });
      expect(result).toEqual({ text: 'Recorded. Your turn is over.', isError: false, final: true });
    });
    const model = adapterTurnModel({ agentId: 'a', modelId: 'm', adapter: a, gate: () => undefined });
    const result = await model.doGenerate(
      call({ tools: [submit, restart], toolChoice: { type: 'required' } }),
    );
    expect(turns[0]?.system).toBe('Evaluate the answer.');
    expect(turns[0]?.prompt).toBe('Is 4 right?');
    expect(turns[0]?.tools.map((t) => t.name)).toEqual(['submit', 'restart_orchestration']);
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'Checking.' },
      { type: 'text', text: 'Looks right.' },
      { type: 'tool-call', toolCallId: 'a-submit-0', toolName: 'submit', input: '{"confirmed":true}' },
    ]);
    expect(result.finishReason.unified).toBe('tool-calls');
    expect(result.usage.inputTokens.total).toBe(150);
    expect(result.usage.outputTokens).toEqual({ total: 25, text: 22, reasoning: 3 });
  });

  it('offers only the named tool for a tool choice, none for `none`', async () => {
    const { adapter: a, turns } = adapter(async () => {});
    const model = adapterTurnModel({ agentId: 'a', modelId: 'm', adapter: a, gate: () => undefined });
    await model.doGenerate(
      call({ tools: [submit, restart], toolChoice: { type: 'tool', toolName: 'restart_orchestration' } }),
    );
    await model.doGenerate(call({ tools: [submit], toolChoice: { type: 'none' } }));
    expect(turns.map((t) => t.tools.map((x) => x.name))).toEqual([['restart_orchestration'], []]);
  });

  it("fails the call with the agent's failure", async () => {
    const { adapter: a } = adapter(async () => {
      throw new Error('agent crashed');
    });
    const model = adapterTurnModel({ agentId: 'a', modelId: 'm', adapter: a, gate: () => undefined });
    await expect(model.doGenerate(call())).rejects.toThrow('agent crashed');
  });

  it('renders a conversation as a transcript', () => {
    expect(
      promptOfCall([
        { role: 'system', content: 'S1' },
        { role: 'system', content: 'S2' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
        { role: 'user', content: [{ type: 'text', text: 'Bye' }] },
      ]),
    ).toEqual({ system: 'S1\n\nS2', prompt: 'User: Hi\n\nAssistant: Hello\n\nUser: Bye' });
  });
});
