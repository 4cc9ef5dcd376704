/**
 * Provider wire details a user sees through the CLI: SDK warnings never reach the automation
 * output, a cut reply is shown and retried, an OpenAI reasoning model on Chat Completions works
 * with `max_tokens` set.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

function config(type: string, model: string, baseUrl: string, extra: string[] = []): string {
  return [
    'agents:',
    '  - id: "solo"',
    '    backend:',
    `      type: "${type}"`,
    `      model: "${model}"`,
    `      base_url: "${baseUrl}"`,
    '      api_key: "test-key"',
    ...extra.map((line) => `      ${line}`),
    '',
  ].join('\n');
}

/** Documented automation lines: `KEY: value`, and the one progress line. */
const AUTOMATION_LINE =
  /^([A-Z_]+: .*|\[Coordination in progress - monitor status\.json for real-time updates\])$/;

function events(stdout: string): Array<{ type: string; message?: string; agentId?: string }> {
  const file = path.join(field(stdout, 'LOG_DIR')!, 'events.jsonl');
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('provider wire details through the CLI', () => {
  it('--automation prints only its KEY: value lines when the SDK warns; the warning is a notice', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const file = writeFile(
      home,
      'warn.yaml',
      config('openai', 'gpt-5-mini', fake.baseUrls.openai, ['top_k: 5']),
    );
    const r = await runCli(['--automation', '--config', file, 'What is 2+2?'], { cwd: home });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => !AUTOMATION_LINE.test(line))).toEqual([]);
    expect(field(r.stdout, 'WINNER')).toBe('solo');
    // The SDK warns on each of the three calls (answer, vote, presentation); the agent is told once.
    expect(events(r.stdout).filter((e) => e.type === 'notice')).toEqual([
      expect.objectContaining({
        level: 'warning',
        agentId: 'solo',
        message: 'solo: openai.responses / gpt-5-mini does not support "topK"; it is ignored.',
      }),
    ]);
  });

  it('a reply cut at the output token limit is shown with the provider’s reason and retried', async () => {
    const model = 'claude-cli-cut';
    fake.setScenario(scripted({ [model]: [{ text: 'The answer is', finishReason: 'length' }] }));
    const home = tempHome();
    const file = writeFile(
      home,
      'cut.yaml',
      config('claude', model, fake.baseUrls.anthropic, ['max_tokens: 64']),
    );
    const r = await runCli(['--config', file, 'What is 2+2?'], { cwd: home });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(
      '⚠️ solo: the reply was cut at the output token limit (max_tokens); it is asked again to finish with new_answer or vote (raise backend.max_tokens in the config if this repeats).',
    );
    expect(lines.filter((line) => line.startsWith('↩️ [solo] none refused (try 1)'))).toHaveLength(1);
    expect(lines).toContain(`Final answer from ${model}`);
    expect(fake.requests.filter((q) => q.model === model)[0]?.body.max_tokens).toBe(64);
  });

  it('a team’s members get the workflow tools strict on OpenAI Responses, without the flag elsewhere', async () => {
    fake.setScenario(consensus());
    const member = (id: string, type: string, model: string, base: string) => [
      `        - id: ${id}`,
      `          backend: { type: ${type}, model: ${model}, base_url: "${base}", api_key: k }`,
    ];
    const yaml = [
      'agents:',
      '  - id: team',
      '    group_chat:',
      '      max_rounds: 1',
      '      summary_method: llm_summary',
      '      summary_agent: gpt',
      '      agents:',
      ...member('gpt', 'openai', 'team-gpt-5-mini', fake.baseUrls.openai),
      ...member('claude', 'claude', 'team-claude', fake.baseUrls.anthropic),
      '  - id: solo',
      `    backend: { type: claude, model: solo-claude, base_url: "${fake.baseUrls.anthropic}", api_key: k }`,
      '',
    ].join('\n');
    const home = tempHome();
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', writeFile(home, 'team.yaml', yaml), 'Q'], {
      cwd: home,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const sent = fake.requests.slice(before);
    const strictness = (model: string) =>
      sent
        .filter((q) => q.model === model)
        .flatMap((q) =>
          (q.body.tools ?? []).map((t: object) =>
            'strict' in t ? (t as { strict: unknown }).strict : 'absent',
          ),
        );
    // The summary member answers and votes with new_answer and vote, both strict.
    expect(strictness('team-gpt-5-mini')).toEqual([true, true, true, true]);
    expect(strictness('solo-claude')).toEqual(['absent', 'absent', 'absent', 'absent']);
  });

  it('a chatcompletion agent on an OpenAI reasoning model runs with max_tokens set', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const file = writeFile(
      home,
      'o4.yaml',
      config('chatcompletion', 'o4-mini', fake.baseUrls.chat, ['max_tokens: 500']),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'WINNER')).toBe('solo');
    const sent = fake.requests.slice(before).map((q) => [q.body.max_completion_tokens, q.body.max_tokens]);
    expect(sent).toEqual([
      [500, undefined],
      [500, undefined],
      [500, undefined],
    ]);
  });
});
