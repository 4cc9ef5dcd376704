/**
 * Question paraphrasing (`orchestrator.dspy`) through the CLI against the fake provider: variants are
 * written, a non-equivalent one is dropped, each agent reads its own variant, the presenter reads
 * the question alone, and a second run takes the variants from the cache.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest, type Scenario } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const QUESTION = 'What is the tallest mountain on Earth?';
const WRITTEN = [
  'Which mountain on Earth is the tallest?',
  'What is the capital of France?',
  'Name the highest mountain on our planet.',
  'On Earth, what mountain rises highest?',
];
const KEPT = [WRITTEN[0]!, WRITTEN[2]!, WRITTEN[3]!];
const USAGE = { inputTokens: 100, outputTokens: 10 };

/** The rewriter writes {@link WRITTEN} in turn and judges only the France question not equivalent. */
function scenario(): Scenario {
  let written = 0;
  const bot = consensus();
  return (req: FakeRequest) => {
    if (req.model !== 'rewriter') return bot(req);
    if (req.tools.some((t) => t.name === 'report_equivalence')) {
      const variant = /Paraphrase: (.*)/.exec(req.lastUserText)?.[1] ?? '';
      const equivalent = !variant.includes('France');
      return {
        toolCalls: [{ name: 'report_equivalence', args: { equivalent, confidence: 0.95 } }],
        usage: USAGE,
      };
    }
    return { text: WRITTEN[written++ % WRITTEN.length], usage: USAGE };
  };
}

function config(): string {
  const url = fake.baseUrls.chat;
  const agent = (id: string) =>
    `  - id: "${id}"\n    backend:\n      type: "chatcompletion"\n      model: "model-${id}"\n      base_url: "${url}"\n      api_key: "k"\n`;
  return [
    'agents:',
    agent('a1') + agent('a2') + agent('a3'),
    'orchestrator:',
    '  dspy:',
    '    enabled: true',
    `    backend: { type: "chatcompletion", model: "rewriter", base_url: "${url}", api_key: "k" }`,
    '    num_variants: 3',
    '    strategy: "diverse"',
    '',
  ].join('\n');
}

const paraphraseBlock = (text: string) => `<PARAPHRASED MESSAGE> ${text} <END OF PARAPHRASED MESSAGE>`;

describe('question paraphrasing', () => {
  it('deals checked variants to different agents; the presenter reads the original question', async () => {
    fake.setScenario(scenario());
    const home = tempHome();
    const file = writeFile(home, 'p.yaml', config());
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, QUESTION], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const requests = fake.requests.slice(before);
    const rewriter = requests.filter((q) => q.model === 'rewriter');
    // Four variants written, each checked; the France one dropped.
    expect(rewriter).toHaveLength(8);
    // Diverse strategy over the default range [0.3, 0.9]: 0.3, 0.6, 0.9 by variants kept so far.
    expect(rewriter.filter((q) => q.tools.length === 0).map((q) => q.body.temperature)).toEqual([
      0.3, 0.6, 0.6, 0.9,
    ]);

    const first = (id: string) => requests.find((q) => q.model === `model-${id}`)!;
    KEPT.forEach((variant, i) => {
      const text = first(`a${i + 1}`).lastUserText;
      expect(text).toContain(`<ORIGINAL MESSAGE> ${QUESTION} <END OF ORIGINAL MESSAGE>`);
      expect(text).toContain(paraphraseBlock(variant));
    });
    const presenter = requests.filter((q) => q.model.startsWith('model-') && q.tools.length === 0);
    expect(presenter).toHaveLength(1);
    expect(presenter[0]!.lastUserText).toContain(`<ORIGINAL MESSAGE> ${QUESTION} <END OF ORIGINAL MESSAGE>`);
    expect(presenter[0]!.lastUserText).not.toContain('PARAPHRASED MESSAGE');
    for (const variant of KEPT) expect(presenter[0]!.lastUserText).not.toContain(variant);

    expect(r.stdout).toContain(
      `PARAPHRASE: a1: ${KEPT[0]}\nPARAPHRASE: a2: ${KEPT[1]}\nPARAPHRASE: a3: ${KEPT[2]}\n`,
    );
    const events = readFileSync(path.join(field(r.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const paraphrased = events.filter((e) => e.type === 'question-paraphrased');
    expect(paraphrased).toEqual([
      expect.objectContaining({
        variants: KEPT,
        assignments: { a1: KEPT[0], a2: KEPT[1], a3: KEPT[2] },
        dropped: 1,
        cached: false,
      }),
    ]);
    expect(events[0].type).toBe('run-start');

    // The rewriter's 8 calls are in the run's costs (its model has no price) and in the stats.
    const logDir = field(r.stdout, 'LOG_DIR')!;
    const costs = JSON.parse(readFileSync(path.join(logDir, 'status.json'), 'utf8')).costs;
    expect(costs.paraphrase).toEqual({
      backend: 'chatcompletion',
      model: 'rewriter',
      input_tokens: 800,
      output_tokens: 80,
      reasoning_tokens: 0,
      cached_tokens: 0,
      calls: 8,
      estimated_cost: 0,
      unpriced_calls: 8,
    });
    expect(costs.total_calls).toBe(8 + 7);
    expect(field(r.stdout, 'TOKENS')).toMatch(/ calls=15$/);
    const stats = JSON.parse((await runCli(['stats', logDir, '--json'], { cwd: home })).stdout);
    expect(stats.phases.paraphrase).toMatchObject({ calls: 8, input_tokens: 800, unpriced_calls: 8 });
    expect(stats.models['chatcompletion/rewriter'].calls).toBe(8);
    expect(stats.total.calls).toBe(15);

    // The same question and settings again: the variants come from the cache, no rewriter call.
    const again = fake.requests.length;
    const second = await runCli(['--automation', '--config', file, QUESTION], { cwd: home });
    expect(second.code).toBe(0);
    expect(fake.requests.slice(again).filter((q) => q.model === 'rewriter')).toHaveLength(0);
    expect(second.stdout).toContain(`PARAPHRASE: a2: ${KEPT[1]}`);
    const secondEvents = readFileSync(path.join(field(second.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8');
    expect(secondEvents).toContain('"cached":true');
  });

  it('a failing rewriter leaves every agent with the question as asked', async () => {
    fake.setScenario((req) =>
      req.model === 'rewriter' ? { error: { status: 401, message: 'bad key' } } : consensus()(req),
    );
    const home = tempHome();
    const file = writeFile(home, 'p.yaml', config());
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, QUESTION], { cwd: home });
    expect(r.code).toBe(0);
    const agents = fake.requests.slice(before).filter((q) => q.model.startsWith('model-'));
    expect(agents.some((q) => q.lastUserText.includes('PARAPHRASED MESSAGE'))).toBe(false);
    expect(r.stdout).not.toContain('PARAPHRASE:');
  });

  it('enabled without a backend is a config error naming the key', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'p.yaml',
      `agent:\n  backend: { type: "chatcompletion", model: "m", base_url: "${fake.baseUrls.chat}", api_key: "k" }\norchestrator:\n  dspy:\n    enabled: true\n`,
    );
    const r = await runCli(['--automation', '--config', file, QUESTION], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('orchestrator.dspy.backend');
    expect(r.stderr).toContain('is required when paraphrasing is enabled');
  });

  it('a missing key of the paraphrasing backend stops the run before any request, naming the key', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'p.yaml',
      `agent:\n  backend: { type: "chatcompletion", model: "m", base_url: "${fake.baseUrls.chat}", api_key: "k" }\norchestrator:\n  dspy:\n    enabled: true\n    backend: { type: "openai", model: "gpt-4o-mini" }\n`,
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, QUESTION], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Question paraphrasing (orchestrator.dspy, backend openai) needs an API key: set OPENAI_API_KEY',
    );
    expect(r.stderr).toContain('orchestrator.dspy.backend.api_key');
    expect(fake.requests.length).toBe(before);
  });
});
