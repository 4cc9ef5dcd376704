/**
 * Checks made before the schema runs, for files that are not a current MassGen run config at all:
 * not a mapping, the V1 format, or a rate-limit table.
 */
import type { ConfigIssue } from '../errors.js';
import { isPlainObject } from './schema-common.js';
import { listNames } from './suggest.js';

/** Top-level keys of the MassGen V1 config format. */
export const V1_KEYS = [
  'models',
  'model_configs',
  'num_agents',
  'max_rounds',
  'consensus_threshold',
  'voting_enabled',
  'enable_voting',
] as const;

const LIMIT_KEYS = ['rpm', 'tpm', 'rpd'];

/** Whether `raw` has the shape of MassGen's `rate_limits.yaml`: provider → model → {rpm, tpm, rpd}. */
export function isRateLimitTable(raw: Record<string, unknown>): boolean {
  const providers = Object.values(raw);
  return (
    providers.length > 0 &&
    raw.agents === undefined &&
    raw.agent === undefined &&
    providers.every(
      (models) =>
        isPlainObject(models) &&
        Object.keys(models).length > 0 &&
        Object.values(models).every(
          (limits) => isPlainObject(limits) && Object.keys(limits).some((k) => LIMIT_KEYS.includes(k)),
        ),
    )
  );
}

/** Problems that make the rest of validation pointless; empty when the schema should run. */
export function precheck(raw: unknown, file: string): ConfigIssue[] {
  if (!isPlainObject(raw)) {
    const got =
      raw === null || raw === undefined ? 'an empty file' : Array.isArray(raw) ? 'a list' : `a ${typeof raw}`;
    return [
      {
        file,
        path: '',
        message: `the config must be a mapping of keys (agents:, orchestrator:, …), got ${got}`,
        suggestion: 'start the file with `agents:` followed by a list of agents',
      },
    ];
  }
  const v1 = V1_KEYS.filter((k) => k in raw);
  if (v1.length > 0) {
    return [
      {
        file,
        path: '',
        message: `V1 config format is not supported (found ${listNames(v1)})`,
        suggestion:
          'rewrite it in the current format: `agents:` as a list of `- id: …` with `backend: {type: …, model: …}`, plus optional `orchestrator:` and `ui:` (see examples/three_agents.yaml)',
      },
    ];
  }
  if (isRateLimitTable(raw)) {
    return [
      {
        file,
        path: '',
        message:
          'not supported: this file is a rate-limit table (provider → model → rpm/tpm/rpd), not a run configuration; MassGen-TS has no rate limiter',
        suggestion: 'pass a run configuration with `agents:` to --config',
      },
    ];
  }
  return [];
}
