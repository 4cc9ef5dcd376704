/**
 * MassGen's 7 AG2 example configs run through the built CLI against the fake provider: each file is
 * read unchanged except that every `llm_config` entry and native backend gets the fake server's
 * `base_url`. The single-agent ones check the translated backend and system message on the wire; the
 * group chats check the speaking order (Coder first, the group manager choosing the next speaker, a
 * termination keyword) and that the user agent gives the team's answer with the workflow tools.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { consensus, type FakeRequest } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

const CONFIGS = path.resolve(import.meta.dirname, '../../../shared/massgen-configs/ag2');
const ENV = {
  OPENAI_API_KEY: 'sk-test-openai',
  ANTHROPIC_API_KEY: 'sk-test-anthropic',
  GEMINI_API_KEY: 'test-gemini',
};

let fake: FakeProvider;

/** Who sent a request of an AG2 group chat, from its system text and tools. */
function who(req: FakeRequest): string {
  const tools = req.tools.map((t) => t.name);
  if (req.model === 'gpt-5-nano') return req.model;
  if (tools.includes('select_speaker')) return 'manager';
  if (tools.includes('new_answer')) return 'User+tools';
  if (req.system.includes('expert programmer')) return 'Coder';
  if (req.system.includes('code reviewer')) return 'Reviewer';
  if (req.system.includes('QA engineer')) return 'Tester';
  return req.model;
}

beforeAll(async () => {
  const fallback = consensus();
  fake = await createFakeProvider({
    scenario: (req) => {
      // The group manager picks Reviewer after Coder, then Tester; Tester ends the chat.
      if (who(req) === 'manager') {
        const next = req.lastUserText.includes('[Reviewer]:') ? 'Tester' : 'Reviewer';
        return { toolCalls: [{ name: 'select_speaker', args: { agent_id: next, reason: `${next} next` } }] };
      }
      if (who(req) === 'Tester') return { text: 'All tests pass. TERMINATE' };
      return fallback(req);
    },
  });
});
afterAll(() => fake.close());

const BASE_URL: Record<string, () => string> = {
  openai: () => fake.baseUrls.chat,
  anthropic: () => fake.baseUrls.anthropic,
  google: () => fake.baseUrls.gemini,
  gemini: () => fake.baseUrls.gemini,
  claude: () => fake.baseUrls.anthropic,
};

/** Adds the fake server's base_url to every llm_config entry (by api_type) under `node`. */
function pointLlmConfigs(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.model === 'string')
    record.base_url = BASE_URL[(record.api_type as string) ?? 'openai']!();
  for (const value of Object.values(record)) pointLlmConfigs(value);
}

/** The example `name` with every backend pointed at the fake server, written to a temp folder. */
function pointed(name: string): { home: string; file: string } {
  const config = parse(readFileSync(path.join(CONFIGS, name), 'utf8'));
  for (const agent of config.agents) {
    if (agent.backend.type === 'ag2') pointLlmConfigs(agent.backend);
    else agent.backend.base_url = BASE_URL[agent.backend.type]!();
  }
  const home = tempHome();
  return { home, file: writeFile(home, name, stringify(config)) };
}

/** Runs an example; returns the CLI result, its answer and the requests it made. */
async function run(name: string) {
  const { home, file } = pointed(name);
  const first = fake.requests.length;
  const r = await runCli(['--automation', '--config', file, 'Write a factorial function.'], {
    cwd: home,
    env: ENV,
  });
  const answer = r.code === 0 ? readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8') : undefined;
  return { ...r, answer, requests: fake.requests.slice(first) };
}

const AG2_SYSTEM = 'You are a helpful AI assistant powered by AG2.';

describe('AG2 example configs (CLI, fake provider)', () => {
  it('ag2_single_agent.yaml: agent_config → a Chat Completions agent with its system message and temperature', async () => {
    const r = await run('ag2_single_agent.yaml');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("cache_seed (AG2's response cache)");
    expect(field(r.stdout, 'WINNER')).toBe('ag2_assistant');
    const first = r.requests[0]!;
    expect([first.protocol, first.model, first.body.temperature]).toEqual(['chat', 'gpt-4o', 0.7]);
    expect(first.system).toContain(AG2_SYSTEM);
    expect(r.answer).toBe('Final answer from gpt-4o');
  });

  it.each([
    ['ag2_case_study.yaml', 'gemini-2.5-pro', 0.3],
    ['ag2_gemini.yaml', 'gemini-2.5-flash', 0.7],
  ])(
    '%s: an anthropic AG2 agent beside a native gemini agent reach consensus',
    async (name, gemini, temperature) => {
      const r = await run(name);
      expect(r.code).toBe(0);
      const claude = r.requests.filter((q) => q.protocol === 'anthropic');
      expect(claude[0]?.model).toBe('claude-sonnet-4-20250514');
      expect(claude[0]?.body.temperature).toBe(temperature);
      expect(claude[0]?.system).toContain(AG2_SYSTEM);
      expect(r.requests.filter((q) => q.protocol === 'gemini').map((q) => q.model)[0]).toBe(gemini);
      expect(field(r.stdout, 'WINNER')).toBe('ag2_assistant');
    },
  );

  it.each([['ag2_coder.yaml'], ['ag2_coder_case_study.yaml']])(
    '%s: runs, warning that code blocks are not executed',
    async (name) => {
      const r = await run(name);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('not supported: Python code execution');
      expect(r.stderr).toContain('agents[0].backend.agent_config.code_execution_config');
      const coder = r.requests.find((q) => q.model === 'gpt-5')!;
      expect(coder.system).toContain('You are a helpful coding assistant.');
      expect(field(r.stdout, 'WINNER')).toBe('ag2_coder');
    },
  );

  it.each([
    ['ag2_groupchat.yaml', 'ag2_team', 'gpt-5'],
    ['ag2_groupchat_gpt.yaml', 'gpt-5-nano', 'gpt-5-nano'],
  ])(
    '%s: the group discusses (Coder first, the manager picks), then User answers with the workflow tools',
    async (name, winner, presenter) => {
      const r = await run(name);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('group_config.agents[2].code_execution_config');
      const teamRequests = r.requests.filter((q) => who(q) !== 'gpt-5-nano');
      expect(teamRequests.slice(0, 6).map(who)).toEqual([
        'Coder',
        'manager',
        'Reviewer',
        'manager',
        'Tester',
        'User+tools',
      ]);
      const [coder, manager, reviewer] = teamRequests as [FakeRequest, FakeRequest, FakeRequest];
      expect([coder.protocol, coder.model]).toEqual(['chat', 'gpt-5']);
      expect([manager.protocol, manager.model]).toEqual(['gemini', 'gemini-2.5-flash']);
      expect(manager.system).toContain('- Reviewer: Code reviewer who provides constructive feedback');
      expect([reviewer.protocol, reviewer.model]).toEqual(['gemini', 'gemini-2.5-flash']);
      const user = teamRequests[5]!;
      expect([user.protocol, user.model]).toEqual(['chat', 'gpt-5']);
      expect(user.lastUserText).toContain('[Tester]: All tests pass.');
      expect(field(r.stdout, 'WINNER')).toBe(winner);
      expect(r.answer).toBe(`Final answer from ${presenter}`);
    },
  );
});
