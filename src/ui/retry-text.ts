/** How a `provider-retry` event reads in the displays: `retrying in 4 s (429: Rate limit reached…)`. */
import type { EventOf } from '../events/types.js';
import { preview } from './terminal-text.js';

type RetryFacts = Pick<EventOf<'provider-retry'>, 'delayMs' | 'statusCode' | 'message'>;

/** A wait as people say it: `250 ms`, `1.5 s`, `4 s`, `2 min`. */
export function delayText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** `retrying in 4 s (429)`: the status, else the provider's error type, for one short status line. */
export function retryStatusText(retry: RetryFacts): string {
  const label = retry.statusCode ?? retry.message.split(':')[0]?.trim();
  return `retrying in ${delayText(retry.delayMs)}${label ? ` (${preview(String(label), 40)})` : ''}`;
}

/** `retrying in 4 s (429: Rate limit reached…)`: the status and the provider's message. */
export function retryLineText(retry: RetryFacts, max = 160): string {
  const message = preview(retry.message, max);
  const reason = retry.statusCode === undefined ? message : `${retry.statusCode}: ${message}`;
  return `retrying in ${delayText(retry.delayMs)} (${reason})`;
}
