import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { lookupTool, oneToolRegistry } from '../support/one-tool.js';
import { setup } from '../support/run-setup.js';
import {
  isPresentation,
  labelsIn,
  promptText,
  runtime,
  type ScriptedReply,
} from '../support/scripted-model.js';

/** An agent runtime with one custom tool `custom_tool__lookup` that returns `looked up <q>`. */
function withTool(respond: Parameters<typeof runtime>[2]) {
  const agent = runtime('a', 0, respond);
  let calls = 0;
  agent.tools = oneToolRegistry(
    'a',
    lookupTool((q) => {
      calls++;
      return `looked up ${q}`;
    }),
  );
  return { agent, calls: () => calls };
}

const toolNames = (options: { tools?: Array<{ name: string }> }) => (options.tools ?? []).map((t) => t.name);
const lookup = (q: string): ScriptedReply => ({ toolCalls: [{ name: 'custom_tool__lookup', args: { q } }] });
const vote = (prompt: LanguageModelV3Prompt): ScriptedReply => ({
  toolCalls: [{ name: 'vote', args: { agent_id: labelsIn(prompt)[0], reason: 'ok' } }],
});

describe('the tool loop of a turn', () => {
  it('runs the agent’s tools until it calls a workflow tool; results go back to the model and into the context', async () => {
    const seen: string[][] = [];
    const { agent, calls } = withTool((prompt, call, options) => {
      if (isPresentation(options)) return { text: 'Final' };
      seen.push(toolNames(options));
      if (call === 0) return lookup('x');
      if (call === 1)
        return {
          toolCalls: [
            {
              name: 'new_answer',
              args: { content: `Answer: ${promptText(prompt).match(/looked up x/)?.[0]}` },
            },
          ],
        };
      return vote(prompt);
    });
    const { run, of } = setup([agent]);
    const result = await run();
    expect(result.finalAnswer).toBe('Final');
    expect(calls()).toBe(1);
    expect(seen[0]).toEqual(['new_answer', 'vote', 'custom_tool__lookup']);
    expect(of('answer')[0]?.content).toBe('Answer: looked up x');
    expect(of('answer')[0]?.context).toContain('[tool result custom_tool__lookup]');
    expect(of('tool-call').map((e) => e.toolName)).toEqual(['custom_tool__lookup', 'new_answer', 'vote']);
    expect(of('tool-result')[0]).toMatchObject({ output: 'looked up x', isError: false });
  });

  it('does not run tools called in the same reply as a workflow tool', async () => {
    const { agent, calls } = withTool((prompt, call, options) => {
      if (isPresentation(options)) return { text: 'Final' };
      if (call === 0)
        return { toolCalls: [lookup('y').toolCalls![0]!, { name: 'new_answer', args: { content: 'A' } }] };
      return vote(prompt);
    });
    const { run, of } = setup([agent]);
    await run();
    expect(calls()).toBe(0);
    expect(of('tool-result')[0]).toMatchObject({ toolName: 'custom_tool__lookup', isError: true });
    expect(String(of('tool-result')[0]?.output)).toMatch(
      /^Not run: a reply that calls new_answer or vote ends your turn/,
    );
  });

  it('after 20 tool steps the model is told to finish and gets only its workflow tools', async () => {
    const offered: string[][] = [];
    const { agent, calls } = withTool((prompt, _call, options) => {
      if (isPresentation(options)) return { text: 'Final' };
      if (labelsIn(prompt).length > 0) return vote(prompt);
      offered.push(toolNames(options));
      if (promptText(prompt).includes('used all 20 tool steps')) {
        return { toolCalls: [{ name: 'new_answer', args: { content: 'done' } }] };
      }
      return lookup('again');
    });
    const { run, of } = setup([agent]);
    const result = await run();
    expect(result.status).toBe('completed');
    expect(calls()).toBe(20);
    expect(offered[20]).toEqual(['new_answer', 'vote']);
    expect(of('notice').some((n) => n.message.includes('used its 20 tool steps'))).toBe(true);
  });

  it('the presenter has its tools: a tool step, then the final text (both replies make the answer)', async () => {
    const presentation: string[][] = [];
    const { agent, calls } = withTool((prompt, _call, options) => {
      if (isPresentation(options)) {
        presentation.push(toolNames(options));
        return promptText(prompt).includes('looked up final')
          ? { text: 'The answer is 42.' }
          : { text: 'Checking.', ...lookup('final') };
      }
      return labelsIn(prompt).length > 0
        ? vote(prompt)
        : { toolCalls: [{ name: 'new_answer', args: { content: 'A' } }] };
    });
    const { run, of } = setup([agent]);
    const result = await run();
    expect(calls()).toBe(1);
    expect(presentation[0]).toEqual(['custom_tool__lookup']);
    expect(result.finalAnswer).toBe('Checking.\n\nThe answer is 42.');
    expect(
      of('final-delta')
        .map((e) => e.text)
        .join(''),
    ).toBe('Checking.\n\nThe answer is 42.');
  });
});
