/**
 * Role presets of `permissions.role` (MassGen's): `read-only` (alias `researcher`) denies file
 * writes, commands and every call that changes something, asks before fetching URLs; `read-write`
 * (alias `implementer`) adds no rule. Preset rules belong to the config scope.
 */
import type { PolicyAction } from '../../types/safety.js';
import { parsePattern } from './pattern.js';
import type { PolicyRule } from './rules.js';

const READ_ONLY: Record<PolicyAction, string[]> = {
  deny: ['write_file(*)', 'command(*)', 'risk:reversible', 'risk:irreversible'],
  ask: ['read_url(*)'],
  allow: ['read_file(*)'],
};

const PRESETS: Readonly<Record<string, Record<PolicyAction, string[]> | undefined>> = {
  'read-only': READ_ONLY,
  researcher: READ_ONLY,
  'read-write': undefined,
  implementer: undefined,
};

/** Whether a role makes the agent read-only (its command sandbox too). */
export function isReadOnlyRole(role: string | undefined): boolean {
  return role === 'read-only' || role === 'researcher';
}

/** The preset rules of a role, in the config scope. */
export function roleRules(role: string | undefined, file: string): PolicyRule[] {
  const preset = role ? PRESETS[role] : undefined;
  if (!preset) return [];
  return (Object.entries(preset) as Array<[PolicyAction, string[]]>).flatMap(([action, patterns]) =>
    patterns.map((text) => ({
      action,
      pattern: parsePattern(text),
      scope: 'config' as const,
      file: `${file} (role ${role})`,
    })),
  );
}
