import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { type ModelMessage, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type LoopStep, runToolLoop, type ToolLoopInput } from '../../src/agent/tool-loop.js';
import type { EventInput } from '../../src/events/types.js';
import type { AgentMemory } from '../../src/types/agent-memory.js';
import { lookupTool, oneToolRegistry } from '../support/one-tool.js';
import { promptText, type Responder, runtime, type ScriptedReply } from '../support/scripted-model.js';

const lookup = (q: string): ScriptedReply => ({ toolCalls: [{ name: 'custom_tool__lookup', args: { q } }] });
const finish: ScriptedReply = { toolCalls: [{ name: 'finish', args: {} }] };
const toolNames = (options: LanguageModelV3CallOptions) => (options.tools ?? []).map((t) => t.name);

/** An agent with one tool `custom_tool__lookup` (returns `looked up <q>`), the loop's events and its calls. */
function harness(respond: Responder) {
  const agent = runtime('a', 0, respond);
  const runs: string[] = [];
  agent.tools = oneToolRegistry(
    'a',
    lookupTool((q) => {
      runs.push(q);
      return `looked up ${q}`;
    }),
  );
  const events: EventInput[] = [];
  const messages: ModelMessage[] = [{ role: 'user', content: 'Find it.' }];
  const loop = <T>(overrides: Partial<ToolLoopInput<T>> & Pick<ToolLoopInput<T>, 'decide'>) =>
    runToolLoop<T>({
      agent,
      system: 'You find things.',
      messages,
      workflow: { finish: tool({ description: 'Finish.', inputSchema: z.object({}) }) },
      emit: (e) => events.push(e),
      signal: new AbortController().signal,
      phase: 'coordination',
      maxToolSteps: 20,
      ...overrides,
    });
  return { agent, loop, events, messages, runs };
}

/** Runs the calls of the agent's own tools while it may, ends on anything else. */
const untilNoToolStep = (step: LoopStep) =>
  step.canRun(step.calls)
    ? { kind: 'run-tools' as const, calls: step.calls }
    : { kind: 'done' as const, result: step.calls.map((c) => c.toolName) };

describe('runToolLoop', () => {
  it('a tool step runs the calls, gives their results back and calls the model again', async () => {
    const prompts: string[] = [];
    const { loop, events, runs } = harness((prompt, call) => {
      prompts.push(promptText(prompt));
      return call === 0 ? lookup('x') : finish;
    });
    const result = await loop({ decide: untilNoToolStep });
    expect(result).toEqual(['finish']);
    expect(runs).toEqual(['x']);
    expect(prompts).toHaveLength(2);
    expect(prompts[1]).toContain('looked up x');
    // The agent's own call is reported by its execution, the workflow call by the stream: once each.
    expect(events.filter((e) => e.type === 'tool-call').map((e) => e.toolName)).toEqual([
      'custom_tool__lookup',
      'finish',
    ]);
    expect(events.filter((e) => e.type === 'tool-result')).toMatchObject([
      { toolName: 'custom_tool__lookup', output: 'looked up x', isError: false },
    ]);
  });

  it('after the last tool step the agent’s tools are no longer offered, with the limit notice and message once', async () => {
    const offered: string[][] = [];
    const prompts: string[] = [];
    const { loop, events, runs } = harness((prompt, _call, options) => {
      offered.push(toolNames(options));
      prompts.push(promptText(prompt));
      return lookup('again');
    });
    const steps: boolean[] = [];
    const result = await loop({
      maxToolSteps: 2,
      limit: { notice: 'a used its 2 tool steps.', message: 'No more tools: finish now.' },
      decide: (step) => {
        steps.push(step.canUseTools);
        return untilNoToolStep(step);
      },
    });
    expect(result).toEqual(['custom_tool__lookup']);
    expect(runs).toEqual(['again', 'again']);
    expect(steps).toEqual([true, true, false]);
    expect(offered).toEqual([
      ['finish', 'custom_tool__lookup'],
      ['finish', 'custom_tool__lookup'],
      ['finish'],
    ]);
    expect(events.filter((e) => e.type === 'notice')).toEqual([
      { type: 'notice', level: 'warning', agentId: 'a', message: 'a used its 2 tool steps.' },
    ]);
    expect(prompts.map((p) => p.includes('No more tools: finish now.'))).toEqual([false, false, true]);
  });

  it('continue appends the phase’s messages to the conversation before the next call', async () => {
    const prompts: string[] = [];
    const { loop, messages } = harness((prompt) => {
      prompts.push(promptText(prompt));
      return { text: `reply ${prompts.length}` };
    });
    const result = await loop({
      decide: (step) =>
        step.text === 'reply 1'
          ? { kind: 'continue', messages: [{ role: 'user', content: 'Try again.' }] }
          : { kind: 'done', result: step.text },
    });
    expect(result).toBe('reply 2');
    expect(prompts[1]?.endsWith('Try again.')).toBe(true);
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('skipped calls are reported as not run, each with its reason as an error result', async () => {
    const { loop, events, runs } = harness(() => ({
      toolCalls: [...lookup('y').toolCalls!, ...finish.toolCalls!],
    }));
    const parts = await loop({
      decide: (step) => ({
        kind: 'done',
        result: step.skip(
          step.calls.filter((c) => c.toolName !== 'finish'),
          () => 'Not run: the turn is over.',
        ),
      }),
    });
    expect(runs).toEqual([]);
    expect(parts).toMatchObject([
      {
        toolName: 'custom_tool__lookup',
        output: { type: 'error-text', value: 'Not run: the turn is over.' },
      },
    ]);
    expect(events.filter((e) => e.type === 'tool-result')).toMatchObject([
      { toolName: 'custom_tool__lookup', output: 'Not run: the turn is over.', isError: true },
    ]);
  });

  it.each([
    [true, 3],
    [false, 0],
  ])(
    'with compact %s, the agent’s memory compacts the conversation before each of 3 calls %i times and hears each reply’s input tokens',
    async (compact, times) => {
      const sizes: number[] = [];
      const observed: number[] = [];
      const { agent, loop } = harness((_prompt, call) => (call < 2 ? lookup(String(call)) : finish));
      const memory: AgentMemory = {
        recall: async () => undefined,
        compact: async (_system, messages) => {
          sizes.push(messages.length);
        },
        observeUsage: (inputTokens) => observed.push(inputTokens),
      };
      agent.memory = memory;
      await loop({ compact, decide: untilNoToolStep });
      expect(sizes).toEqual(compact ? [1, 3, 5] : []);
      expect(sizes).toHaveLength(times);
      // The scripted model reports 10 input tokens per call.
      expect(observed).toEqual(compact ? [10, 10, 10] : []);
    },
  );
});
