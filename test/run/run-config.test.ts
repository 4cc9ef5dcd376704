import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';
import { runConfig } from '../../src/run/run-config.js';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider({ scenario: consensus() });
});
afterAll(() => fake.close());

const config = () =>
  validateConfigObject(
    {
      agents: ['a', 'b'].map((id) => ({
        id,
        backend: { type: 'chatcompletion', model: `m-${id}`, base_url: fake.baseUrls.chat, api_key: 'k' },
      })),
    },
    't',
  ).config!;

const logRoot = () => mkdtempSync(path.join(os.tmpdir(), 'massgen-run-'));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const eventTypes = (dir: string) =>
  readFileSync(path.join(dir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).type as string);

describe('runConfig lifecycle', () => {
  it('a throw inside the run still ends the log: run-end, status.json failed, files flushed', async () => {
    let dir = '';
    const run = runConfig(config(), {
      question: 'Q',
      logRoot: logRoot(),
      onLogDir: (d) => {
        dir = d;
        throw new Error('display broke');
      },
    });
    await expect(run).rejects.toThrow('display broke');
    expect(eventTypes(dir)).toEqual(['run-end']);
    const status = readJson(path.join(dir, 'status.json'));
    expect(status.run).toMatchObject({ status: 'failed', error: 'display broke' });
    expect(status.coordination.phase).not.toBe('completed');
  });

  it('an interrupted run ends with run-end interrupted and status.json in the phase it stopped in', async () => {
    const stop = new AbortController();
    const outcome = await runConfig(config(), {
      question: 'Q',
      logRoot: logRoot(),
      signal: stop.signal,
      sessionId: 'session_x',
      onEvent: (event) => {
        if (event.type === 'answer') stop.abort(new Error('interrupted by user'));
      },
    });
    expect(outcome.status).toBe('interrupted');
    const types = eventTypes(outcome.logDir!);
    expect(types.filter((t) => t === 'run-end')).toHaveLength(1);
    expect(types.at(-1)).toBe('run-end');
    const status = readJson(path.join(outcome.logDir!, 'status.json'));
    expect(status.run.status).toBe('interrupted');
    expect(status.coordination.phase).toBe('initial_answer');
    expect(status.meta.session_id).toBe('session_x');
  });
});
