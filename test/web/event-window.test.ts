/**
 * A live run keeps only a window of its latest events in memory: clients that join late, from the
 * start or from an old Last-Event-ID, get the older events from events.jsonl and then the live
 * ones, every seq exactly once and in order, over real HTTP.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/events/redaction.js';
import type { CoordinationEvent } from '../../src/events/types.js';
import { publicLoggedEvent } from '../../src/web/live-run.js';
import { consensus, type Scenario } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { api, logEvents, readSse, sseEvents, startTestServer, writeAgentsConfig } from '../support/web.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const WINDOW = 20;

const turnDirOf = (home: string, id: string) => {
  const [run, turn] = id.split('-turn_');
  return path.join(home, '.massgen/massgen_logs', run!, `turn_${turn ?? 1}`);
};

/** Answers with streamed text first; the presentation (a long text) waits for `release()`. */
function heldPresentation() {
  const base = consensus({ present: (req) => `Final answer from ${req.model}. `.repeat(60) });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived!: () => void;
  const presenting = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const scenario: Scenario = async (req) => {
    const reply = await base(req);
    if (req.tools.some((t) => t.name === 'new_answer'))
      return { ...reply, text: 'Thinking it over. '.repeat(30) };
    if (req.tools.length === 0) {
      arrived();
      await released;
    }
    return reply;
  };
  return { scenario, presenting, release };
}

describe('the live event window', () => {
  it('with a window of 20, clients from seq 0, from an old Last-Event-ID and at the tail each get every seq once, as events.jsonl; so does the run stream of /v1', {
    timeout: 60_000,
  }, async () => {
    const held = heldPresentation();
    fake.setScenario(held.scenario);
    const server = await startTestServer({ eventWindow: WINDOW });
    try {
      const config = writeAgentsConfig(fake, server.home, ['a', 'b']);
      const { body } = await api(server, '/api/runs', { body: { configPath: config, question: 'Long run' } });
      const id = body.id as string;
      await held.presenting;
      const live = server.deps.registry.get(id)!;
      const turnDir = turnDirOf(server.home, id);
      const before = logEvents(turnDir);
      const tail = before.at(-1)!.seq - 2;
      expect(before.length).toBeGreaterThan(3 * WINDOW);
      expect(live.heldEvents).toBe(WINDOW);
      expect(tail).toBeGreaterThan(before.at(-1)!.seq - WINDOW);

      const url = `${server.url}api/runs/${id}/events`;
      const fromStart = readSse(url);
      const middle = readSse(url, { 'Last-Event-ID': '10' });
      const atTail = readSse(url, { 'Last-Event-ID': String(tail) });
      const ownStream = (async () => {
        const events: CoordinationEvent[] = [];
        for await (const event of live.eventsAfter(0)) events.push(event);
        return events;
      })();
      held.release();
      const joiningLate = readSse(url);
      const events = async (messages: ReturnType<typeof readSse>) => sseEvents(await messages);
      const [start, mid, end, late] = await Promise.all([
        events(fromStart),
        events(middle),
        events(atTail),
        events(joiningLate),
      ]);
      await live.settled;

      const logged = logEvents(turnDir);
      expect(logged.length).toBeGreaterThan(300);
      const redactor = createRedactor({ env: {} });
      const expected = (after: number): CoordinationEvent[] =>
        logged
          .filter((e) => e.seq > after)
          .map((e) => JSON.parse(JSON.stringify(publicLoggedEvent(e, redactor))));
      expect(logged.map((e) => e.seq)).toEqual(logged.map((_, i) => i + 1));
      expect(start).toEqual(expected(0));
      expect(late).toEqual(expected(0));
      expect(mid).toEqual(expected(10));
      expect(end).toEqual(expected(tail));
      expect(JSON.parse(JSON.stringify(await ownStream))).toEqual(expected(0));
      expect(start.filter((e) => e.type === 'answer').map((e) => 'contextFile' in e)).toEqual([false, false]);
      expect(live.peakHeldEvents).toBe(WINDOW);
    } finally {
      await server.close();
    }
  });
});
