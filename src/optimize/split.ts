/**
 * The train / held-out split of a dataset: a seeded shuffle, so the same dataset, fraction and seed
 * always give the same split, and at least one task on each side.
 */
import type { EvalTask } from '../eval/task.js';

/** A split of the tasks. */
export interface TaskSplit<T = EvalTask> {
  /** What the optimiser learns from. */
  train: T[];
  /** What the configs are scored on, before and after (never seen by the optimiser). */
  heldOut: T[];
}

/** A pseudo-random generator in [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Splits `tasks` into train and held-out: `heldOutFraction` of them (rounded, at least one, at most
 * all but one) held out, chosen by a shuffle seeded with `seed`. Each side keeps the dataset's order.
 * Needs at least two tasks.
 */
export function splitTasks<T = EvalTask>(
  tasks: readonly T[],
  heldOutFraction: number,
  seed: number,
): TaskSplit<T> {
  const n = tasks.length;
  const held = Math.min(n - 1, Math.max(1, Math.round(n * heldOutFraction)));
  const random = seededRandom(seed);
  const order = tasks.map((_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const heldIndexes = new Set(order.slice(0, held));
  return {
    train: tasks.filter((_, i) => !heldIndexes.has(i)),
    heldOut: tasks.filter((_, i) => heldIndexes.has(i)),
  };
}
