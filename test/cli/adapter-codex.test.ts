/**
 * A `codex` agent through the built CLI: the Codex SDK spawns the bundled `codex` binary, pointed at
 * the fake provider's Responses endpoint; the workflow tools reach it over a loopback MCP server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

const CODEX = 'gpt-5-codex';
const CRITIC = 'claude-haiku-4-5';

describe('codex agents', () => {
  it('reach consensus with a claude agent: 3 requests from Codex, 2 from the native agent', async () => {
    fake.setScenario(consensus());
    fake.requests.length = 0;
    const home = tempHome();
    const file = writeFile(
      home,
      'config.yaml',
      `agents:
  - id: coder
    backend: { type: codex, model: ${CODEX}, base_url: ${fake.baseUrls.openai}, cwd: ws_coder }
  - id: critic
    backend: { type: claude, model: ${CRITIC}, base_url: ${fake.baseUrls.anthropic} }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'What is 2+2?'], {
      cwd: home,
      env: { OPENAI_API_KEY: 'sk-fake-openai', ANTHROPIC_API_KEY: 'sk-ant-fake' },
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'WINNER')).toBe('coder');
    expect(field(result.stdout, 'ANSWER_PREVIEW')).toBe(`Final answer from ${CODEX}`);
    const codex = fake.requests.filter((r) => r.model === CODEX);
    expect(codex.map((r) => r.path)).toEqual(['/v1/responses', '/v1/responses', '/v1/responses']);
    expect(fake.requests.filter((r) => r.model === CRITIC)).toHaveLength(2);
    const first = codex[0] as FakeRequest;
    expect(first.headers.authorization).toBe('Bearer sk-fake-openai');
    expect(first.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['mcp__massgen__new_answer', 'mcp__massgen__vote']),
    );
    expect(first.system).toContain('new_answer');
    const log = readFileSync(path.join(field(result.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const answers = log.filter((e) => e.type === 'answer').map((e) => [e.agentId, e.content]);
    expect(answers.sort()).toEqual([
      ['coder', `Answer from ${CODEX}`],
      ['critic', `Answer from ${CRITIC}`],
    ]);
    // Codex reports usage when a turn completes; a turn ended at its decision has none to report.
    const usage = log.filter((e) => e.type === 'usage' && e.agentId === 'coder').map((e) => e.phase);
    expect(usage).toEqual(['presentation']);
  }, 120_000);
});
