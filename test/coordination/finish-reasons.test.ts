/**
 * Replies that end other than normally (cut at the output limit, blocked, a malformed call), sent
 * by the fake provider exactly as each provider does, through real AI SDK clients and the
 * orchestrator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendType } from '../../src/providers/catalog.js';
import { consensus, type FakeReply, type FakeRequest, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { fakeAgent } from '../support/fake-agents.js';
import { setup } from '../support/run-setup.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const ENFORCEMENT = 'Finish your work by calling either the `vote` tool or the `new_answer` tool';
const requestsOf = (model: string) => fake.requests.filter((r) => r.model === model);
const offers = (req: FakeRequest, tool: string) => req.tools.some((t) => t.name === tool);

/** One agent on `type`/`model`, whose replies follow the protocol except the scripted ones. */
async function solo(type: BackendType, model: string, overrides: Partial<Parameters<typeof setup>[1]> = {}) {
  const agent = await fakeAgent(fake, 'solo', 0, type, model);
  return setup([agent], overrides);
}

describe('a reply cut at the output token limit', () => {
  it.each([
    ['claude', 'claude-cut', 'max_tokens'],
    ['gemini', 'gemini-2.5-cut', 'MAX_TOKENS'],
    ['openai', 'gpt-4.1-cut', 'max_output_tokens'],
    ['chatcompletion', 'llama-cut', 'length'],
  ] as const)(
    'on %s without a workflow call gets the normal retry and a notice (%s)',
    async (type, model, raw) => {
      fake.setScenario(scripted({ [model]: [{ text: 'The answer is probably', finishReason: 'length' }] }));
      const t = await solo(type, model);
      const result = await t.run();
      expect(result).toMatchObject({
        status: 'completed',
        winner: 'solo',
        finalAnswer: `Final answer from ${model}`,
      });
      expect(t.of('workflow-rejected')).toMatchObject([{ agentId: 'solo', toolName: 'none', attempt: 1 }]);
      expect(t.of('agent-error')).toHaveLength(0);
      const notices = t.of('notice').filter((n) => n.message.includes('output token limit'));
      expect(notices).toEqual([
        expect.objectContaining({
          level: 'warning',
          agentId: 'solo',
          message: `solo: the reply was cut at the output token limit (${raw}); it is asked again to finish with new_answer or vote (raise backend.max_tokens in the config if this repeats).`,
        }),
      ]);
      // Cut reply, answer, vote, presentation; the retry saw the cut text and the reminder.
      const requests = requestsOf(model);
      expect(requests).toHaveLength(4);
      expect(requests[1]?.messages.map((m) => [m.role, m.text])).toEqual([
        ['user', expect.any(String)],
        ['assistant', 'The answer is probably'],
        ['user', expect.stringContaining(ENFORCEMENT)],
      ]);
    },
  );

  it('during reasoning on the Responses API: the follow-up leaves the dangling reasoning item out', async () => {
    const model = 'gpt-5-cut';
    fake.setScenario(scripted({ [model]: [{ reasoning: 'First, consider the', finishReason: 'length' }] }));
    const t = await solo('openai', model);
    const result = await t.run();
    expect(result.status).toBe('completed');
    // The fake answers a reasoning item without its following item with OpenAI's 400: none happened.
    expect(t.of('agent-error')).toHaveLength(0);
    expect(t.of('workflow-rejected')).toHaveLength(1);
    const followUp = requestsOf(model)[1]!;
    expect(JSON.stringify(followUp.body.input)).not.toMatch(/"rs_|"type":"reasoning"/);
    expect(followUp.messages.map((m) => m.role)).toEqual(['user', 'user']);
    expect(t.of('notice').map((n) => n.message)).toContainEqual(
      expect.stringContaining('cut at the output token limit (max_output_tokens)'),
    );
  });
});

describe('a reply the provider blocked', () => {
  it.each([
    ['claude', 'claude-refuse', 'refusal'],
    ['gemini', 'gemini-2.5-refuse', 'SAFETY'],
    ['openai', 'gpt-4.1-refuse', 'content_filter'],
  ] as const)(
    'on %s counts as a failed attempt; the agent starts over with a fresh conversation (%s)',
    async (type, model, raw) => {
      fake.setScenario(scripted({ [model]: [{ text: 'Here is how', finishReason: 'content-filter' }] }));
      const t = await solo(type, model);
      const result = await t.run();
      expect(result).toMatchObject({ status: 'completed', finalAnswer: `Final answer from ${model}` });
      expect(t.of('agent-error')).toEqual([
        expect.objectContaining({
          agentId: 'solo',
          message: `the provider blocked the reply (${raw}); if this repeats, rephrase the question or give the agent another model`,
          willRetry: true,
          failures: 1,
        }),
      ]);
      expect(t.of('notice').filter((n) => n.message.includes('blocked'))).toEqual([
        expect.objectContaining({
          level: 'warning',
          agentId: 'solo',
          message: `solo: the provider blocked the reply (${raw}); this counts as a failed attempt and the agent starts over.`,
        }),
      ]);
      // Blocked, then answered, then voted: one execution more than a clean run.
      expect(t.of('agent-start').map((e) => e.execution)).toEqual([1, 2, 3]);
      expect(t.of('workflow-rejected')).toHaveLength(0);
      // The second execution does not carry the blocked reply.
      expect(requestsOf(model)[1]?.messages.map((m) => m.role)).toEqual(['user']);
    },
  );
});

describe('a malformed function call (Gemini)', () => {
  it('is refused and retried in the same conversation', async () => {
    const model = 'gemini-2.5-malformed';
    const malformed: FakeReply = {
      toolCalls: [{ name: 'new_answer', args: 'content="unquoted' }],
      finishReason: 'malformed-function-call',
    };
    fake.setScenario(scripted({ [model]: [malformed] }));
    const t = await solo('gemini', model);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(t.of('agent-error')).toHaveLength(0);
    expect(t.of('workflow-rejected')).toEqual([
      expect.objectContaining({ agentId: 'solo', attempt: 1, message: expect.stringContaining('malformed') }),
    ]);
    expect(t.of('notice').filter((n) => n.message.includes('MALFORMED_FUNCTION_CALL'))).toEqual([
      expect.objectContaining({
        message:
          'solo: the provider could not parse the function call in the reply (MALFORMED_FUNCTION_CALL); it is asked to make the call again.',
      }),
    ]);
    const retry = requestsOf(model)[1]!;
    expect(retry.lastUserText).toMatch(/^Your last function call was malformed/);
    expect(requestsOf(model)).toHaveLength(4);
  });
});

describe('the presentation and the post-evaluation', () => {
  it('a cut presentation keeps its text and says it was cut', async () => {
    const model = 'claude-present-cut';
    fake.setScenario((req) =>
      req.model === model && !offers(req, 'vote')
        ? { text: 'The final answer is four, because', finishReason: 'length' }
        : consensus()(req),
    );
    const t = await solo('claude', model);
    const result = await t.run();
    expect(result).toMatchObject({ status: 'completed', finalAnswer: 'The final answer is four, because' });
    expect(t.of('final-answer')).toMatchObject([{ fromStoredAnswer: false }]);
    expect(t.of('notice').map((n) => n.message)).toEqual([
      'solo: the presentation was cut at the output token limit (max_tokens); the final answer is the text written so far, incomplete.',
    ]);
  });

  it('a blocked presentation falls back to the stored answer', async () => {
    const model = 'gemini-2.5-present-blocked';
    fake.setScenario((req) =>
      req.model === model && !offers(req, 'vote')
        ? { text: 'Partial', finishReason: 'content-filter' }
        : consensus()(req),
    );
    const t = await solo('gemini', model);
    const result = await t.run();
    expect(result).toMatchObject({ status: 'completed', finalAnswer: `Answer from ${model}` });
    expect(t.of('final-answer')).toMatchObject([{ fromStoredAnswer: true }]);
    expect(t.of('notice').map((n) => n.message)).toEqual([
      'The presentation failed (the provider blocked the reply (SAFETY); if this repeats, rephrase the question or give the agent another model); using the stored answer.',
    ]);
  });

  it('a cut post-evaluation submits the answer', async () => {
    const model = 'gpt-4.1-eval-cut';
    fake.setScenario((req) =>
      req.model === model && offers(req, 'submit')
        ? { text: 'Let me check the', finishReason: 'length' }
        : consensus()(req),
    );
    const t = await solo('openai', model, { maxRestarts: 1 });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'completed', finalAnswer: `Final answer from ${model}` });
    expect(t.of('post-evaluation')).toMatchObject([{ decision: 'submit', by: 'no-tool' }]);
    expect(t.of('attempt-start')).toHaveLength(1);
    expect(t.of('notice').map((n) => n.message)).toEqual([
      'solo: the evaluation was cut at the output token limit (max_output_tokens); the final answer is submitted as it is.',
    ]);
  });
});
