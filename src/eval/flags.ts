/**
 * The flags of `massgen eval` → the settings of an evaluation: checked (each problem names the flag
 * and the fix), and for `--resume` merged with those the folder holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { BASELINES, type Baseline, type EvalSettings } from './settings.js';
import { SCORER_NAMES, type ScorerName } from './task.js';

/** The flags of `massgen eval`. */
export interface EvalFlags {
  config: string[];
  dataset?: string;
  baselines?: string;
  concurrency?: string;
  limit?: string;
  out?: string;
  resume?: string;
  cache?: boolean;
  maxCost?: string;
  scoring?: string;
  judge?: string;
  rubric?: string;
  providerLimit?: string;
}

const flagError = (flag: string, message: string, fix: string) =>
  new ConfigError(`${flag}: ${message}`, [{ file: 'command line', path: flag, message, suggestion: fix }]);

export function positiveInt(flag: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw flagError(flag, `expects a whole number ≥ 1, got "${value}"`, `e.g. ${flag} 4`);
  return n;
}

function parseBaselines(value: string | undefined): Baseline[] {
  if (value === undefined) return ['single', 'majority'];
  if (value.trim() === 'none' || value.trim() === '') return [];
  const names = value.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!BASELINES.includes(n as Baseline))
      throw flagError(
        '--baselines',
        `unknown baseline "${n}"`,
        `use a comma-separated list of ${BASELINES.join(', ')} (or none)`,
      );
  }
  return [...new Set(names as Baseline[])];
}

function parseProviderLimits(value: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!value) return out;
  for (const part of value.split(',')) {
    const [type, n] = part.split('=').map((s) => s.trim());
    const limit = Number(n);
    if (!type || !Number.isInteger(limit) || limit < 1)
      throw flagError(
        '--provider-limit',
        `"${part}" is not TYPE=N`,
        'e.g. --provider-limit openai=4,claude=2',
      );
    out[type] = limit;
  }
  return out;
}

function rubricText(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  if (!value.startsWith('@')) return value;
  const file = path.resolve(cwd, value.slice(1));
  if (!existsSync(file))
    throw flagError(
      '--rubric',
      `file not found: ${file}`,
      'give the rubric text, or @FILE of an existing file',
    );
  return readFileSync(file, 'utf8');
}

function parseMaxCost(value: string | undefined): number | undefined {
  const maxCost = value === undefined ? undefined : Number(value);
  if (maxCost !== undefined && !(Number.isFinite(maxCost) && maxCost > 0))
    throw flagError('--max-cost', `expects a cost in USD above 0, got "${value}"`, 'e.g. --max-cost 2.50');
  return maxCost;
}

/** Flags a resumed evaluation takes from its folder instead. */
const FIXED_ON_RESUME: Array<[keyof EvalFlags, string]> = [
  ['dataset', '--dataset'],
  ['baselines', '--baselines'],
  ['limit', '--limit'],
  ['scoring', '--scoring'],
  ['judge', '--judge'],
  ['rubric', '--rubric'],
  ['out', '--out'],
];

/**
 * The settings of a resumed evaluation: those of its folder, with the flags that may change between
 * sessions (`--concurrency`, `--provider-limit`, `--max-cost`, `--cache`) applied.
 */
export function resumedSettings(flags: EvalFlags, settings: EvalSettings): EvalSettings {
  const fixed = FIXED_ON_RESUME.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
  if (flags.config.length > 0) fixed.unshift('--config');
  if (fixed.length > 0)
    throw flagError(
      fixed[0]!,
      `--resume continues the evaluation with its own settings; ${fixed.join(', ')} cannot change`,
      'drop them, or start a new evaluation with another --out',
    );
  const concurrency = positiveInt('--concurrency', flags.concurrency);
  const maxCost = parseMaxCost(flags.maxCost);
  return {
    ...settings,
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(flags.providerLimit !== undefined
      ? { provider_limits: parseProviderLimits(flags.providerLimit) }
      : {}),
    ...(maxCost !== undefined ? { max_cost_usd: maxCost } : {}),
    ...(flags.cache ? { cache: true } : {}),
  };
}

/** The settings of a fresh evaluation from its flags. */
export function freshSettings(flags: EvalFlags, cwd: string): EvalSettings {
  if (flags.config.length === 0)
    throw flagError('--config', 'no config given', 'give --config FILE (repeat it to compare configs)');
  if (!flags.dataset)
    throw flagError('--dataset', 'no dataset given', 'give --dataset tasks.jsonl (JSONL or CSV)');
  if (flags.scoring !== undefined && !SCORER_NAMES.includes(flags.scoring as ScorerName))
    throw flagError(
      '--scoring',
      `unknown scoring "${flags.scoring}"`,
      `use one of ${SCORER_NAMES.join(', ')}`,
    );
  const maxCost = parseMaxCost(flags.maxCost);
  return {
    configs: flags.config,
    dataset: path.resolve(cwd, flags.dataset),
    baselines: parseBaselines(flags.baselines),
    concurrency: positiveInt('--concurrency', flags.concurrency, 4)!,
    provider_limits: parseProviderLimits(flags.providerLimit),
    ...(flags.limit !== undefined ? { limit: positiveInt('--limit', flags.limit) } : {}),
    ...(flags.scoring ? { scoring: flags.scoring as ScorerName } : {}),
    cache: flags.cache === true,
    ...(maxCost !== undefined ? { max_cost_usd: maxCost } : {}),
    ...(flags.judge ? { judge: flags.judge } : {}),
    ...(flags.rubric !== undefined ? { rubric: rubricText(flags.rubric, cwd) } : {}),
    created: new Date().toISOString(),
  };
}
