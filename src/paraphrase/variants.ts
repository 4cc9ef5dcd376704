/**
 * The rules of question paraphrasing, as in MassGen's `dspy_paraphraser.py`: the instruction and
 * the temperatures of each strategy, the quality check of a variant, the cache key, and how the
 * variants are dealt to the agents. Pure.
 */
import { createHash } from 'node:crypto';
import type { ParaphraseConfig } from '../config/schema-orchestrator.js';

export type ParaphraseStrategy = ParaphraseConfig['strategy'];

/** What the writer is asked to do, per strategy. */
export const STRATEGY_INSTRUCTIONS: Record<ParaphraseStrategy, string> = {
  diverse:
    'Provide a significantly different phrasing that asks for exactly the same information using completely different words',
  conservative: 'Slightly rephrase this question with minimal structural changes but different word choices',
  balanced:
    'Naturally rephrase this question as someone else might ask it, maintaining the same meaning with moderately different phrasing',
  adaptive:
    'Intelligently rephrase based on the question type, using appropriate terminology and structure variations',
};

/** Added to the instruction once twice as many attempts as variants have been made. */
export const CREATIVE_HINT = ' Be creative and use very different wording.';

/**
 * The temperatures variants are written at, per strategy, from `[low, high]`; variant K uses entry
 * K mod length. A `temperature` set on the backend fixes one temperature for every variant.
 */
export function temperatureSchedule(
  strategy: ParaphraseStrategy,
  [low, high]: readonly [number, number],
  fixed?: number,
): number[] {
  if (fixed !== undefined) return [fixed];
  const mid = (low + high) / 2;
  const clamp = (t: number) => Math.round(Math.min(2, Math.max(0, t)) * 1000) / 1000;
  const schedules: Record<ParaphraseStrategy, number[]> = {
    diverse: [low, mid, high],
    conservative: [low, low + 0.1, low + 0.2],
    balanced: [mid - 0.1, mid, mid + 0.1],
    adaptive: [low, low + 0.2, high - 0.2, high],
  };
  return schedules[strategy].map(clamp);
}

/**
 * Whether a variant is usable: at least 5 characters, not the question itself, 0.4–2.5 times its
 * length, and sharing some but not nearly all of its words (word Jaccard between 0.2 and 0.95).
 */
export function isUsableVariant(question: string, variant: string): boolean {
  if (variant.length < 5) return false;
  if (variant.trim().toLowerCase() === question.trim().toLowerCase()) return false;
  const ratio = variant.length / Math.max(1, question.length);
  if (ratio < 0.4 || ratio > 2.5) return false;
  const words = (text: string) => new Set(text.toLowerCase().split(/\s+/).filter(Boolean));
  const a = words(question);
  const b = words(variant);
  const union = new Set([...a, ...b]);
  if (union.size === 0) return true;
  const shared = [...a].filter((w) => b.has(w)).length;
  const similarity = shared / union.size;
  return similarity >= 0.2 && similarity <= 0.95;
}

/** The rewritten question in a reply: after the last `Rewritten question:` line, else the whole text. */
export function rewrittenQuestion(reply: string): string {
  const marker = /rewritten question:\s*/gi;
  let last = -1;
  for (let m = marker.exec(reply); m !== null; m = marker.exec(reply)) last = m.index + m[0].length;
  const text = last >= 0 ? reply.slice(last) : reply;
  return text
    .trim()
    .replace(/^["“]|["”]$/g, '')
    .trim();
}

/** The cache key of a question and every setting that changes its variants. */
export function variantsCacheKey(question: string, config: ParaphraseConfig): string {
  const payload = {
    question,
    backend: {
      type: config.backend?.type,
      model: config.backend?.model,
      temperature: config.backend?.temperature,
    },
    strategy: config.strategy,
    num_variants: config.num_variants,
    temperature_range: config.temperature_range,
    use_chain_of_thought: config.use_chain_of_thought,
    validate_semantics: config.validate_semantics,
    semantic_threshold: config.semantic_threshold,
  };
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

/** Deals the variants to the agents in config order, round robin; no variants: nobody gets one. */
export function dealVariants(
  agentIds: readonly string[],
  variants: readonly string[],
): Record<string, string> {
  if (variants.length === 0) return {};
  return Object.fromEntries(agentIds.map((id, i) => [id, variants[i % variants.length]!]));
}
