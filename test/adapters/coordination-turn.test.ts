/** The engine's side of the adapter contract, with in-memory adapters beside a scripted native agent. */
import { describe, expect, it } from 'vitest';
import { TURN_OVER } from '../../src/adapters/coordination-turn.js';
import { adapterTurnModel } from '../../src/adapters/turn-model.js';
import { agentLabel } from '../../src/coordination/labels.js';
import type { AdapterToolResult, AdapterTurn, AgentAdapter } from '../../src/types/agent-adapter.js';
import type { AgentRuntime } from '../../src/types/agent-runtime.js';
import { setup } from '../support/run-setup.js';
import { consensusResponder, runtime } from '../support/scripted-model.js';

function adapterAgent(id: string, index: number, adapter: AgentAdapter): AgentRuntime {
  return {
    id,
    label: agentLabel(index),
    index,
    backendType: adapter.type,
    modelId: 'external',
    model: adapterTurnModel({ agentId: id, modelId: 'external', adapter, gate: () => undefined }),
    settings: {},
    adapter,
  };
}

const tool = (turn: AdapterTurn, name: string) => turn.tools.find((t) => t.name === name)!;

describe('adapter executions', () => {
  it('refuse a vote for an unknown agent, accept the correction, and end the turn at the decision', async () => {
    const results: AdapterToolResult[] = [];
    const adapter: AgentAdapter = {
      type: 'test',
      async run(turn) {
        if (turn.phase === 'presentation') {
          turn.events.text('Final from the adapter');
          return { text: 'Final from the adapter' };
        }
        if (!turn.prompt.includes('<agent2>')) {
          results.push(await tool(turn, 'new_answer').execute({ content: 'Adapter answer' }));
          results.push(await tool(turn, 'new_answer').execute({ content: 'Another answer' }));
          return { text: '' };
        }
        results.push(await tool(turn, 'vote').execute({ agent_id: 'agent9', reason: 'no such agent' }));
        results.push(await tool(turn, 'vote').execute({ agent_id: 'agent2', reason: 'good' }));
        return { text: '' };
      },
    };
    const t = setup([adapterAgent('ext', 0, adapter), runtime('native', 1, consensusResponder('native'))]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(results.map((r) => [r.isError, r.final])).toEqual([
      [false, true],
      [true, true],
      [true, false],
      [false, true],
    ]);
    expect(results[1]?.text).toBe(TURN_OVER);
    expect(results[2]?.text).toMatch(/^Invalid agent_id "agent9"\. Vote for one of the agents whose answers/);
    expect(t.of('workflow-rejected').map((e) => [e.agentId, e.toolName, e.attempt])).toEqual([
      ['ext', 'vote', 1],
    ]);
    expect(t.of('answer').find((e) => e.agentId === 'ext')?.content).toBe('Adapter answer');
    expect(
      t
        .of('vote')
        .map((e) => [e.agentId, e.votedFor])
        .sort(),
    ).toEqual([
      ['ext', 'native'],
      ['native', 'ext'],
    ]);
  });

  it('abort the agent at the per-agent timeout: it sees the signal, and the run goes on without it', async () => {
    const reasons: unknown[] = [];
    const stuck: AgentAdapter = {
      type: 'stuck',
      run: (turn) =>
        new Promise((_, reject) => {
          turn.signal.addEventListener('abort', () => {
            reasons.push(turn.signal.reason);
            reject(turn.signal.reason);
          });
        }),
    };
    const t = setup([adapterAgent('ext', 0, stuck), runtime('native', 1, consensusResponder('native'))], {
      agentTimeoutMs: 30,
    });
    const result = await t.run();
    expect(result.winner).toBe('native');
    expect(reasons).toHaveLength(3);
    expect(t.of('agent-timeout').map((e) => e.agentId)).toEqual(['ext', 'ext', 'ext']);
    expect(t.of('agent-dropped').map((e) => e.agentId)).toEqual(['ext']);
  });

  it('report text, reasoning, tool calls and usage as the agent’s events in its phase', async () => {
    const adapter: AgentAdapter = {
      type: 'test',
      async run(turn) {
        turn.events.reasoning('hmm');
        turn.events.toolCall({ toolCallId: 'c1', toolName: 'Read', input: { file_path: 'a.txt' } });
        turn.events.toolResult({ toolCallId: 'c1', toolName: 'Read', output: 'text', isError: false });
        turn.events.text(turn.phase === 'presentation' ? 'Final' : 'Working');
        turn.events.usage({ inputTokens: 10, outputTokens: 5 });
        if (turn.phase === 'presentation') return { text: 'Final' };
        if (turn.prompt.includes('<agent1>'))
          await tool(turn, 'vote').execute({ agent_id: 'agent1', reason: 'mine' });
        else await tool(turn, 'new_answer').execute({ content: 'Only answer' });
        return { text: 'Final' };
      },
    };
    const t = setup([adapterAgent('solo', 0, adapter)]);
    const result = await t.run();
    expect(result.finalAnswer).toBe('Final');
    expect(t.of('usage').map((e) => [e.agentId, e.phase, e.usage.inputTokens])).toEqual([
      ['solo', 'coordination', 10],
      ['solo', 'coordination', 10],
      ['solo', 'presentation', 10],
    ]);
    expect(t.of('final-delta').map((e) => e.text)).toEqual(['Final']);
    expect(t.of('tool-call').map((e) => e.toolName)).toEqual(['Read', 'Read', 'Read']);
    expect(t.of('reasoning-delta')).toHaveLength(3);
  });
});
