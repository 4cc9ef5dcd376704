/**
 * Memory through the built CLI against the fake provider: long-term memories recorded after a run and
 * recalled into a later process's system prompt, `massgen memory list|search|forget`, conversation
 * compression in a tiny window, and a corrupted or locked database that never costs the answer.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/memory/store.js';
import { SUMMARY_SYSTEM_PROMPT } from '../../src/memory/summarise.js';
import { fakeEmbedding } from '../fake-provider/embeddings-protocol.js';
import {
  consensus,
  type FakeReply,
  type FakeRequest,
  type Scenario,
  scripted,
} from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

function config(memory: string): string {
  return `agents:
  - id: "solo"
    backend:
      type: "chatcompletion"
      model: "agent-model"
      base_url: "${fake.baseUrls.chat}"
      api_key: "k"
memory:
${memory}`;
}

const persistent = () => `  persistent_memory:
    llm: { provider: "chatcompletion", model: "memory-llm", base_url: "${fake.baseUrls.chat}", api_key: "k" }
    embedding: { provider: "openai", model: "text-embedding-3-small", base_url: "${fake.baseUrls.openai}", api_key: "k" }
`;

const facts = (...list: string[]): FakeReply => ({
  toolCalls: [{ name: 'record_facts', args: { facts: list } }],
});
const decide = (...memory: Array<{ event: string; id?: string; text?: string }>): FakeReply => ({
  toolCalls: [{ name: 'update_memory', args: { memory } }],
});
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const present = (text: string) => consensus({ present: () => text });
const isCoordination = (q: FakeRequest) =>
  q.model === 'agent-model' && q.tools.some((t) => t.name === 'vote');

describe('massgen memory (CLI)', () => {
  it('records facts after a run, recalls them in a later process, updates them, and lists/searches/forgets them', async () => {
    const home = tempHome();
    const file = writeFile(home, 'mem.yaml', config(persistent()));

    fake.setScenario(
      scripted({ 'memory-llm': [facts('The user prefers teal for logos')] }, present('Use teal.')),
    );
    const first = await runCli(['--automation', '--config', file, 'Design a logo for Acme; I like teal.'], {
      cwd: home,
    });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const events = readFileSync(path.join(field(first.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8');
    expect(events).toContain('"type":"memory-updated"');

    const list = await runCli(['memory', 'list', '--json'], { cwd: home });
    expect(list.code).toBe(0);
    const stored = JSON.parse(list.stdout) as Array<{
      id: string;
      text: string;
      agentId: string;
      userId: string;
    }>;
    expect(stored.map((m) => [m.text, m.agentId, m.userId])).toEqual([
      ['The user prefers teal for logos', 'team', 'default'],
    ]);

    // A second process (a new session) sees the memory in the agent's system prompt.
    const before = fake.requests.length;
    fake.setScenario(
      scripted(
        {
          'memory-llm': [
            facts('The user prefers navy for logos now'),
            decide({ event: 'UPDATE', id: '0', text: 'The user prefers navy (formerly teal) for logos' }),
          ],
        },
        present('Navy it is.'),
      ),
    );
    const second = await runCli(['--config', file, 'Which colour should my logo use?'], { cwd: home });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('🧠 [solo] recalled 1 memory');
    expect(second.stdout).toMatch(/🧠 memory updated [0-9a-f]{12}: The user prefers navy \(formerly teal\)/);
    const prompts = fake.requests.slice(before).filter(isCoordination);
    // Its answer and its vote.
    expect(prompts).toHaveLength(2);
    expect(prompts[0]!.system).toMatch(/<memory priority="medium">[\s\S]*- The user prefers teal for logos/);
    const decision = fake.requests.slice(before).find((q) => q.tools.some((t) => t.name === 'update_memory'));
    expect(decision?.lastUserText).toContain('- id 0: The user prefers teal for logos');

    const text = await runCli(['memory', 'list'], { cwd: home });
    expect(text.stdout).toMatch(
      new RegExp(
        `^${stored[0]!.id}  \\d{4}-\\d\\d-\\d\\d  default/team  The user prefers navy \\(formerly teal\\) for logos$`,
        'm',
      ),
    );
    expect(text.stdout).toContain(`1 memory in ${path.join(home, '.massgen', 'memory.db')}`);

    const search = await runCli(['memory', 'search', 'logo colour', '--config', file, '--limit', '1'], {
      cwd: home,
    });
    expect(search.stderr).toBe('');
    expect(search.stdout).toContain(`${stored[0]!.id}`);
    expect(search.stdout).toContain('navy (formerly teal)');
    const noConfig = await runCli(['memory', 'search', 'logo'], { cwd: home });
    expect(noConfig.code).toBe(1);
    expect(noConfig.stderr).toContain(
      'memory search needs the embedding settings of a config: pass --config FILE',
    );

    const forget = await runCli(['memory', 'forget', stored[0]!.id], { cwd: home });
    expect(forget.code).toBe(0);
    expect(forget.stdout).toContain(`Forgot ${stored[0]!.id}: The user prefers navy`);
    const again = await runCli(['memory', 'forget', stored[0]!.id], { cwd: home });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No memory with id ${stored[0]!.id}`);
  });

  it('compresses a conversation that outgrows a tiny window, keeping tool pairs intact and the answer right', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'small.yaml',
      config('  compression: { context_window_tokens: 2000, trigger_threshold: 0.75, target_ratio: 0.6 }\n'),
    );
    const usage = { inputTokens: 1, outputTokens: 10 };
    const badVote = (text: string): FakeReply => ({
      text,
      toolCalls: [{ name: 'vote', args: { agent_id: 'agent9', reason: 'x' } }],
      usage,
    });
    const long = `ALPHA-MARKER ${'six times seven, worked out step by step. '.repeat(100)}`;
    const inner = scripted(
      {
        'agent-model': [
          badVote(long),
          badVote(`BETA-MARKER ${'checking again. '.repeat(37)}`),
          { toolCalls: [{ name: 'new_answer', args: { content: 'The answer is 42.' } }], usage },
        ],
      },
      present('The answer is 42.'),
    );
    const scenario: Scenario = (req) =>
      req.system.startsWith(SUMMARY_SYSTEM_PROMPT)
        ? { text: 'SUMMARY-MARKER: long multiplication notes; a vote for agent9 was refused.' }
        : inner(req);
    fake.setScenario(scenario);
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'What is 6 times 7?'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'ANSWER_PREVIEW')).toBe('The answer is 42.');

    const requests = fake.requests.slice(before);
    const summariser = requests.findIndex((q) => q.system.startsWith(SUMMARY_SYSTEM_PROMPT));
    expect(summariser).toBeGreaterThan(0);
    expect(requests[summariser]!.lastUserText).toContain('ALPHA-MARKER');
    expect(requests[summariser]!.lastUserText).not.toContain('BETA-MARKER');
    const third = requests.slice(summariser + 1).find(isCoordination)!;
    const texts = third.messages.map((m) => m.text);
    expect(texts[0]).toContain('<ORIGINAL MESSAGE> What is 6 times 7? <END OF ORIGINAL MESSAGE>');
    expect(texts[1]).toContain('<SUMMARY OF EARLIER CONVERSATION>');
    expect(texts[1]).toContain('SUMMARY-MARKER');
    expect(texts.join('\n')).not.toContain('ALPHA-MARKER');
    expect(texts.join('\n')).toContain('BETA-MARKER');
    // Every tool result kept has its call kept, and the other way round.
    const calls = third.messages.flatMap((m) => m.toolCalls?.map((c) => c.id) ?? []);
    const results = third.messages.filter((m) => m.role === 'tool').map((m) => m.toolCallId);
    expect(calls.length).toBe(1);
    expect(results).toEqual(calls);

    const logDir = field(r.stdout, 'LOG_DIR')!;
    const compressed = readFileSync(path.join(logDir, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"memory-compressed"'))
      .map((l) => JSON.parse(l));
    expect(compressed).toEqual([
      expect.objectContaining({ agentId: 'solo', scope: 'conversation', messagesSummarised: 2 }),
    ]);
    expect(compressed[0].afterTokens).toBeLessThan(compressed[0].beforeTokens);
  });

  it('reports a corrupted memory database by name, leaves it untouched and keeps the answer', async () => {
    const home = tempHome();
    const file = writeFile(home, 'mem.yaml', config(persistent()));
    const db = path.join(home, '.massgen', 'memory.db');
    const garbage = 'not a database at all\n'.repeat(200);
    mkdirSync(path.dirname(db), { recursive: true });
    writeFileSync(db, garbage);
    fake.setScenario(scripted({ 'memory-llm': [facts('A fact')] }, present('The answer survives.')));
    const r = await runCli(['--automation', '--config', file, 'Anything?'], { cwd: home });
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'ANSWER_PREVIEW')).toBe('The answer survives.');
    expect(readFileSync(path.join(field(r.stdout, 'ANSWER_FILE')!), 'utf8')).toBe('The answer survives.');
    expect(r.stderr).toContain(
      `warning: memory: recall skipped: memory database ${db}: is not a valid SQLite database`,
    );
    expect(r.stderr).toContain("warning: memory: the run's memories were not recorded");
    expect(readFileSync(db, 'utf8')).toBe(garbage);
    const list = await runCli(['memory', 'list'], { cwd: home });
    expect(list.code).toBe(2);
    expect(list.stderr).toContain(`error: memory database ${db}: is not a valid SQLite database`);
  });

  it('a database locked during the run costs the recall (a warning naming it), not the answer nor the memory', async () => {
    const home = tempHome();
    const file = writeFile(home, 'mem.yaml', config(persistent()));
    const db = path.join(home, '.massgen', 'memory.db');
    const store = await MemoryStore.open(db);
    store.add('First fact', fakeEmbedding('First fact'), {
      userId: 'default',
      agentId: 'team',
      sessionId: 's0',
    });
    store.close();

    const holder = new Database(db);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    const release = () => {
      if (!holder.open) return;
      holder.exec('ROLLBACK');
      holder.close();
    };
    try {
      // The other process lets go once the agents have answered (their recall has been skipped).
      fake.setScenario(
        scripted(
          { 'memory-llm': [facts('Second fact'), decide({ event: 'ADD', text: 'Second fact' })] },
          consensus({
            present: () => {
              release();
              return 'Second answer.';
            },
          }),
        ),
      );
      const r = await runCli(['--automation', '--config', file, 'Second?'], { cwd: home });
      expect(r.code).toBe(0);
      expect(field(r.stdout, 'ANSWER_PREVIEW')).toBe('Second answer.');
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(
            `^warning: memory: recall skipped: memory database ${escaped(db)}: is locked by another process`,
          ),
        ),
      ]);
    } finally {
      release();
    }
    const after = await MemoryStore.open(db);
    expect(after.list().map((m) => m.text)).toEqual(['First fact', 'Second fact']);
    after.close();
  });
});
