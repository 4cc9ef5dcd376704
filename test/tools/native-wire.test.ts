/** Provider-native tool flags, through the CLI: each one reaches the wire request of its provider. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const q = (value: string) => JSON.stringify(value);
const of = (model: string) => fake.requests.filter((r) => r.model === model);

describe('provider-native tools on the wire', () => {
  it('provider-native tool flags reach the wire request of openai, claude, gemini and grok', async () => {
    const home = tempHome();
    fake.setScenario(consensus());
    const native = (id: string, type: string, model: string, base: string, flags: string[]) =>
      [
        `  - id: ${id}`,
        '    backend:',
        `      type: ${type}`,
        `      model: ${model}`,
        `      base_url: ${q(base)}`,
        '      api_key: test-key',
        ...flags.map((f) => `      ${f}: true`),
      ].join('\n');
    const file = writeFile(
      home,
      'native.yaml',
      `agents:\n${[
        native('gpt', 'openai', 'gpt-native', fake.baseUrls.openai, [
          'enable_web_search',
          'enable_code_interpreter',
        ]),
        native('claude', 'claude', 'claude-native', fake.baseUrls.anthropic, [
          'enable_web_search',
          'enable_code_execution',
        ]),
        native('gem3', 'gemini', 'gemini-3-pro-preview', fake.baseUrls.gemini, [
          'enable_web_search',
          'enable_code_execution',
        ]),
        native('gem2', 'gemini', 'gemini-2.5-flash', fake.baseUrls.gemini, ['enable_web_search']),
        native('grok', 'grok', 'grok-native', fake.baseUrls.chat, ['enable_web_search']),
      ].join('\n')}\n`,
    );
    const start = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Search something'], { cwd: home });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const firstOf = (model: string) => of(model).find((req) => req.index >= start)!;
    const types = (req: FakeRequest) => req.providerTools.map((t) => (t as { type?: string }).type);

    expect(types(firstOf('gpt-native')).sort()).toEqual(['code_interpreter', 'web_search']);
    const claude = firstOf('claude-native');
    expect(types(claude).sort()).toEqual(['code_execution_20250522', 'web_search_20250305']);
    expect(claude.headers['anthropic-beta']).toContain('code-execution-2025-05-22');
    const gem3 = firstOf('gemini-3-pro-preview');
    expect(gem3.providerTools).toEqual(expect.arrayContaining([{ googleSearch: {} }, { codeExecution: {} }]));
    expect(gem3.tools.map((t) => t.name)).toContain('new_answer');
    // Gemini 2 cannot mix them with function tools: coordination keeps the workflow tools.
    const gem2 = firstOf('gemini-2.5-flash');
    expect(gem2.providerTools).toEqual([]);
    expect(gem2.tools.map((t) => t.name)).toContain('new_answer');
    expect(firstOf('grok-native').body.search_parameters).toEqual({ mode: 'auto', return_citations: true });
    // Every request of an agent carries its tools, the presentation included.
    const winner = field(r.stdout, 'WINNER');
    expect(winner).toBe('gpt');
    expect(types(of('gpt-native').at(-1)!).sort()).toEqual(['code_interpreter', 'web_search']);
  });
});
