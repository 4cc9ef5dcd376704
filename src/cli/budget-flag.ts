/** `--max-cost <usd>`: the run's cost budget, beating the config's `budget.max_cost_usd`. */
import type { MassGenConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';

/** The US dollars `--max-cost` gives; a ConfigError for anything but a positive number. */
export function parseMaxCostFlag(value: string): number {
  const usd = Number(value.trim().replace(/^\$/, ''));
  if (value.trim() === '' || !Number.isFinite(usd) || usd <= 0) {
    throw new ConfigError(
      `--max-cost must be a positive number of US dollars (e.g. --max-cost 0.50), got "${value.slice(0, 40)}".`,
    );
  }
  return usd;
}

/** Sets `budget.max_cost_usd` from `--max-cost`, keeping the config's other limits. */
export function applyMaxCost(config: MassGenConfig, value: string | undefined): void {
  if (value === undefined) return;
  config.budget = { ...config.budget, max_cost_usd: parseMaxCostFlag(value) };
}
