/**
 * Any thrown value as one line of text for a user, a log or an event: provider failures name the
 * HTTP status and the provider's own error type and message (`529 overloaded_error: Overloaded`),
 * never `[object Object]`.
 */
import { APICallError, TypeValidationError } from '@ai-sdk/provider';

/** What a provider said about a failure, read from an HTTP error body or an in-stream error. */
export interface ProviderErrorDetail {
  /** HTTP status of the reply, when the failure was an HTTP error (200 for a failed stream). */
  statusCode?: number;
  /** The provider's error type: Anthropic `error.type`, OpenAI `error.type`, Gemini `error.status`. */
  type?: string;
  /** OpenAI's `error.code` (`rate_limit_exceeded`, `insufficient_quota`, …). */
  code?: string;
  message?: string;
}

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The provider's description inside an error body or in-stream error object. Shapes understood:
 * Anthropic `{type:'error', error:{type, message}}` (and the bare `{type, message}`), OpenAI
 * `{error:{message, type, code}}`, OpenAI Responses `{type:'error', code, message}` and
 * `{type:'response.failed', response:{error:{code, message}}}`, Gemini `{error:{code, message, status}}`
 * (also inside a streamed array).
 */
export function describeProviderBody(body: unknown): ProviderErrorDetail | undefined {
  const value = Array.isArray(body) ? body[0] : body;
  const record = asRecord(value);
  if (!record) return undefined;
  const failed = asRecord(asRecord(record.response)?.error);
  const inner = failed ?? asRecord(record.error) ?? record;
  const message = asString(inner.message);
  const innerType = asString(inner.type);
  const type = asString(inner.status) ?? (innerType === 'error' ? undefined : innerType);
  const code = asString(inner.code);
  if (message === undefined && type === undefined && code === undefined) return undefined;
  return { message, type, code };
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The provider's description of `error`, when it is a provider failure; undefined otherwise. */
export function providerErrorDetail(error: unknown): ProviderErrorDetail | undefined {
  if (APICallError.isInstance(error)) {
    const body = describeProviderBody(error.data) ?? describeProviderBody(parseJson(error.responseBody));
    return { statusCode: error.statusCode, ...body, message: body?.message ?? error.message };
  }
  // A stream chunk that failed the SDK's schema, e.g. an error object where content was expected.
  if (TypeValidationError.isInstance(error)) return describeProviderBody(error.value);
  if (error instanceof Error) return undefined;
  const detail = describeProviderBody(error);
  if (!detail) return undefined;
  const record = asRecord(error);
  // OpenAI's stream-error objects carry a status derived from their code.
  const status = record?.statusCode;
  return typeof status === 'number' ? { statusCode: status, ...detail } : detail;
}

/** `type: message`, preferring OpenAI's specific `code` over its broad `type`. */
function detailText(detail: ProviderErrorDetail): string {
  const label = detail.code ?? detail.type;
  const message = detail.message ?? '';
  if (label === undefined || message.startsWith(label)) return message || 'provider error';
  return message ? `${label}: ${message}` : label;
}

function causeText(error: Error): string | undefined {
  const cause = error.cause;
  if (cause instanceof Error) return cause.message || cause.name;
  return typeof cause === 'string' ? cause : undefined;
}

function apiCallErrorText(error: APICallError): string {
  const detail = providerErrorDetail(error) ?? {};
  const status = error.statusCode;
  if (status === undefined || status === 200) {
    // No HTTP error: the connection failed, or the stream of a successful reply broke off.
    const cause = causeText(error);
    if (status === 200) return `the reply stream broke off (${cause ?? error.message})`;
    return cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message;
  }
  return `${status} ${detailText(detail)}`;
}

function jsonText(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    if (text !== undefined) return text;
  } catch {
    // circular or BigInt: fall through
  }
  if (typeof value !== 'object' || value === null) return String(value);
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return `${name && name !== 'Object' ? name : 'an object'} that cannot be shown as text`;
}

/**
 * What the provider said, without the HTTP status (for displays that show the status apart):
 * `rate_limit_exceeded: Rate limit reached…`; the same as {@link errorText} for other errors.
 */
export function providerMessage(error: unknown): string {
  if (APICallError.isInstance(error) && error.statusCode !== undefined && error.statusCode !== 200) {
    return detailText(providerErrorDetail(error) ?? {});
  }
  return errorText(error);
}

/** `error` as one line of text. */
export function errorText(error: unknown): string {
  if (APICallError.isInstance(error)) return apiCallErrorText(error);
  if (TypeValidationError.isInstance(error)) {
    const detail = providerErrorDetail(error);
    if (detail) return detailText(detail);
  }
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  if (error === undefined || error === null) return 'unknown error';
  const detail = providerErrorDetail(error);
  if (detail) return detailText(detail);
  const record = asRecord(error);
  if (record && typeof record.message === 'string' && record.message) return record.message;
  return jsonText(error);
}
