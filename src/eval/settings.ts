/**
 * `DIR/eval.json` and `DIR/tasks.jsonl`: what an evaluation was asked to do, so `--resume DIR`
 * continues it with the same settings and the same tasks.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorText } from '../error-text.js';
import { ConfigError } from '../errors.js';
import type { EvalTask, ScorerName } from './task.js';

/** The baselines `--baselines` may name. */
export const BASELINES = ['single', 'majority', 'self-moa'] as const;
export type Baseline = (typeof BASELINES)[number];

/** The settings of an evaluation, as stored in `eval.json`. */
export interface EvalSettings {
  /** The config files, absolute. */
  configs: string[];
  /** The dataset file as given (its tasks are in `tasks.jsonl`). */
  dataset: string;
  baselines: Baseline[];
  concurrency: number;
  /** Concurrent requests per backend type (`--provider-limit openai=4`). */
  provider_limits: Record<string, number>;
  limit?: number;
  scoring?: ScorerName;
  cache: boolean;
  max_cost_usd?: number;
  /** The judge's config file, absolute, and the rubric text (scorer `judge`). */
  judge?: string;
  rubric?: string;
  created: string;
}

export const SETTINGS_FILE = 'eval.json';
export const TASKS_FILE = 'tasks.jsonl';

/** Writes the settings and the tasks into `dir`. */
export function writeSettings(dir: string, settings: EvalSettings, tasks: EvalTask[]): void {
  writeFileSync(path.join(dir, SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`);
  writeFileSync(path.join(dir, TASKS_FILE), tasks.map((t) => `${JSON.stringify(t)}\n`).join(''));
}

/** The settings and tasks of an evaluation folder. Throws a ConfigError when `dir` holds none. */
export function readSettings(dir: string): { settings: EvalSettings; tasks: EvalTask[] } {
  const file = path.join(dir, SETTINGS_FILE);
  if (!existsSync(file))
    throw new ConfigError(`--resume ${dir}: no evaluation there (${SETTINGS_FILE} is missing)`, [
      {
        file: dir,
        path: '',
        message: `no ${SETTINGS_FILE}`,
        suggestion: 'give the --out folder of an earlier `massgen eval`',
      },
    ]);
  try {
    const settings = JSON.parse(readFileSync(file, 'utf8')) as EvalSettings;
    const tasks = readFileSync(path.join(dir, TASKS_FILE), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as EvalTask);
    return { settings, tasks };
  } catch (error) {
    throw new ConfigError(`--resume ${dir}: the evaluation's files cannot be read: ${errorText(error)}`);
  }
}
