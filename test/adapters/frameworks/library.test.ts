/**
 * Framework agents through the library API: an OpenAI Agents JS `Agent` object passed in `adapters`
 * (wrapped by `frameworkAdapter`), run against the fake provider beside a claude agent.
 */
import { Agent, OpenAIProvider, setTracingDisabled, tool } from '@openai/agents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, type CoordinationEvent, frameworkAdapter, runConfig } from '../../../src/index.js';
import { scripted } from '../../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../../fake-provider/server.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
  setTracingDisabled(true);
});
afterAll(() => fake.close());

const CLAUDE = 'claude-sonnet-4-5';
const MODEL = 'gpt-4o-mini';

describe('frameworkAdapter', () => {
  it('runs an OpenAI Agents `Agent` given through `adapters`, with its own tool', async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({ [MODEL]: [{ toolCalls: [{ name: 'lookup_city', args: { city: 'Lyon' } }] }] }),
    );
    const provider = new OpenAIProvider({ apiKey: 'sk-fake-openai', baseURL: fake.baseUrls.openai });
    const researcher = new Agent({
      name: 'researcher',
      instructions: 'You research cities.',
      model: await provider.getModel(MODEL),
      tools: [
        tool({
          name: 'lookup_city',
          description: 'Facts about a city.',
          parameters: z.object({ city: z.string() }),
          execute: async ({ city }) => `${city}: 0.5 million people`,
        }),
      ],
    });
    const events: CoordinationEvent[] = [];
    const outcome = await runConfig(
      {
        agents: [
          // Its own tool only reads: the safety checks let it run while the agents answer.
          {
            id: 'researcher',
            backend: { type: 'openai', model: MODEL, tool_risk: { lookup_city: 'read-only' } },
          },
          { id: 'claude', backend: { type: 'claude', model: CLAUDE, base_url: fake.baseUrls.anthropic } },
        ],
      },
      {
        question: 'How many people live in Lyon?',
        adapters: { researcher: frameworkAdapter('openai-agents', researcher) },
        env: { ANTHROPIC_API_KEY: 'sk-ant-fake' },
        logRoot: false,
        onEvent: (e) => events.push(e),
      },
    );
    expect(outcome.status).toBe('completed');
    expect(outcome.winner).toBe('researcher');
    expect(outcome.finalAnswer).toBe(`Final answer from ${MODEL}`);
    expect(fake.requests.map((r) => r.model).sort()).toEqual([CLAUDE, CLAUDE, MODEL, MODEL, MODEL, MODEL]);
    const own = events.flatMap((e) =>
      (e.type === 'tool-call' || e.type === 'tool-result') && e.agentId === 'researcher' ? [e] : [],
    );
    expect(
      own.map((e) =>
        e.type === 'tool-call' ? ['call', e.toolName, e.input] : ['result', e.toolName, e.output],
      ),
    ).toEqual([
      ['call', 'lookup_city', { city: 'Lyon' }],
      ['result', 'lookup_city', 'Lyon: 0.5 million people'],
    ]);
    // Usage of its four model calls, priced by the agent's backend (`openai`, gpt-4o-mini).
    expect(events.filter((e) => e.type === 'usage' && e.agentId === 'researcher')).toHaveLength(4);
  });

  it('refuses an object that is not an agent of the framework, saying what to pass', () => {
    expect(() => frameworkAdapter('openai-agents', { run: 1 })).toThrow(ConfigError);
    expect(() => frameworkAdapter('ai-sdk', { run: 1 })).toThrow(
      'frameworkAdapter: the ai-sdk agent is an object with keys run, not an agent of AI SDK; pass an AI SDK `ToolLoopAgent`',
    );
  });
});
