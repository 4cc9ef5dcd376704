/**
 * Risk declared in the config: `tool_risk` maps of tool name patterns (`*` matches any run of
 * characters) to a level or `{ level, open_world }`. The most specific pattern wins: an exact name
 * before any pattern, then the pattern with the most characters that are not `*`.
 */
import type { RiskLevel, ToolRisk } from '../../types/safety.js';

/** One declaration as written in the config. */
export type RiskDeclaration = RiskLevel | { level: RiskLevel; open_world?: boolean };

/** A `tool_risk` map and where it is in the config (`agents[0].backend.tool_risk`). */
export interface DeclarationSet {
  at: string;
  rules: Readonly<Record<string, RiskDeclaration>>;
}

const cache = new Map<string, RegExp>();

/** A `*` glob as an anchored regular expression. */
export function globPattern(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 's');
    if (cache.size < 1000) cache.set(glob, re);
  }
  return re;
}

const specificity = (pattern: string) =>
  pattern.includes('*') ? pattern.replace(/\*/g, '').length : Infinity;

/** The declared risk of the tool `name`, when a pattern of `set` matches it. */
export function declaredRisk(
  name: string,
  set: DeclarationSet | undefined,
  defaultOpenWorld: boolean,
): ToolRisk | undefined {
  if (!set) return undefined;
  let best: [string, RiskDeclaration] | undefined;
  for (const entry of Object.entries(set.rules)) {
    if (!globPattern(entry[0]).test(name)) continue;
    if (!best || specificity(entry[0]) > specificity(best[0])) best = entry;
  }
  if (!best) return undefined;
  const [pattern, declaration] = best;
  const level = typeof declaration === 'string' ? declaration : declaration.level;
  const openWorld =
    typeof declaration === 'string' ? defaultOpenWorld : (declaration.open_world ?? defaultOpenWorld);
  return { level, openWorld, source: 'config', reason: `declared ${level} in ${set.at} ("${pattern}")` };
}
