/** Answer novelty: word-set Jaccard similarity, as MassGen measures it. */

import type { Strictness } from '../types/coordination.js';

/** Similarity above which a new answer is too close to an existing one. Lenient: no check. */
export const NOVELTY_THRESHOLDS: Record<Strictness, number | undefined> = {
  lenient: undefined,
  balanced: 0.7,
  strict: 0.5,
};

/** Jaccard similarity of the lower-cased whitespace-separated word sets of two texts. */
export function wordJaccard(a: string, b: string): number {
  const wa = new Set(a.toLowerCase().split(/\s+/).filter(Boolean));
  const wb = new Set(b.toLowerCase().split(/\s+/).filter(Boolean));
  if (wa.size === 0 && wb.size === 0) return 1;
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

/** Collapses whitespace so that answers differing only in spacing count as duplicates. */
export function normalizeAnswer(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
