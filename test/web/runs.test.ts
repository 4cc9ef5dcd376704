/**
 * Runs through the HTTP API over real HTTP: started with POST, followed over SSE to `run-end` (the
 * same events as the run's events.jsonl), resumed with Last-Event-ID, run side by side, cancelled,
 * and read back from the log folder (also a run the CLI made).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome } from '../support/cli.js';
import {
  api,
  gate,
  logEvents,
  parseSse,
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

const turnDirOf = (home: string, id: string) => {
  const [run, turn] = id.split('-turn_');
  return path.join(home, '.massgen/massgen_logs', run!, `turn_${turn ?? 1}`);
};

describe('runs over the HTTP API', () => {
  it('POST /api/runs starts a run; its SSE stream carries every event of events.jsonl, in order, then end', async () => {
    fake.setScenario(consensus());
    const server = await startTestServer();
    try {
      const config = writeAgentsConfig(fake, server.home, ['a', 'b']);
      const started = await api(server, '/api/runs', {
        body: { configPath: config, question: 'What is 2+2?' },
      });
      expect(started.status).toBe(201);
      const id = started.body.id as string;
      expect(id).toMatch(/^log_\d{8}_\d{6}_\d{6}$/);
      expect(started.body.sessionId).toMatch(/^session_/);

      const messages = await readSse(`${server.url}api/runs/${id}/events`);
      expect(messages.at(-1)).toEqual({ event: 'end', data: '{}' });
      const events = sseEvents(messages);
      expect(events.at(-1)?.type).toBe('run-end');
      expect(messages.slice(0, -1).map((m) => m.id)).toEqual(events.map((e) => String(e.seq)));
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

      const logged = logEvents(turnDirOf(server.home, id));
      expect(events).toHaveLength(logged.length);
      expect(events.map((e) => e.type)).toEqual(logged.map((e) => e.type));

      const detail = await api(server, `/api/runs/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        id,
        status: 'completed',
        question: 'What is 2+2?',
        winner: 'a',
        finalAnswer: 'Final answer from web-a',
      });
      expect(detail.body.agents).toEqual([
        { id: 'a', model: 'web-a', status: 'completed' },
        { id: 'b', model: 'web-b', status: 'completed' },
      ]);
      expect(
        detail.body.answers.map((a: { agentId: string; label: string }) => [a.agentId, a.label]),
      ).toEqual([
        ['a', 'agent1.1'],
        ['b', 'agent2.1'],
      ]);
      expect(
        detail.body.votes.map((v: { agentId: string; votedFor: string }) => [v.agentId, v.votedFor]),
      ).toEqual([
        ['a', 'a'],
        ['b', 'a'],
      ]);
    } finally {
      await server.close();
    }
  });

  it('Last-Event-ID: N resumes at seq N+1, for a live run and for a recorded one (header or ?lastEventId=)', async () => {
    const held = gate(2);
    fake.setScenario(held.scenario);
    const server = await startTestServer();
    try {
      const config = writeAgentsConfig(fake, server.home, ['a', 'b']);
      const { body } = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Resume me' },
      });
      await held.arrived;
      const live = server.deps.registry.get(body.id)!;
      const before = live.detail;
      expect(before.status).toBe('running');
      const resumed = readSse(`${server.url}api/runs/${body.id}/events`, { 'Last-Event-ID': '3' });
      held.release();
      const liveEvents = sseEvents(await resumed);
      const all = logEvents(turnDirOf(server.home, body.id));
      expect(liveEvents.map((e) => e.seq)).toEqual(all.slice(3).map((e) => e.seq));
      expect(liveEvents[0]?.seq).toBe(4);

      const fromFile = sseEvents(await readSse(`${server.url}api/runs/${body.id}/events?lastEventId=7`));
      expect(fromFile.map((e) => e.seq)).toEqual(all.slice(7).map((e) => e.seq));
      const header = sseEvents(
        await readSse(`${server.url}api/runs/${body.id}/events`, { 'Last-Event-ID': String(all.length - 1) }),
      );
      expect(header.map((e) => e.type)).toEqual(['run-end']);
    } finally {
      await server.close();
    }
  });

  it('an idle event stream gets keep-alive comments, which clients skip', async () => {
    const held = gate(2);
    fake.setScenario(held.scenario);
    const server = await startTestServer({ keepAliveMs: 20 });
    try {
      const config = writeAgentsConfig(fake, server.home, ['a', 'b']);
      const { body } = await api(server, '/api/runs', { body: { configPath: config, question: 'Idle' } });
      await held.arrived;
      const response = await fetch(`${server.url}api/runs/${body.id}/events`);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes(': keep-alive\n\n')) text += (await reader.read()).value ?? '';
      held.release();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += chunk.value;
      const events = sseEvents(parseSse(text));
      expect(events.map((e) => e.seq)).toEqual(logEvents(turnDirOf(server.home, body.id)).map((e) => e.seq));
    } finally {
      await server.close();
    }
  });

  it('two runs at once: both live, each with its own log folder', async () => {
    const held = gate(4);
    fake.setScenario(held.scenario);
    const server = await startTestServer();
    try {
      const config = writeAgentsConfig(fake, server.home, ['a', 'b']);
      const [one, two] = await Promise.all(
        ['First question', 'Second question'].map((question) =>
          api(server, '/api/runs', { body: { configPath: config, question } }),
        ),
      );
      await held.arrived;
      const listed = await api(server, '/api/runs');
      expect(
        listed.body.runs
          .map((r: { question: string; live: boolean; status: string }) => [r.question, r.live, r.status])
          .sort(),
      ).toEqual([
        ['First question', true, 'running'],
        ['Second question', true, 'running'],
      ]);
      held.release();
      const streams = await Promise.all(
        [one!.body.id, two!.body.id].map((id) => readSse(`${server.url}api/runs/${id}/events`)),
      );
      expect(one!.body.id).not.toBe(two!.body.id);
      for (const [i, id] of [one!.body.id, two!.body.id].entries()) {
        const logged = logEvents(turnDirOf(server.home, id));
        expect(sseEvents(streams[i]!)).toHaveLength(logged.length);
        expect(logged[0]).toMatchObject({
          type: 'run-start',
          question: i === 0 ? 'First question' : 'Second question',
        });
      }
      const after = await api(server, '/api/runs');
      expect(after.body.runs.map((r: { live: boolean; status: string }) => [r.live, r.status])).toEqual([
        [false, 'completed'],
        [false, 'completed'],
      ]);
    } finally {
      await server.close();
    }
  });

  it('POST /api/runs/:id/cancel interrupts a run: 202, then status interrupted, also in its log', async () => {
    const held = gate(2);
    fake.setScenario(held.scenario);
    const server = await startTestServer();
    try {
      const config = writeAgentsConfig(fake, server.home, ['a', 'b']);
      const { body } = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Cancel me' },
      });
      await held.arrived;
      const stream = readSse(`${server.url}api/runs/${body.id}/events`);
      const cancelled = await api(server, `/api/runs/${body.id}/cancel`, { method: 'POST' });
      expect(cancelled.status).toBe(202);
      expect(cancelled.body).toEqual({ id: body.id, status: 'interrupted' });
      const events = sseEvents(await stream);
      expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'interrupted' });
      held.release();
      const detail = await api(server, `/api/runs/${body.id}`);
      expect(detail.body.status).toBe('interrupted');
      const again = await api(server, `/api/runs/${body.id}/cancel`, { method: 'POST' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('conflict');
    } finally {
      await server.close();
    }
  });

  it('sessionId continues a session: the next turn logs to turn_2 of the same run folder, with the first turn as history', async () => {
    fake.setScenario(consensus());
    const server = await startTestServer();
    try {
      const config = writeAgentsConfig(fake, server.home, ['a']);
      const first = await api(server, '/api/runs', { body: { configPath: config, question: 'First turn' } });
      await readSse(`${server.url}api/runs/${first.body.id}/events`);
      const seen = fake.requests.length;
      const second = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Second turn', sessionId: first.body.sessionId },
      });
      expect(second.status).toBe(201);
      expect(second.body).toEqual({ id: `${first.body.id}-turn_2`, sessionId: first.body.sessionId });
      await readSse(`${server.url}api/runs/${second.body.id}/events`);
      const asked = fake.requests.slice(seen)[0]!;
      expect(asked.messages.map((m) => m.text).join('\n')).toContain('First turn');
      expect(logEvents(turnDirOf(server.home, second.body.id))[0]).toMatchObject({ question: 'Second turn' });
      const detail = await api(server, `/api/runs/${second.body.id}`);
      expect(detail.body).toMatchObject({
        status: 'completed',
        question: 'Second turn',
        sessionId: first.body.sessionId,
      });
    } finally {
      await server.close();
    }
  });

  it('history: a run the CLI made is listed, searchable, readable and replayed over SSE', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const config = writeAgentsConfig(fake, home, ['a', 'b']);
    const cli = await runCli(['--automation', '--config', config, 'Which came first?'], { cwd: home });
    expect(cli.code).toBe(0);
    const logDir = field(cli.stdout, 'LOG_DIR')!;
    const server = await startTestServer({ cwd: home });
    try {
      const listed = await api(server, '/api/runs');
      expect(listed.body.runs).toHaveLength(1);
      const run = listed.body.runs[0];
      const id = `${path.basename(path.dirname(logDir))}`;
      expect(run).toMatchObject({
        id,
        question: 'Which came first?',
        status: 'completed',
        winner: 'a',
        agents: ['a', 'b'],
        live: false,
      });
      expect(run.tokens).toBeGreaterThan(0);
      expect((await api(server, '/api/runs?q=CAME')).body.runs).toHaveLength(1);
      expect((await api(server, '/api/runs?q=nothing%20like%20it')).body.runs).toHaveLength(0);
      const detail = await api(server, `/api/runs/${id}`);
      expect(detail.body.finalAnswer).toBe('Final answer from web-a');
      const replayed = sseEvents(await readSse(`${server.url}api/runs/${id}/events`));
      expect(replayed).toEqual(logEvents(logDir));
      const missing = await api(server, '/api/runs/log_20200101_000000_000000');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toEqual({
        code: 'not_found',
        message: 'No run "log_20200101_000000_000000": GET /api/runs lists the runs.',
      });
    } finally {
      await server.close();
    }
  });
});
