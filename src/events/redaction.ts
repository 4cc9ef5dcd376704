/**
 * Redaction of secrets in what MassGen-TS writes: `execution_metadata.yaml`, `events.jsonl`,
 * `status.json` and every file derived from events (answers, votes, contexts). Two rules:
 *
 * - by key: a string under a key named like a secret (`api_key`, `token`, `secret`, `password`,
 *   `Authorization`, …), every header value (`headers:`), and an `env:` entry whose variable is named
 *   like a key becomes `***`;
 * - by value: every occurrence, in any string, of a known secret becomes `***`. Known secrets are
 *   the values of environment variables named like keys (`*_API_KEY`, `*_TOKEN`, `*_SECRET`, …),
 *   the values of the variables a config's secret settings refer to (`api_key: "${MY_KEY}"`,
 *   `Authorization: "Bearer ${MY_TOKEN}"`), and literal secrets written in the config itself.
 *
 * - by shape: credential headers written out in text (`Authorization: Bearer …`, `Cookie: …`),
 *   settings named like keys (`SERVICE_KEY=…`), secret URL query parameters (`?key=…`) and URL
 *   passwords (`https://user:…@host`) become `***` wherever they appear (see secret-patterns.ts).
 *
 * Values shorter than {@link MIN_SECRET_LENGTH} characters are not treated as secrets by value (they
 * would blank ordinary words); they are still blanked by key and by shape.
 */
import {
  isSecretKey,
  isSecretVariable,
  referencedVariables,
  walkSecretSettings,
} from '../config/secret-settings.js';
import { hideSecretShapes } from './secret-patterns.js';

/** What a secret is replaced with. */
export const REDACTED = '***';

/** Shortest value treated as a secret wherever it appears. */
export const MIN_SECRET_LENGTH = 8;

/** Where the secrets to hide come from. */
export interface RedactionSources {
  /** Its variables named like keys are secrets, and so are those the config's secret settings use. */
  env?: NodeJS.ProcessEnv;
  /** A config (raw or normalised) whose secret settings name more secrets. */
  config?: unknown;
}

/** Hides secrets in values about to be written. */
export interface Redactor {
  /** A copy of `value` with secrets replaced (the same object when there is nothing to hide). */
  redact<T>(value: T): T;
  /** `text` with every known secret, and every secret recognised by its shape, replaced. */
  redactText(text: string): string;
}

/** The secret strings of the sources, longest first. */
export function secretValues(sources: RedactionSources): string[] {
  const env = sources.env ?? {};
  const found = new Set<string>();
  const add = (value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length >= MIN_SECRET_LENGTH) found.add(trimmed);
  };
  for (const [name, value] of Object.entries(env)) if (isSecretVariable(name)) add(value);
  walkSecretSettings(sources.config, ({ key, value, secret }) => {
    const names = referencedVariables(value);
    if (secret) for (const name of names) add(env[name]);
    if (!(isSecretKey(key) || isSecretVariable(key)) || value.includes('${')) return;
    // A literal secret under a secret name, and its parts (the token of `Bearer <token>`).
    add(value);
    for (const part of value.split(/\s+/)) add(part);
  });
  return [...found].sort((a, b) => b.length - a.length);
}

/** A mapping whose entries are treated by their position: `env:` variables or `headers:`. */
type Mapping = 'plain' | 'env' | 'headers';

function mappingOf(key: string): Mapping {
  return key === 'env' ? 'env' : key === 'headers' ? 'headers' : 'plain';
}

/** Whether the value of `key` (inside a mapping of kind `mode`) is blanked whole. */
function hidesValue(key: string, mode: Mapping): boolean {
  if (mode === 'headers') return true;
  return isSecretKey(key) || (mode === 'env' && isSecretVariable(key));
}

/** `items` mapped, or `items` itself when no item changed. */
function mapChanged(items: unknown[], fn: (item: unknown) => unknown): unknown[] {
  let changed = false;
  const out = items.map((item) => {
    const next = fn(item);
    if (next !== item) changed = true;
    return next;
  });
  return changed ? out : items;
}

/** Creates the redactor of the given sources. */
export function createRedactor(sources: RedactionSources): Redactor {
  const secrets = secretValues(sources);
  const redactText = (text: string): string => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return hideSecretShapes(out);
  };

  /** Objects on the path being walked: a cycle is left as it is (the writers print it as such). */
  const open = new Set<object>();

  /**
   * `hide`: the value sits under a secret key, so its strings are blanked (an object under it is
   * walked by its own keys). `mode`: the value is an `env:` or a `headers:` mapping.
   */
  const walk = (value: unknown, hide: boolean, mode: Mapping): unknown => {
    if (typeof value === 'string') return hide && value !== '' ? REDACTED : redactText(value);
    if (typeof value !== 'object' || value === null || open.has(value)) return value;
    open.add(value);
    try {
      if (Array.isArray(value)) return mapChanged(value, (item) => walk(item, hide, 'plain'));
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        const next = walk(inner, hidesValue(key, mode), mode === 'plain' ? mappingOf(key) : 'plain');
        if (next !== inner) changed = true;
        out[key] = next;
      }
      return changed ? out : value;
    } finally {
      open.delete(value);
    }
  };

  return {
    redact: <T>(value: T): T => walk(value, false, 'plain') as T,
    redactText,
  };
}
