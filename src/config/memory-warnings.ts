/**
 * Warnings for `memory:` keys MassGen-TS reads differently from MassGen: its long-term store is an
 * embedded SQLite file, so Qdrant settings are ignored; `recording.*` flags are not built.
 */
import type { ConfigIssue } from '../errors.js';
import { isPlainObject } from './schema-common.js';

function blockWarnings(memory: unknown, at: string, file: string, out: ConfigIssue[]): void {
  if (!isPlainObject(memory)) return;
  const pm = memory.persistent_memory;
  if (isPlainObject(pm)) {
    const store =
      'MassGen-TS keeps memories in its embedded SQLite store (`persistent_memory.path`, default .massgen/memory.db)';
    if (pm.vector_store !== undefined && pm.vector_store !== 'sqlite') {
      out.push({
        file,
        path: `${at}.persistent_memory.vector_store`,
        message: `not supported: vector_store "${String(pm.vector_store)}" — ${store}; the key is ignored`,
        suggestion: 'use the embedded store: remove vector_store (and qdrant)',
      });
    }
    if (pm.qdrant !== undefined) {
      out.push({
        file,
        path: `${at}.persistent_memory.qdrant`,
        message: `not supported: Qdrant settings — ${store}; the key is ignored`,
        suggestion: 'use the embedded store: remove qdrant (and vector_store)',
      });
    }
  }
  const recording = memory.recording;
  if (isPlainObject(recording)) {
    for (const key of ['record_all_tool_calls', 'record_reasoning']) {
      if (recording[key] !== true) continue;
      out.push({
        file,
        path: `${at}.recording.${key}`,
        message: `not supported yet: ${at}.recording.${key} — memories are extracted from the question and the final answer only; the key is accepted and ignored`,
        suggestion: 'remove the key to silence this warning',
      });
    }
  }
}

/** Memory warnings of a raw config (top-level block and each agent's). */
export function memoryWarnings(
  raw: Record<string, unknown>,
  agents: Array<[string, unknown]>,
  file: string,
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  blockWarnings(raw.memory, 'memory', file, out);
  for (const [at, agent] of agents) {
    if (isPlainObject(agent)) blockWarnings(agent.memory, `${at}.memory`, file, out);
  }
  return out;
}
