/** `/api/approvals`: the tool calls waiting for a person, and the person's answer to one. */
import { Hono } from 'hono';
import { z } from 'zod';
import { fail } from './api-error.js';
import type { ServerDeps } from './deps.js';
import { readJson } from './request-body.js';

const answerBody = z
  .object({
    approved: z.boolean(),
    scope: z.enum(['once', 'session', 'always']).default('once'),
    feedback: z.string().max(10_000).optional(),
  })
  .strict();

export function approvalRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const runId = c.req.query('runId');
    const approvals = deps.approvals.list().filter((a) => runId === undefined || a.runId === runId);
    return c.json({ approvals });
  });
  app.post('/:id', async (c) => {
    const answer = await readJson(c, answerBody);
    const id = c.req.param('id');
    if (!deps.approvals.answer(id, answer)) {
      fail(
        c,
        404,
        'not_found',
        `No pending approval "${id}": it was answered already or its run stopped waiting (GET /api/approvals lists the pending ones).`,
      );
    }
    return c.json({ ok: true });
  });
  return app;
}
