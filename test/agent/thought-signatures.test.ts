/**
 * Gemini 3 thought signatures survive the turns of an execution: the follow-up request carries each
 * signature back on the part it came with. The fake answers a current-turn function call without
 * its signature, or a signature it did not issue, with Gemini's 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_SIGNATURE } from '../fake-provider/gemini-signatures.js';
import { consensus, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { fakeAgent } from '../support/fake-agents.js';
import { lookupTool, oneToolRegistry } from '../support/one-tool.js';
import { setup } from '../support/run-setup.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

// biome-ignore lint/suspicious/noExplicitAny: raw Gemini request parts
type Part = any;
const modelParts = (index: number, model: string): Part[] =>
  fake.requests
    .filter((r) => r.model === model)
    [index]!.body.contents.filter((c: { role: string }) => c.role === 'model')
    .flatMap((c: { parts: Part[] }) => c.parts);

async function gemini3(model: string, withTool: boolean) {
  const agent = await fakeAgent(fake, 'gem', 0, 'gemini', model);
  if (withTool) {
    agent.tools = oneToolRegistry(
      'gem',
      lookupTool(() => 'found it'),
    );
  }
  return setup([agent]);
}

describe('Gemini 3 thought signatures', () => {
  it('a function call’s signature goes back on its functionCall part after a tool step', async () => {
    const model = 'gemini-3-pro-preview';
    fake.setScenario(
      scripted({
        [model]: [{ text: 'Let me look.', toolCalls: [{ name: 'custom_tool__lookup', args: { q: 'x' } }] }],
      }),
    );
    const t = await gemini3(model, true);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(t.of('agent-error')).toHaveLength(0);
    expect(t.of('tool-result')).toMatchObject([{ toolName: 'custom_tool__lookup', isError: false }]);
    const [text, call] = modelParts(1, model);
    expect(text).toEqual({ text: 'Let me look.' });
    expect(call.functionCall.name).toBe('custom_tool__lookup');
    expect(call.thoughtSignature).toEqual(expect.any(String));
    // A real signature, accepted by the fake: not the placeholder the SDK puts in for a lost one.
    expect(call.thoughtSignature).not.toBe(SKIP_SIGNATURE);
    expect(t.of('notice')).toEqual([]);
  });

  it('a text part’s signature goes back on that text part when the agent is asked again', async () => {
    const model = 'gemini-3-flash-preview';
    fake.setScenario(scripted({ [model]: [{ text: 'I believe it is four.' }] }, consensus()));
    const t = await gemini3(model, false);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(t.of('workflow-rejected')).toHaveLength(1);
    expect(t.of('agent-error')).toHaveLength(0);
    const [text] = modelParts(1, model);
    expect(text).toEqual({ text: 'I believe it is four.', thoughtSignature: expect.any(String) });
  });
});
