/**
 * JSON errors of the API: `{ "error": { "code", "message" } }` (and OpenAI's `type` under `/v1`),
 * with the right HTTP status. Handlers throw them with {@link fail}.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** What went wrong, in one word. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'model_not_found'
  | 'run_failed'
  | 'internal';

/** One problem of a config or of a request body. */
export interface ErrorIssue {
  path: string;
  message: string;
}

/** The body of an error reply. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; type?: string; param?: string; issues?: ErrorIssue[] };
}

/** The error body for a request to `pathname`. */
export function errorBody(
  pathname: string,
  status: number,
  code: ErrorCode,
  message: string,
  extra: { issues?: ErrorIssue[]; param?: string } = {},
): ErrorBody {
  const openai = pathname === '/v1' || pathname.startsWith('/v1/');
  return {
    error: {
      code,
      message,
      ...(openai ? { type: status >= 500 ? 'server_error' : 'invalid_request_error' } : {}),
      ...(extra.param ? { param: extra.param } : {}),
      ...(extra.issues ? { issues: extra.issues } : {}),
    },
  };
}

/** The error reply. */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  extra: { issues?: ErrorIssue[]; param?: string } = {},
): Response {
  return c.json(errorBody(c.req.path, status, code, message, extra), status);
}

/** Ends the request with an error reply. */
export function fail(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  extra: { issues?: ErrorIssue[]; param?: string } = {},
): never {
  throw new HTTPException(status, { res: errorResponse(c, status, code, message, extra) });
}
