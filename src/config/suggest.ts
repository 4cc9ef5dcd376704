/**
 * "Did you mean …?" support: an edit distance and a closest-match search used for unknown keys and
 * unknown enum values in config files.
 */

/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions): the number of
 * insertions, deletions, substitutions and swaps of two neighbouring characters turning `a` into `b`.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  const row0 = rows[0]!;
  for (let j = 0; j <= b.length; j++) row0[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      row[j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Longest input a suggestion is searched for: no name a config knows is nearly this long. */
export const MAX_SUGGESTION_INPUT = 64;

/**
 * The candidate closest to `input`, or undefined when none is close enough. Case and `-`/`_` are
 * ignored when comparing; a candidate qualifies when its distance is at most a third of the longer
 * string's length (minimum 1), or when one string contains the other (e.g. `web_search` →
 * `enable_web_search`). Inputs longer than {@link MAX_SUGGESTION_INPUT} get no suggestion.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  if (input.length > MAX_SUGGESTION_INPUT) return undefined;
  const norm = (s: string) => s.toLowerCase().replace(/-/g, '_');
  const target = norm(input);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const c = norm(candidate);
    const limit = Math.max(1, Math.floor(Math.max(target.length, c.length) / 3));
    const contains = target.length >= 3 && (c.includes(target) || target.includes(c));
    // The distance is at least the difference in length: too far without computing it.
    const distance = Math.abs(target.length - c.length) > limit ? limit + 1 : editDistance(target, c);
    if (distance > limit && !contains) continue;
    const score = distance > limit ? limit + 1 + Math.abs(c.length - target.length) / 100 : distance;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Backtick-quoted, comma-separated list of names for messages: `` `a`, `b`, `c` ``. */
export function listNames(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}

/**
 * Suggestion text for an unknown name: "did you mean `x`?" when something is close, otherwise the list
 * of valid names.
 */
export function didYouMean(input: string, candidates: readonly string[], what = 'valid keys'): string {
  const match = closestMatch(input, candidates);
  if (match !== undefined) return `did you mean \`${match}\`?`;
  return `${what}: ${listNames(candidates)}`;
}
