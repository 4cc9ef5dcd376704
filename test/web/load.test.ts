/**
 * The server under load, over real HTTP: 10 runs at once, 50 SSE clients (some joining before the
 * runs go on, some while they stream, some after); every client gets every event of its run
 * exactly once, in order, as its events.jsonl has them.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import {
  api,
  gate,
  logEvents,
  readSse,
  sseEvents,
  startTestServer,
  writeAgentsConfig,
} from '../support/web.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const RUNS = 10;
const CLIENTS = 50;

describe('web server under load', () => {
  it('10 concurrent runs and 50 SSE clients: every client gets every seq of its run exactly once', {
    timeout: 120_000,
  }, async () => {
    const held = gate(
      RUNS * 2,
      consensus({ present: (req) => `Final answer from ${req.model}. `.repeat(40) }),
    );
    fake.setScenario(held.scenario);
    const server = await startTestServer();
    try {
      const config = writeAgentsConfig(fake, server.home, ['a', 'b']);
      const ids: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        const { status, body } = await api(server, '/api/runs', {
          body: { configPath: config, question: `Question ${i}` },
        });
        expect(status).toBe(201);
        ids.push(body.id);
      }
      await held.arrived;
      const url = (id: string) => `${server.url}api/runs/${id}/events`;
      const clients: Array<{ id: string; messages: ReturnType<typeof readSse> }> = [];
      // A third join while the runs are held, a third as they stream, a third once they are over.
      for (let c = 0; c < 17; c++)
        clients.push({ id: ids[c % RUNS]!, messages: readSse(url(ids[c % RUNS]!)) });
      held.release();
      for (let c = 17; c < 34; c++)
        clients.push({ id: ids[c % RUNS]!, messages: readSse(url(ids[c % RUNS]!)) });
      await Promise.all(clients.map((c) => c.messages));
      for (let c = 34; c < CLIENTS; c++)
        clients.push({ id: ids[c % RUNS]!, messages: readSse(url(ids[c % RUNS]!)) });
      expect(clients).toHaveLength(CLIENTS);
      for (const client of clients) {
        const messages = await client.messages;
        const logged = logEvents(path.join(server.home, '.massgen/massgen_logs', client.id, 'turn_1'));
        const got = sseEvents(messages);
        expect(got.map((e) => e.seq)).toEqual(logged.map((e) => e.seq));
        expect(got.map((e) => e.type)).toEqual(logged.map((e) => e.type));
        expect(messages.at(-1)).toEqual({ event: 'end', data: '{}' });
        expect(got.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });
      }
      expect(new Set(ids).size).toBe(RUNS);
    } finally {
      await server.close();
    }
  });
});
