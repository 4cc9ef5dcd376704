/**
 * How long a provider asks a client to wait before retrying, from where each provider says it:
 * `retry-after-ms` and `retry-after` headers (OpenAI, Anthropic, Azure), OpenAI's
 * `x-ratelimit-reset-requests` / `-tokens` for an exhausted limit, and Gemini's
 * `google.rpc.RetryInfo.retryDelay` in the error body.
 */
import { APICallError } from '@ai-sdk/provider';

const UNITS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 1e-6,
};

/**
 * A duration such as `3s`, `1.5s`, `0.250s` (protobuf Duration), `20ms` or `6m0s` (OpenAI's reset
 * headers), in milliseconds; undefined when the text is not one.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) {
    total += Number.parseFloat(match[1]!) * UNITS[match[2]!]!;
  }
  return total;
}

function headerHint(headers: Record<string, string | undefined>, now: number): number | undefined {
  const ms = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers['retry-after'];
  if (raw) {
    const seconds = Number(raw.trim());
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(raw);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  // OpenAI: the time until an exhausted limit (requests or tokens) is replenished.
  const resets = ['requests', 'tokens']
    .filter((limit) => headers[`x-ratelimit-remaining-${limit}`]?.trim() === '0')
    .map((limit) => parseDuration(headers[`x-ratelimit-reset-${limit}`] ?? ''))
    .filter((value): value is number => value !== undefined);
  return resets.length > 0 ? Math.max(...resets) : undefined;
}

/** Gemini: `{error: {details: [{'@type': '….google.rpc.RetryInfo', retryDelay: '3s'}]}}`. */
function bodyHint(body: string | undefined): number | undefined {
  if (!body) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const error = (Array.isArray(parsed) ? parsed[0] : parsed) as { error?: { details?: unknown } } | null;
  const details = error?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const entry = detail as { '@type'?: unknown; retryDelay?: unknown } | null;
    if (typeof entry?.['@type'] === 'string' && entry['@type'].endsWith('google.rpc.RetryInfo')) {
      if (typeof entry.retryDelay === 'string') return parseDuration(entry.retryDelay);
    }
  }
  return undefined;
}

/** The wait the provider asked for before a retry of `error`, in ms; undefined when it said nothing. */
export function retryHintMs(error: unknown, now = Date.now()): number | undefined {
  if (!APICallError.isInstance(error)) return undefined;
  const headers = Object.fromEntries(
    Object.entries(error.responseHeaders ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return headerHint(headers, now) ?? bodyHint(error.responseBody);
}
