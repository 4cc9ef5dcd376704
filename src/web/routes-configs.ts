/** `/api/configs`: the configs offered, and validation with the messages of `massgen --validate`. */
import { Hono } from 'hono';
import { z } from 'zod';
import { createRedactor } from '../events/redaction.js';
import { validateChoice } from './configs.js';
import type { ServerDeps } from './deps.js';
import { errorReply } from './error-reply.js';
import { readJson } from './request-body.js';

const validateBody = z
  .object({
    config: z.record(z.string(), z.unknown()).optional(),
    configPath: z.string().min(1).optional(),
    yaml: z.string().optional(),
  })
  .strict();

export function configRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => c.json({ configs: deps.configs }));
  app.post('/validate', async (c) => {
    const body = await readJson(c, validateBody);
    try {
      const result = await validateChoice(body, deps.places);
      if (result.valid) return c.json({ ok: true });
      const { redactText } = createRedactor({ env: deps.places.env, config: body.config });
      return c.json({
        ok: false,
        errors: result.errors.map((e) => ({
          path: e.path,
          message: redactText(e.message),
          file: redactText(e.file),
          ...(e.suggestion ? { suggestion: redactText(e.suggestion) } : {}),
        })),
      });
    } catch (error) {
      return errorReply(c, error, deps.redactor);
    }
  });
  return app;
}
