/** Datasets and configs for `massgen eval` tests and the eval bench, against the noisy oracle. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeProvider } from '../fake-provider/server.js';
import { writeFile } from './cli.js';

/** The agents of the eval tests: an id and a priced OpenAI model each. */
export const ORACLE_AGENTS: Array<[id: string, model: string]> = [
  ['mini', 'gpt-4o-mini'],
  ['four', 'gpt-4.1-mini'],
  ['nano', 'gpt-4.1-nano'],
];

/** `n` arithmetic tasks: question and answer by id. */
export function arithmeticTasks(n: number): Array<{ id: string; question: string; answer: string }> {
  return Array.from({ length: n }, (_, i) => {
    const a = 11 + ((i * 37) % 89);
    const b = 3 + ((i * 53) % 71);
    return {
      id: `t${String(i + 1).padStart(3, '0')}`,
      question: `Task ${i + 1}: what is ${a} + ${b}?`,
      answer: String(a + b),
    };
  });
}

/** Writes the tasks as JSONL; returns the file. */
export function writeTasks(
  dir: string,
  tasks: Array<{ id: string; question: string; answer: string }>,
  name = 'tasks.jsonl',
) {
  return writeFile(dir, name, tasks.map((t) => `${JSON.stringify(t)}\n`).join(''));
}

/** A config of the given agents on the fake provider's Responses endpoint. */
export function oracleConfig(fake: FakeProvider, agents = ORACLE_AGENTS, extra = ''): string {
  const lines = ['agents:'];
  for (const [id, model] of agents) {
    lines.push(`  - id: "${id}"`, '    backend:', '      type: "openai"', `      model: "${model}"`);
    lines.push(`      base_url: "${fake.baseUrls.openai}"`, '      api_key: "test-key"');
  }
  return `${lines.join('\n')}\n${extra}`;
}

/** The lines of an evaluation's results.jsonl. */
export function readLines(
  dir: string,
): Array<Record<string, unknown> & { task: string; system: string; score: number }> {
  return readFileSync(path.join(dir, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}
