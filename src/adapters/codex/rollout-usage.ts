/**
 * The usage of every model call of a Codex thread, from its rollout file
 * (`$CODEX_HOME/sessions/YYYY/MM/DD/rollout-…-<thread id>.jsonl`, one `token_usage_record` line per
 * response). Codex writes each record as the response completes, so a turn ended at its decision
 * (its process stopped) still has the usage of its calls there; its `turn.completed` event, which
 * carries only the turn's total, never comes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TokenUsage } from '../../events/types.js';
import { findFile } from '../find-file.js';

/** The usage of each model call of thread `threadId`, in order; empty when there is no rollout. */
export function rolloutUsage(codexHome: string, threadId: string): TokenUsage[] {
  const file = findFile(path.join(codexHome, 'sessions'), (name) => name.endsWith(`${threadId}.jsonl`));
  if (!file) return [];
  const usages: TokenUsage[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.includes('"token_usage_record"')) continue;
    let record: { type?: unknown; payload?: { usage?: Record<string, unknown> } };
    try {
      record = JSON.parse(line);
    } catch {
      continue; // a line cut when the process stopped
    }
    const usage = record.type === 'token_usage_record' ? record.payload?.usage : undefined;
    if (!usage) continue;
    const count = (key: string) => (typeof usage[key] === 'number' ? (usage[key] as number) : 0);
    usages.push({
      inputTokens: count('input_tokens'),
      outputTokens: count('output_tokens'),
      ...(count('reasoning_output_tokens') > 0 ? { reasoningTokens: count('reasoning_output_tokens') } : {}),
      ...(count('cached_input_tokens') > 0 ? { cachedInputTokens: count('cached_input_tokens') } : {}),
    });
  }
  return usages;
}
