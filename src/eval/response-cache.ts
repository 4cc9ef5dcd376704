/**
 * The response cache of `--cache`: a model reply kept on disk under the hash of its request, so an
 * identical request (same provider, model, prompt, tools and settings) is answered from disk. The
 * clock line of the coordination prompt (`Current time: …`) is not part of the key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Values that are not part of a request's identity. */
const IGNORED_KEYS = new Set(['abortSignal', 'headers']);
const CLOCK = /Current time: [^\n"\\]*/g;

/** JSON with sorted keys, without the ignored keys, the clock line blanked. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => {
    if (IGNORED_KEYS.has(key)) return undefined;
    if (typeof inner === 'string') return inner.replace(CLOCK, 'Current time: -');
    if (inner instanceof Uint8Array) return Buffer.from(inner).toString('base64');
    if (inner && typeof inner === 'object' && !Array.isArray(inner))
      return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return inner;
  });
}

/** Revives the `Date` values a reply carries (its `timestamp`). */
function revive(key: string, value: unknown): unknown {
  return key === 'timestamp' && typeof value === 'string' ? new Date(value) : value;
}

/** Replies on disk, one JSON file per request hash (`<dir>/<2 hex>/<hash>.json`). */
export class ResponseCache {
  /** Requests answered from the cache, and those that went to the provider, since it was opened. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(readonly dir: string) {}

  /** The hash of a request. */
  key(request: unknown): string {
    return createHash('sha256').update(stableJson(request)).digest('hex');
  }

  #file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The stored reply of `key`, if any. */
  async get(key: string): Promise<unknown> {
    try {
      const value: unknown = JSON.parse(await readFile(this.#file(key), 'utf8'), revive);
      this.stats.hits++;
      return value;
    } catch {
      this.stats.misses++;
      return undefined;
    }
  }

  /** Stores a reply (written whole, then renamed: a reader never sees half a file). */
  async put(key: string, value: unknown): Promise<void> {
    const file = this.#file(key);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, file);
    } catch {
      // A cache that cannot be written only costs a later request.
    }
  }
}
