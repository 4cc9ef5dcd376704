/**
 * A custom agent adapter (examples/adapters/calculator-agent.ts): from YAML through the built CLI, and
 * through the library API; and what the engine does with an adapter that never decides.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculatorAgent } from '../../examples/adapters/calculator-agent.js';
import type { AdapterTurn, AgentAdapter, CoordinationEvent } from '../../src/index.js';
import { runConfig } from '../../src/index.js';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, ROOT, runCli, tempHome } from '../support/cli.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const CLAUDE = 'claude-sonnet-4-5';

describe('a custom agent adapter', () => {
  it("is the README's example as it is", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(
      `\`\`\`yaml\n${readFileSync(path.join(ROOT, 'examples/custom_adapter.yaml'), 'utf8')}\`\`\``,
    );
  });

  it('runs from YAML (`type: adapter`, `module`, `export`) beside a claude agent and wins', async () => {
    fake.setScenario(consensus());
    fake.requests.length = 0;
    const home = tempHome();
    const result = await runCli(
      ['--automation', '--config', path.join(ROOT, 'examples/custom_adapter.yaml'), 'What is (17 + 4) * 3?'],
      { cwd: home, env: { ANTHROPIC_API_KEY: 'sk-ant-fake', ANTHROPIC_BASE_URL: fake.url } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'WINNER')).toBe('calculator');
    expect(field(result.stdout, 'ANSWER_PREVIEW')).toBe('The result is 63.');
    // The claude agent answers and votes; the calculator makes no model calls.
    expect(fake.requests.map((r) => r.model)).toEqual([CLAUDE, CLAUDE]);
    const log = readFileSync(path.join(field(result.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as CoordinationEvent);
    const votes = log.flatMap((e) => (e.type === 'vote' ? [[e.agentId, e.votedFor]] : []));
    expect(votes.sort()).toEqual([
      ['calculator', 'calculator'],
      ['claude', 'calculator'],
    ]);
    expect(log.filter((e) => e.type === 'text-delta' && e.agentId === 'calculator')).toHaveLength(2);
  });

  it('runs through the library API (`adapters` by agent id), its backend only naming it', async () => {
    fake.setScenario(consensus());
    fake.requests.length = 0;
    const outcome = await runConfig(
      {
        agents: [
          { id: 'calc', backend: { type: 'claude', model: 'not-called' } },
          { id: 'claude', backend: { type: 'claude', model: CLAUDE, base_url: fake.baseUrls.anthropic } },
        ],
      },
      {
        question: 'What is 6 * 7?',
        adapters: { calc: calculatorAgent },
        env: { ANTHROPIC_API_KEY: 'sk-ant-fake' },
        logRoot: false,
      },
    );
    expect(outcome.status).toBe('completed');
    expect(outcome.winner).toBe('calc');
    expect(outcome.finalAnswer).toBe('The result is 42.');
    expect(fake.requests.map((r) => r.model)).toEqual([CLAUDE, CLAUDE]);
  });

  it('fails an execution whose agent never calls a workflow tool: 3 attempts, then a clear failure', async () => {
    fake.setScenario(consensus());
    const turns: AdapterTurn[] = [];
    const silent: AgentAdapter = {
      type: 'silent',
      async run(turn) {
        turns.push(turn);
        turn.events.text('thinking out loud');
        return { text: 'thinking out loud' };
      },
    };
    const events: CoordinationEvent[] = [];
    const outcome = await runConfig(
      {
        agents: [
          { id: 'quiet', backend: { type: 'claude', model: 'x' } },
          { id: 'claude', backend: { type: 'claude', model: CLAUDE, base_url: fake.baseUrls.anthropic } },
        ],
      },
      {
        question: 'Anything?',
        adapters: { quiet: silent },
        env: { ANTHROPIC_API_KEY: 'sk-ant-fake', MASSGEN_RETRY_BASE_MS: '1' },
        logRoot: false,
        onEvent: (e) => events.push(e),
      },
    );
    expect(outcome.winner).toBe('claude');
    // 3 failed executions of 3 turns each, then the agent is dropped.
    expect(turns.map((t) => t.attempt)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
    expect(turns[1]?.prompt).toContain(
      'Finish your work by calling either the `vote` tool or the `new_answer` tool',
    );
    const errors = events.flatMap((e) =>
      e.type === 'agent-error' && e.agentId === 'quiet' ? [e.message] : [],
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^Finish your work by calling .* \(after 3 attempts\)$/);
    expect(events.filter((e) => e.type === 'agent-dropped').map((e) => e.agentId)).toEqual(['quiet']);
  });
});
