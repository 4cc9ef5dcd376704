import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { agentLabel } from '../../src/coordination/labels.js';
import { ChatModel } from '../../src/patterns/chat-model.js';
import type { ChatSpec } from '../../src/patterns/types.js';
import type { AgentRuntime } from '../../src/types/agent-runtime.js';
import { setup } from '../support/run-setup.js';
import { consensusResponder, labelsIn, runtime } from '../support/scripted-model.js';
import { type Call, callLog, member, type Script } from './support.js';

/** Discusses in a group chat, follows the protocol when workflow tools are offered, presents otherwise. */
function teamScript(id: string): Script {
  return (_call, _user, options) => {
    if (options.tools?.some((t) => t.name === 'vote')) {
      const labels = labelsIn(options.prompt);
      if (labels.length === 0)
        return { toolCalls: [{ name: 'new_answer', args: { content: `Team answer by ${id}` } }] };
      return { toolCalls: [{ name: 'vote', args: { agent_id: labels[0], reason: 'best' } }] };
    }
    const system = options.prompt[0]?.role === 'system' ? options.prompt[0].content : '';
    return { text: system.includes('## Group chat') ? `${id} says hi` : `Presentation by ${id}` };
  };
}

function teamRuntime(spec: ChatSpec, index: number): AgentRuntime {
  const modelId = spec.members.map((m) => m.id).join(', ');
  return {
    id: spec.owner,
    label: agentLabel(index),
    index,
    backendType: spec.kind,
    modelId,
    model: new ChatModel(modelId, spec),
    settings: {},
  };
}

function team(log: ReturnType<typeof callLog>, extra: Partial<ChatSpec> = {}): ChatSpec {
  return {
    kind: 'group_chat',
    owner: 'team',
    members: ['researcher', 'critic'].map((id) => member(id, log, [teamScript(id)])),
    order: { kind: 'round_robin' },
    maxRounds: 1,
    summaryMethod: 'llm_summary',
    summaryAgent: 'critic',
    ...extra,
  };
}

const replies = (calls: Call[]) => calls.filter((c) => c.tools.includes('new_answer'));

describe('a team as one agent of a voting run', () => {
  it('discusses, then its summary agent makes the workflow call; the run converges', async () => {
    const log = callLog();
    const t = setup([teamRuntime(team(log), 0), runtime('solo', 1, consensusResponder('solo'))]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(result.winner).toBe('team');
    expect(t.of('answer').find((e) => e.agentId === 'team')?.content).toBe('Team answer by critic');
    expect(t.of('vote').map((e) => [e.agentId, e.votedFor])).toEqual(
      expect.arrayContaining([
        ['team', 'team'],
        ['solo', 'team'],
      ]),
    );
    // Two executions (answer, vote), each a discussion (researcher, critic) and the critic's reply.
    expect(log.speakers(() => true)).toEqual([
      'researcher',
      'critic',
      'critic',
      'researcher',
      'critic',
      'critic',
      // The presentation goes straight to the summary agent.
      'critic',
    ]);
    const reply = replies(log.calls)[0]!;
    expect(reply.member).toBe('critic');
    expect(reply.tools).toEqual(['new_answer', 'vote']);
    expect(reply.user).toContain(
      '<DISCUSSION>\n[researcher]: researcher says hi\n\n[critic]: critic says hi',
    );
    expect(reply.system).toContain('You write the replies of `team`, a team of researcher, critic.');
    expect(reply.system).toContain('<massgen_coordination');
    // The discussion members see the coordination task but no tools and no coordination rules.
    const discussion = log.calls[0]!;
    expect(discussion.user).toContain('<ORIGINAL MESSAGE> What is 2+2? <END OF ORIGINAL MESSAGE>');
    expect(discussion.system).not.toContain('massgen_coordination');
    // The team's panel shows the discussion.
    const text = t
      .of('text-delta')
      .filter((e) => e.agentId === 'team')
      .map((e) => e.text)
      .join('');
    expect(text).toContain('**[researcher]** researcher says hi\n\n**[critic]** critic says hi');
    // Usage of the three inner calls of the first execution is summed.
    expect(t.of('usage').find((e) => e.agentId === 'team')?.usage).toMatchObject({
      inputTokens: 30,
      outputTokens: 15,
    });
    expect(t.of('final-answer')[0]).toMatchObject({ agentId: 'team', content: 'Presentation by critic' });
  });

  it('with last_message, the last speaker replies', async () => {
    const log = callLog();
    const spec = team(log, {
      summaryMethod: 'last_message',
      summaryAgent: undefined,
      initialAgent: 'critic',
    });
    const t = setup([teamRuntime(spec, 0), runtime('solo', 1, consensusResponder('solo'))]);
    await t.run();
    expect(replies(log.calls)[0]!.member).toBe('researcher');
  });

  it('a nested chat replies as the agent itself after its sequence', async () => {
    const log = callLog();
    const nested: ChatSpec = {
      kind: 'nested_chat',
      owner: 'writer',
      members: ['writer', 'critic'].map((id) => member(id, log, [teamScript(id)])),
      order: { kind: 'sequence', sequence: ['writer', 'critic', 'writer'] },
      maxRounds: 1,
      summaryMethod: 'last_message',
      self: 'writer',
    };
    const t = setup([teamRuntime(nested, 0), runtime('solo', 1, consensusResponder('solo'))]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(log.speakers(() => true).slice(0, 4)).toEqual(['writer', 'critic', 'writer', 'writer']);
    expect(replies(log.calls)[0]).toMatchObject({ member: 'writer' });
    expect(replies(log.calls)[0]!.system).toContain('You are `writer`; you consult critic before replying.');
  });

  it('doGenerate returns the discussion text and the workflow call', async () => {
    const log = callLog();
    const model = new ChatModel('team', team(log));
    const options: LanguageModelV3CallOptions = {
      prompt: [
        { role: 'system', content: 'SYSTEM' },
        { role: 'user', content: [{ type: 'text', text: 'Task' }] },
      ],
      tools: ['new_answer', 'vote'].map((name) => ({
        type: 'function',
        name,
        inputSchema: { type: 'object' },
      })),
    };
    const result = await model.doGenerate(options);
    expect(result.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('**[critic]** critic says hi'),
    });
    expect(result.content.at(-1)).toMatchObject({ type: 'tool-call', toolName: 'new_answer' });
    expect(result.usage.inputTokens.total).toBe(30);
    expect(result.finishReason.unified).toBe('tool-calls');
  });

  it('cancelling the stream stops the discussion', async () => {
    const log = callLog();
    const spec = team(log);
    let signal: AbortSignal | undefined;
    let aborted!: () => void;
    const abortSeen = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    spec.members[0] = member('researcher', log, [
      (_call, _user, options) => {
        signal = options.abortSignal;
        signal?.addEventListener('abort', () => aborted(), { once: true });
        return { text: 'slow', delayMs: 2_000 };
      },
    ]);
    const model = new ChatModel('team', spec);
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Task' }] }],
      tools: [{ type: 'function', name: 'vote', inputSchema: { type: 'object' } }],
    });
    const reader = stream.getReader();
    await reader.read(); // stream-start
    await reader.cancel(new Error('gone'));
    await abortSeen;
    expect(signal?.aborted).toBe(true);
    expect(log.speakers(() => true)).toEqual(['researcher']);
  });

  it('a failing replier fails the call', async () => {
    const log = callLog();
    const spec = team(log);
    spec.members[1] = member('critic', log, [{ text: 'ok' }, { error: new Error('replier down') }]);
    const model = new ChatModel('team', spec);
    await expect(
      model.doGenerate({
        prompt: [{ role: 'user', content: [{ type: 'text', text: 'Task' }] }],
        tools: [{ type: 'function', name: 'vote', inputSchema: { type: 'object' } }],
      }),
    ).rejects.toThrow('replier down');
  });
});
