/**
 * Budgets and question paraphrasing in group-chat mode, through the CLI against the fake provider:
 * no turn starts once the budget (and the summary after the chat) no longer fits, the summary or
 * the last message is the final answer, status `budget`, exit 0; with `orchestrator.dspy` each
 * speaker reads its own variant after the question and the summary writer reads the question alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeRequest, Scenario } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const USAGE = { inputTokens: 1000, outputTokens: 200 };
const isSummary = (req: FakeRequest) => req.system.includes('## Summary');

/**
 * Every speaker says `<model> message N` (N counting its requests); the summary writer says
 * `Summary by <model>`. `usage(i)` is the usage of the i-th request (default {@link USAGE}).
 */
function chatScenario(usage: (i: number) => { inputTokens: number; outputTokens: number } = () => USAGE) {
  const seen: FakeRequest[] = [];
  const scenario: Scenario = (req) => {
    seen.push(req);
    const n = seen.filter((q) => q.model === req.model && !isSummary(q)).length;
    const text = isSummary(req) ? `Summary by ${req.model}` : `${req.model} message ${n}`;
    return { text, usage: usage(seen.length - 1) };
  };
  return { seen, scenario };
}

/** Three speakers on the fake provider (`type` openai: Responses; chatcompletion: Chat Completions). */
function groupChat(options: {
  type?: 'openai' | 'chatcompletion';
  models?: string[];
  summary: 'last_message' | 'llm_summary';
  extra?: string[];
}): string {
  const type = options.type ?? 'chatcompletion';
  const url = type === 'openai' ? fake.baseUrls.openai : fake.baseUrls.chat;
  const models = options.models ?? ['m-one', 'm-two', 'm-three'];
  const lines = ['agents:'];
  models.forEach((model, i) => {
    lines.push(`  - id: "a${i + 1}"`);
    lines.push(`    backend: { type: ${type}, model: "${model}", base_url: "${url}", api_key: "k" }`);
  });
  lines.push(
    'orchestrator:',
    '  mode: group_chat',
    `  group_chat: { pattern: round_robin, max_rounds: 3, termination_keyword: null, summary_method: ${options.summary} }`,
    ...(options.extra ?? []),
  );
  return `${lines.join('\n')}\n`;
}

async function run(yaml: string, args: string[] = [], question = 'Q') {
  const home = tempHome();
  const file = writeFile(home, 'chat.yaml', yaml);
  const r = await runCli(['--automation', '--config', file, ...args, question], { cwd: home });
  const logDir = field(r.stdout, 'LOG_DIR');
  const status = logDir ? JSON.parse(readFileSync(path.join(logDir, 'status.json'), 'utf8')) : undefined;
  const events = logDir
    ? readFileSync(path.join(logDir, 'events.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];
  return { ...r, logDir, status, events };
}

const notices = (events: Array<{ type: string; message?: string }>) =>
  events.filter((e) => e.type === 'notice').map((e) => e.message!);

describe('group chat with a budget', () => {
  it('--max-cost: no turn starts once one more does not fit; the last message is final, status budget, exit 0', async () => {
    const { seen, scenario } = chatScenario();
    fake.setScenario(scenario);
    const price = calcPrice({ input_tokens: 1000, output_tokens: 200 }, 'gpt-4o-mini', {
      providerId: 'openai',
    })!.total_price;
    const yaml = groupChat({
      type: 'openai',
      models: ['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini'],
      summary: 'last_message',
    });
    // Three turns fit in 3.5 calls' cost; a fourth would make it 4: nine turns are never reached.
    const maxCost = (3.5 * price).toFixed(12);
    const r = await run(yaml, ['--max-cost', maxCost]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(seen).toHaveLength(3);
    expect(field(r.stdout, 'STATUS_FINAL')).toBe('budget');
    expect(field(r.stdout, 'WINNER')).toBe('a3');
    expect(readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8')).toBe('gpt-4o-mini message 3');
    expect(r.status.run.status).toBe('budget');
    expect(r.status.costs.total_calls).toBe(3);
    expect(r.status.costs.total_estimated_cost).toBeCloseTo(3 * price, 10);
    expect(r.status.results.winner).toBe('a3');
    expect(notices(r.events).filter((m) => m.startsWith('Budget reached'))).toEqual([
      `Budget reached ($${Number((3 * price).toPrecision(4))} of $${Number(maxCost)}): no new turn starts after 3 message(s).`,
    ]);
    expect(r.events.at(-1)).toMatchObject({ type: 'run-end', status: 'budget', winner: 'a3' });

    // The same config without a budget runs its nine turns.
    const before = seen.length;
    const whole = await run(yaml);
    expect(whole.code).toBe(0);
    expect(seen.length - before).toBe(9);
    expect(field(whole.stdout, 'STATUS_FINAL')).toBeUndefined();
  });

  it('budget.max_tokens with llm_summary: room is kept for the summary, which is the final answer', async () => {
    const { seen, scenario } = chatScenario();
    fake.setScenario(scenario);
    // Turn 2 fits with the summary (1200 + 2 × 1200 ≤ 4000); turn 3 would not (2400 + 2 × 1200).
    const r = await run(groupChat({ summary: 'llm_summary', extra: ['budget:', '  max_tokens: 4000'] }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(seen.map((q) => (isSummary(q) ? `summary:${q.model}` : q.model))).toEqual([
      'm-one',
      'm-two',
      'summary:m-one',
    ]);
    expect(seen[2]!.lastUserText).toContain('[a1]: m-one message 1\n\n[a2]: m-two message 1');
    expect(field(r.stdout, 'STATUS_FINAL')).toBe('budget');
    expect(field(r.stdout, 'WINNER')).toBe('a1');
    expect(readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8')).toBe('Summary by m-one');
    expect(r.status.run.status).toBe('budget');
    expect(r.status.costs.total_input_tokens + r.status.costs.total_output_tokens).toBe(3600);
    expect(notices(r.events)).toEqual([
      'Budget reached (2400 of 4000 tokens): no new turn starts after 2 message(s).',
    ]);
  });

  it('when even the summary no longer fits, the last message is the final answer', async () => {
    // The second turn costs far more than the first: after it the summary (estimated at the mean) no longer fits.
    const { seen, scenario } = chatScenario((i) =>
      i === 0 ? { inputTokens: 80, outputTokens: 20 } : { inputTokens: 2500, outputTokens: 500 },
    );
    fake.setScenario(scenario);
    const r = await run(groupChat({ summary: 'llm_summary', extra: ['budget:', '  max_tokens: 3500'] }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(seen.map((q) => q.model)).toEqual(['m-one', 'm-two']);
    expect(seen.some(isSummary)).toBe(false);
    expect(field(r.stdout, 'STATUS_FINAL')).toBe('budget');
    expect(field(r.stdout, 'WINNER')).toBe('a2');
    expect(readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8')).toBe('m-two message 1');
    expect(notices(r.events)).toEqual([
      'Budget reached (3100 of 3500 tokens): no new turn starts after 2 message(s).',
      'Budget reached (3100 of 3500 tokens): using the last message as final.',
    ]);
    expect(r.events.find((e) => e.type === 'final-answer')).toMatchObject({
      agentId: 'a2',
      content: 'm-two message 1',
      fromStoredAnswer: true,
    });
  });
});

const QUESTION = 'What is the tallest mountain on Earth?';
const VARIANTS = [
  'Which mountain on Earth is the tallest?',
  'Name the highest mountain on our planet.',
  'On Earth, what mountain rises highest?',
];
const original = `<ORIGINAL MESSAGE> ${QUESTION} <END OF ORIGINAL MESSAGE>`;
const paraphrased = (v: string) => `${original}\n<PARAPHRASED MESSAGE> ${v} <END OF PARAPHRASED MESSAGE>`;

describe('group chat with paraphrasing', () => {
  it('deals one variant to each speaker; the summary writer reads the original question alone', async () => {
    const chat = chatScenario();
    let written = 0;
    const rewriter: FakeRequest[] = [];
    fake.setScenario((req) => {
      if (req.model !== 'rewriter') return chat.scenario(req);
      rewriter.push(req);
      return { text: VARIANTS[written++ % VARIANTS.length], usage: USAGE };
    });
    const yaml = groupChat({
      summary: 'llm_summary',
      extra: [
        '  dspy:',
        '    enabled: true',
        `    backend: { type: chatcompletion, model: rewriter, base_url: "${fake.baseUrls.chat}", api_key: "k" }`,
        '    num_variants: 3',
        '    validate_semantics: false',
        '    cache_enabled: false',
      ],
    }).replace('max_rounds: 3', 'max_rounds: 1');
    const r = await run(yaml, [], QUESTION);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(rewriter).toHaveLength(3);
    const speakers = chat.seen.filter((q) => !isSummary(q));
    expect(speakers.map((q) => q.model)).toEqual(['m-one', 'm-two', 'm-three']);
    speakers.forEach((q, i) => {
      expect(q.lastUserText.startsWith(`${paraphrased(VARIANTS[i]!)}\n\n<CHAT SO FAR>`)).toBe(true);
    });
    const summary = chat.seen.filter(isSummary);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.lastUserText.startsWith(`${original}\n\n<GROUP CHAT>`)).toBe(true);
    expect(summary[0]!.lastUserText).not.toContain('PARAPHRASED MESSAGE');
    for (const v of VARIANTS) expect(summary[0]!.lastUserText).not.toContain(v);
    expect(readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8')).toBe('Summary by m-one');

    expect(r.stdout).toContain(
      `PARAPHRASE: a1: ${VARIANTS[0]}\nPARAPHRASE: a2: ${VARIANTS[1]}\nPARAPHRASE: a3: ${VARIANTS[2]}\n`,
    );
    expect(r.events.filter((e) => e.type === 'question-paraphrased')).toEqual([
      expect.objectContaining({
        variants: VARIANTS,
        assignments: { a1: VARIANTS[0], a2: VARIANTS[1], a3: VARIANTS[2] },
        dropped: 0,
        cached: false,
      }),
    ]);
    expect(r.events[0].type).toBe('run-start');
    // The rewriter's calls are in the run's costs, apart from the speakers'.
    expect(r.status.costs.paraphrase).toMatchObject({ calls: 3, input_tokens: 3000, output_tokens: 600 });
    expect(r.status.costs.total_calls).toBe(7);
  });
});

describe('the speaker selector of an auto group chat', () => {
  const autoChat = (budget: string[] = []) =>
    [
      'agents:',
      ...['a1', 'a2', 'a3'].map(
        (id) =>
          `  - { id: ${id}, backend: { type: openai, model: gpt-4o-mini, base_url: "${fake.baseUrls.openai}", api_key: k } }`,
      ),
      'orchestrator:',
      '  mode: group_chat',
      '  group_chat:',
      '    pattern: auto',
      '    max_rounds: 2',
      '    termination_keyword: null',
      '    summary_method: last_message',
      `    selector: { type: openai, model: gpt-4o, base_url: "${fake.baseUrls.openai}", api_key: k }`,
      ...budget,
      '',
    ].join('\n');
  const isSelection = (q: FakeRequest) => q.tools.some((t) => t.name === 'select_speaker');
  /** Speakers say a message; the selector picks a1, a2, a3, a1, … in turn. */
  function autoScenario() {
    const seen: FakeRequest[] = [];
    const scenario: Scenario = (req) => {
      seen.push(req);
      if (isSelection(req)) {
        const next = `a${((seen.filter(isSelection).length - 1) % 3) + 1}`;
        return {
          toolCalls: [{ name: 'select_speaker', args: { agent_id: next, reason: 'next' } }],
          usage: USAGE,
        };
      }
      return { text: `message ${seen.length}`, usage: USAGE };
    };
    return { seen, scenario };
  }

  it("is billed as its own model in status.json costs, beside the agents'", async () => {
    const { seen, scenario } = autoScenario();
    fake.setScenario(scenario);
    const r = await run(autoChat());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Six turns (two rounds of three); every turn after the first is chosen by the selector.
    expect(seen.filter(isSelection)).toHaveLength(5);
    expect(seen.filter((q) => !isSelection(q))).toHaveLength(6);
    const price = (model: string) =>
      calcPrice({ input_tokens: 1000, output_tokens: 200 }, model, { providerId: 'openai' })!.total_price;
    expect(r.status.costs.agents.selector).toMatchObject({
      backend: 'openai',
      model: 'gpt-4o',
      calls: 5,
      input_tokens: 5000,
      output_tokens: 1000,
      unpriced_calls: 0,
    });
    expect(r.status.costs.agents.selector.estimated_cost).toBeCloseTo(5 * price('gpt-4o'), 10);
    expect(r.status.costs.total_calls).toBe(11);
    expect(r.status.costs.total_estimated_cost).toBeCloseTo(
      5 * price('gpt-4o') + 6 * price('gpt-4o-mini'),
      10,
    );
    // It is no participant of the run.
    expect(Object.keys(r.status.agents).sort()).toEqual(['a1', 'a2', 'a3']);
  });

  it('spends the budget: no turn starts once it and its selection no longer fit', async () => {
    const { seen, scenario } = autoScenario();
    fake.setScenario(scenario);
    // 1,200 tokens a call: turn 1 (1,200), selection + turn 2 (3,600), selection + turn 3 (6,000);
    // a fourth turn and its selection would reach 8,400.
    const r = await run(autoChat(['budget:', '  max_tokens: 7000']));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(seen.filter(isSelection)).toHaveLength(2);
    expect(seen.filter((q) => !isSelection(q))).toHaveLength(3);
    expect(field(r.stdout, 'STATUS_FINAL')).toBe('budget');
    expect(r.status.costs.total_input_tokens + r.status.costs.total_output_tokens).toBe(6000);
  });
});
