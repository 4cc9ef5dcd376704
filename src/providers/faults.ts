/**
 * What kind of provider failure an error is, whether retrying can fix it, and what a user can do
 * about the ones it cannot. Understands HTTP errors (APICallError), the providers' in-stream error
 * objects and broken connections.
 */
import { APICallError, TypeValidationError } from '@ai-sdk/provider';
import { type ProviderErrorDetail, providerErrorDetail } from '../error-text.js';
import { BACKENDS } from './catalog.js';

/**
 * - `rate-limit`: 429 / `rate_limit_error` / `RESOURCE_EXHAUSTED`
 * - `overloaded`: 529 / `overloaded_error` / `UNAVAILABLE`
 * - `server`: other 5xx, 408, 409 / `api_error`, `server_error`, `INTERNAL`
 * - `cut`: the stream of a successful reply broke off
 * - `connection`: no reply at all (refused, reset, unknown host)
 * - `quota`: OpenAI `insufficient_quota`, Anthropic `billing_error`: a billing problem, not a rate
 * - `rejected`: 400/401/403/404/413/422: the request, the key or the model is wrong
 * - `other`: not a provider failure (or not one these rules know)
 */
export type FaultKind =
  | 'rate-limit'
  | 'overloaded'
  | 'server'
  | 'cut'
  | 'connection'
  | 'quota'
  | 'rejected'
  | 'other';

const RETRYABLE = new Set<FaultKind>(['rate-limit', 'overloaded', 'server', 'cut', 'connection']);

/** Provider error labels (type, code, Gemini status), lower case, by the kind they mean. */
const LABELS: Array<[FaultKind, string[]]> = [
  ['quota', ['insufficient_quota', 'billing']],
  ['overloaded', ['overloaded', 'unavailable']],
  ['rate-limit', ['rate_limit', 'resource_exhausted']],
  ['server', ['api_error', 'server_error', 'internal', 'timeout', 'deadline_exceeded']],
  [
    'rejected',
    [
      'invalid_request',
      'invalid_argument',
      'invalid_api_key',
      'authentication',
      'unauthenticated',
      'permission',
      'not_found',
      'request_too_large',
      'failed_precondition',
      'context_length',
    ],
  ],
];

function kindOfLabels(detail: ProviderErrorDetail | undefined): FaultKind | undefined {
  const labels = [detail?.code, detail?.type]
    .filter((l): l is string => l !== undefined)
    .join(' ')
    .toLowerCase();
  if (labels === '') return undefined;
  return LABELS.find(([, words]) => words.some((word) => labels.includes(word)))?.[0];
}

function kindOfStatus(status: number): FaultKind | undefined {
  if (status === 429) return 'rate-limit';
  if (status === 529) return 'overloaded';
  if (status >= 500 || status === 408 || status === 409) return 'server';
  if (status >= 400) return 'rejected';
  return undefined;
}

/** The kind of failure `error` is. */
export function faultKind(error: unknown): FaultKind {
  if (APICallError.isInstance(error)) {
    const labelled = kindOfLabels(providerErrorDetail(error));
    const status = error.statusCode;
    if (labelled === 'quota') return 'quota';
    if (status === undefined) return error.isRetryable ? 'connection' : 'other';
    // A 200 reply whose stream could not be read to its end.
    if (status === 200) return error.isRetryable ? 'cut' : (labelled ?? 'other');
    if (status !== 529 && labelled === 'overloaded') return 'overloaded';
    return kindOfStatus(status) ?? (error.isRetryable ? 'server' : 'other');
  }
  if (error instanceof TypeError && error.message === 'terminated') return 'cut';
  if (error instanceof Error && !TypeValidationError.isInstance(error)) return 'other';
  const detail = providerErrorDetail(error);
  if (!detail) return 'other';
  const labelled = kindOfLabels(detail);
  if (labelled) return labelled;
  return detail.statusCode === undefined ? 'other' : (kindOfStatus(detail.statusCode) ?? 'other');
}

/** Failures a later attempt may not meet: rate limits, overload, server errors, broken connections. */
export function isRetryableFault(kind: FaultKind): boolean {
  return RETRYABLE.has(kind);
}

/** Failures retrying cannot fix: the agent is given up on at once. */
export function isPermanentFault(kind: FaultKind): boolean {
  return kind === 'quota' || kind === 'rejected';
}

/** The HTTP status of a provider failure, when it had one (not for a broken 200 stream). */
export function faultStatus(error: unknown): number | undefined {
  const status = providerErrorDetail(error)?.statusCode;
  return status === undefined || status === 200 ? undefined : status;
}

/**
 * What a user can change about a failure retrying cannot fix, for the agent's backend `type`:
 * e.g. `check the API key (backend.api_key or ANTHROPIC_API_KEY)`. Undefined when there is nothing to say.
 */
export function faultHint(error: unknown, backendType?: string): string | undefined {
  const kind = faultKind(error);
  const status = faultStatus(error);
  if (kind === 'quota') return 'check the plan and billing of the provider account';
  if (kind === 'connection') return 'check backend.base_url and that the server is running';
  if (kind !== 'rejected') return undefined;
  const detail = providerErrorDetail(error);
  const labels = `${detail?.type ?? ''} ${detail?.code ?? ''}`.toLowerCase();
  if (status === 401 || status === 403 || /auth|permission|api_key/.test(labels)) {
    const info =
      backendType && backendType in BACKENDS ? BACKENDS[backendType as keyof typeof BACKENDS] : undefined;
    const variables = info?.envKeys.length ? ` or ${info.envKeys.join(' / ')}` : '';
    return `check the API key (backend.api_key${variables})`;
  }
  if (status === 404 || labels.includes('not_found')) return 'check backend.model and backend.base_url';
  return undefined;
}
