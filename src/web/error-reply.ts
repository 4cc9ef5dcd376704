/** Errors of the engine as API replies: a config problem is the client's (400), anything else 500. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { errorText } from '../error-text.js';
import { ConfigError } from '../errors.js';
import type { Redactor } from '../events/redaction.js';
import { SessionNotFoundError } from '../sessions/store.js';
import { errorResponse } from './api-error.js';

export function errorReply(c: Context, error: unknown, redactor: Redactor): Response {
  if (error instanceof HTTPException) return error.getResponse();
  if (SessionNotFoundError.isInstance(error)) {
    return errorResponse(c, 404, 'not_found', redactor.redactText(error.message));
  }
  if (ConfigError.isInstance(error)) {
    const issues = error.issues.map((i) => ({
      path: i.path,
      message: redactor.redactText(i.suggestion ? `${i.message} (fix: ${i.suggestion})` : i.message),
    }));
    const message = redactor.redactText(error.message);
    const first = issues[0];
    // A message that does not say what the first problem is gets the list of problems.
    const full =
      first && !message.includes(first.message)
        ? `${message} ${issues.map((i) => `${i.path || '(top)'}: ${i.message}`).join('; ')}`
        : message;
    return errorResponse(c, 400, 'bad_request', full, { issues });
  }
  return errorResponse(c, 500, 'internal', `The server failed: ${redactor.redactText(errorText(error))}`);
}
