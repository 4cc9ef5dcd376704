/**
 * `events.jsonl` grows linearly with the run: a consensus run's bytes per agent stay about the same
 * whether 4 or 24 agents take part, although every vote's conversation holds every answer.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';
import { runConfig } from '../../src/run/run-config.js';
import { protocolModel } from '../../src/testing/index.js';

const LONG = 'Event sourcing keeps every change as an immutable event; state is a fold over them. '.repeat(8);

async function consensusLog(agents: number) {
  const ids = Array.from({ length: agents }, (_, i) => `agent_${i}`);
  const { config } = validateConfigObject(
    { agents: ids.map((id) => ({ id, backend: { type: 'chatcompletion', model: 'scripted' } })) },
    'growth',
  );
  const models = Object.fromEntries(
    ids.map((id) => [
      id,
      protocolModel(id, [{ toolCalls: [{ name: 'new_answer', args: { content: `${id}: ${LONG}` } }] }]),
    ]),
  );
  const outcome = await runConfig(config!, {
    question: 'What is event sourcing?',
    logRoot: mkdtempSync(path.join(os.tmpdir(), 'massgen-growth-')),
    models,
  });
  expect(outcome.status).toBe('completed');
  const file = path.join(outcome.logDir!, 'events.jsonl');
  return {
    perAgent: statSync(file).size / agents,
    text: readFileSync(file, 'utf8'),
    logDir: outcome.logDir!,
  };
}

describe('events.jsonl size', () => {
  it('bytes per agent do not grow from 4 to 24 agents (within 10%)', async () => {
    const small = await consensusLog(4);
    const large = await consensusLog(24);
    expect(large.perAgent / small.perAgent).toBeLessThan(1.1);
    // Fixed costs (run-start, the presentation) are shared by more agents.
    expect(large.perAgent / small.perAgent).toBeGreaterThan(0.8);
    // The contexts (each vote's holds all 24 answers) are in their files, once each.
    expect(large.text).not.toContain('"context"');
    const votes = large.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; contextFile?: string })
      .filter((e) => e.type === 'vote');
    expect(votes).toHaveLength(24);
    const context = readFileSync(path.join(large.logDir, votes[0]!.contextFile!), 'utf8');
    expect(context.split(LONG).length - 1).toBe(24);
  });
});
