/**
 * Approvals through the HTTP API: the presenter's call of a destructive tool waits in
 * GET /api/approvals until POST /api/approvals/:id answers it; approved once, the tool runs once.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { eagerLedger, fileLines, LEDGER_TOOL, ledgerAgents, PRESENTED } from '../support/ledger-run.js';
import { api, readSse, sseEvents, startTestServer } from '../support/web.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const pendingOf = async (server: { url: string }) => {
  let pending: Array<Record<string, unknown>> = [];
  await vi.waitFor(
    async () => {
      pending = (await api(server, '/api/approvals')).body.approvals;
      expect(pending).toHaveLength(1);
    },
    { timeout: 10_000 },
  );
  return pending[0]!;
};

describe('approvals over the HTTP API', () => {
  it('a pending call is listed with its agent, tool, risk and arguments; approved once it runs exactly once', async () => {
    fake.setScenario(eagerLedger);
    const server = await startTestServer();
    try {
      const ledger = path.join(server.home, 'ledger.txt');
      const config = ledgerAgents(() => fake, server.home, ledger, ['a', 'b']);
      const { body } = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Record it.' },
      });
      const stream = readSse(`${server.url}api/runs/${body.id}/events`);
      const pending = await pendingOf(server);
      expect(pending).toMatchObject({
        runId: body.id,
        agentId: 'a',
        toolName: LEDGER_TOOL,
        input: { line: PRESENTED },
        risk: { level: 'irreversible' },
      });
      expect(pending.id).toMatch(/^apr_\d+$/);
      expect((await api(server, `/api/approvals?runId=${body.id}`)).body.approvals).toEqual([pending]);
      expect((await api(server, '/api/approvals?runId=log_20200101_000000_000000')).body.approvals).toEqual(
        [],
      );
      expect(fileLines(ledger)).toEqual([]);

      const answered = await api(server, `/api/approvals/${pending.id}`, {
        body: { approved: true, scope: 'once', feedback: 'go ahead' },
      });
      expect(answered).toMatchObject({ status: 200, body: { ok: true } });
      const events = sseEvents(await stream);
      expect(fileLines(ledger)).toEqual([PRESENTED]);
      const of = (type: CoordinationEvent['type']) => events.filter((e) => e.type === type);
      expect(of('approval-request')).toHaveLength(1);
      expect(of('approval-request')[0]).toMatchObject({ requestId: pending.requestId, agentId: 'a' });
      expect(
        of('approval-decision').map((e) => e.type === 'approval-decision' && [e.approved, e.by, e.feedback]),
      ).toEqual([[true, 'human', 'go ahead']]);
      expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });
      expect((await api(server, `/api/runs/${body.id}`)).body.finalAnswer).toBe(
        `Final: appended: ${PRESENTED}`,
      );

      const again = await api(server, `/api/approvals/${pending.id}`, { body: { approved: true } });
      expect(again.status).toBe(404);
      expect(again.body.error.code).toBe('not_found');
      expect((await api(server, '/api/approvals')).body).toEqual({ approvals: [] });
    } finally {
      await server.close();
    }
  });

  it('denied, the tool does not run and the model gets the feedback; a bad answer is a 400 naming the field', async () => {
    fake.setScenario(eagerLedger);
    const server = await startTestServer();
    try {
      const ledger = path.join(server.home, 'ledger.txt');
      const config = ledgerAgents(() => fake, server.home, ledger, ['a']);
      const { body } = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Record it.' },
      });
      const pending = await pendingOf(server);
      const bad = await api(server, `/api/approvals/${pending.id}`, { body: { approved: 'yes' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.approved']);
      const denied = await api(server, `/api/approvals/${pending.id}`, {
        body: { approved: false, scope: 'once', feedback: 'not today' },
      });
      expect(denied.status).toBe(200);
      const events = sseEvents(await readSse(`${server.url}api/runs/${body.id}/events`));
      expect(fileLines(ledger)).toEqual([]);
      expect(
        events.filter((e) => e.type === 'tool-denied').map((e) => e.type === 'tool-denied' && e.by),
      ).toEqual(['human']);
      const final = (await api(server, `/api/runs/${body.id}`)).body.finalAnswer as string;
      expect(final).toContain('not today');
    } finally {
      await server.close();
    }
  });

  it('a call nobody answers within permissions.approval_timeout is denied by timeout and leaves the list', async () => {
    fake.setScenario(eagerLedger);
    const server = await startTestServer();
    try {
      const ledger = path.join(server.home, 'ledger.txt');
      const config = ledgerAgents(
        () => fake,
        server.home,
        ledger,
        ['a'],
        ['permissions:', '  approval_timeout: 1'],
      );
      const { body } = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Record it.' },
      });
      const events = sseEvents(await readSse(`${server.url}api/runs/${body.id}/events`));
      expect(fileLines(ledger)).toEqual([]);
      expect(
        events.flatMap((e) => (e.type === 'approval-decision' ? [[e.approved, e.by, e.feedback]] : [])),
      ).toEqual([[false, 'timeout', 'nobody answered within 1 s (permissions.approval_timeout)']]);
      expect((await api(server, '/api/approvals')).body).toEqual({ approvals: [] });
    } finally {
      await server.close();
    }
  });
});
