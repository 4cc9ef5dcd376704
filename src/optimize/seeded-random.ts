/**
 * Ax's bootstrap optimiser draws its order of examples from `Math.random` (it takes no seed), so
 * `--seed` reaches it this way: while the optimiser runs (agents are tuned one at a time, and
 * nothing else of the command runs meanwhile) `Math.random` is a generator seeded with it.
 */
import { seededRandom } from './split.js';

/** Runs `fn` with `Math.random` seeded by `seed`; the original is restored when it settles. */
export async function withSeededRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}
