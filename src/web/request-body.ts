/** Reading a JSON request body: its content type, its syntax and its shape, each with a clear error. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { fail } from './api-error.js';

/** The body as JSON, checked against `schema`; a 415 or 400 JSON error otherwise. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    fail(
      c,
      415,
      'unsupported_media_type',
      `The request body must be JSON: send it with Content-Type: application/json (got ${type ? `"${type}"` : 'none'}).`,
    );
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(
      c,
      400,
      'bad_request',
      `The request body is not valid JSON (${(error as Error).message}); send a JSON object.`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: ['body', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    fail(
      c,
      400,
      'bad_request',
      `The request body is not right: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`,
      { issues },
    );
  }
  return parsed.data;
}
