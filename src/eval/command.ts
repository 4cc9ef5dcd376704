/**
 * `massgen eval` and `massgen eval compare`: settings from the command line (or read back from the
 * folder with `--resume`), every input checked before anything runs, the runs, then `summary.json`,
 * `report.html` and the table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { type LoadedConfig, loadConfigFile } from '../config/load.js';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from '../events/atomic-write.js';
import { createRedactor } from '../events/redaction.js';
import { createRuntimes } from '../run/runtimes.js';
import { compareResults, comparisonText } from './compare.js';
import { loadDataset } from './dataset.js';
import { DatasetError, lineIssue } from './errors.js';
import { Progress } from './progress.js';
import { reportHtml } from './report-html.js';
import { readResults } from './results-file.js';
import { RESULTS_FILE, runEval } from './runner.js';
import {
  BASELINES,
  type Baseline,
  type EvalSettings,
  readSettings,
  SETTINGS_FILE,
  writeSettings,
} from './settings.js';
import type { EvalSummary } from './summary.js';
import { systemNames } from './systems.js';
import { summaryTable } from './table.js';
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

/** Exit codes (as src/cli/exit-codes.ts). */
const EXIT_OK = 0;
const EXIT_INTERRUPTED = 4;

const flagError = (flag: string, message: string, fix: string) =>
  new ConfigError(`${flag}: ${message}`, [{ file: 'command line', path: flag, message, suggestion: fix }]);

function positiveInt(flag: string, value: string | undefined, fallback?: number): number | undefined {
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
function resumedSettings(flags: EvalFlags, settings: EvalSettings): EvalSettings {
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
function freshSettings(flags: EvalFlags, cwd: string): EvalSettings {
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

/** `git <args>` in `dir`, or undefined when that fails (no git, not a repository). */
function git(dir: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** The folder of massgen's own package.json above this module. */
function packageRoot(): string | undefined {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name === pkg.name) return dir;
    } catch {
      // not here
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The commit of the massgen checkout this program runs from (not of a repository it is installed in). */
function massgenCommit(): string {
  const root = packageRoot();
  const top = root && git(root, ['rev-parse', '--show-toplevel']);
  const head = top && path.resolve(top) === path.resolve(root) ? git(root, ['rev-parse', 'HEAD']) : undefined;
  return head ?? 'unknown (not a git checkout)';
}

/** The commit (and whether the file has changes since) of the repository a config file is in. */
function configCommit(file: string): string | undefined {
  const dir = path.dirname(file);
  const head = git(dir, ['rev-parse', 'HEAD']);
  if (!head) return undefined;
  const changed = git(dir, ['status', '--porcelain', '--', path.basename(file)]);
  return changed ? `${head} (with uncommitted changes)` : head;
}

/** Writes `summary.json` and `report.html` and prints the table. */
async function writeOutputs(
  dir: string,
  settings: EvalSettings,
  sources: LoadedConfig[],
  result: Awaited<ReturnType<typeof runEval>>,
  tasks: Parameters<typeof reportHtml>[3],
): Promise<void> {
  const summaryFile = path.join(dir, 'summary.json');
  await writeFileAtomic(summaryFile, `${JSON.stringify(result.summary, null, 2)}\n`);
  const configs = sources.map((s) => ({
    path: s.path,
    commit: configCommit(s.path),
    text: createRedactor({ env: process.env, config: s.raw }).redactText(readFileSync(s.path, 'utf8')),
  }));
  const html = reportHtml(dir, result.summary, result.lines, tasks, settings, {
    configs,
    commit: massgenCommit(),
    version: pkg.version,
  });
  const reportFile = path.join(dir, 'report.html');
  await writeFileAtomic(reportFile, html);
  const out = process.stdout;
  out.write(`${summaryTable(result.summary.systems)}\n\n`);
  out.write(stopNote(result.summary, settings));
  if (result.cache) out.write(`CACHE: ${result.cache.hits} hits, ${result.cache.misses} misses\n`);
  out.write(`RESULTS: ${path.join(dir, RESULTS_FILE)}\nSUMMARY: ${summaryFile}\nREPORT: ${reportFile}\n`);
}

function stopNote(summary: EvalSummary, settings: EvalSettings): string {
  if (summary.stopped === 'budget')
    return `STOPPED: --max-cost $${settings.max_cost_usd} reached (spent $${summary.cost_usd.toFixed(4)}); finish it with --resume DIR --max-cost <more>\n`;
  if (summary.stopped === 'interrupted') return 'STOPPED: interrupted; resume with --resume to finish\n';
  return '';
}

/** Loads every config and checks that each can run (keys present) before anything runs. */
async function loadConfigs(files: string[], cwd: string): Promise<LoadedConfig[]> {
  const sources: LoadedConfig[] = [];
  for (const file of files) {
    const loaded = await loadConfigFile(file, { cwd, home: os.homedir() });
    await createRuntimes(loaded.config, process.env);
    sources.push(loaded);
  }
  return sources;
}

/** `massgen eval …`. Returns the exit code. */
export async function evalCommand(flags: EvalFlags): Promise<number> {
  const cwd = process.cwd();
  let dir: string;
  let settings: EvalSettings;
  let tasks: Awaited<ReturnType<typeof loadDataset>>;
  if (flags.resume) {
    dir = path.resolve(cwd, flags.resume);
    const stored = readSettings(dir);
    tasks = stored.tasks;
    settings = resumedSettings(flags, stored.settings);
  } else {
    settings = freshSettings(flags, cwd);
    const all = await loadDataset(settings.dataset, settings.scoring ? { scoring: settings.scoring } : {});
    tasks = settings.limit === undefined ? all : all.slice(0, settings.limit);
    dir = path.resolve(
      cwd,
      flags.out ?? path.join('.massgen', 'evals', `eval_${new Date().toISOString().replace(/[:.]/g, '-')}`),
    );
  }
  const sources = await loadConfigs(settings.configs, cwd);
  settings.configs = sources.map((s) => s.path);
  const judged = tasks.find((t) => t.scoring.name === 'judge');
  let judge: LoadedConfig | undefined;
  if (judged && !settings.judge)
    throw new DatasetError(`task "${judged.id}" is scored by a judge, but no judge was given`, [
      lineIssue(
        settings.dataset,
        judged.line,
        'scoring "judge" needs a judge model',
        'give --judge CONFIG (its first agent grades) and optionally --rubric',
      ),
    ]);
  if (judged && settings.judge) {
    [judge] = await loadConfigs([settings.judge], cwd);
    settings.judge = judge!.path;
  }
  if (!flags.resume) {
    if (existsSync(path.join(dir, SETTINGS_FILE))) {
      process.stderr.write(
        `eval: starting over in ${dir} (its earlier results are replaced; a response cache is kept)\n`,
      );
      for (const name of [RESULTS_FILE, 'summary.json', 'report.html', 'logs'])
        rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
  mkdirSync(dir, { recursive: true });
  writeSettings(dir, settings, tasks);

  const order = systemNames(sources, settings.baselines);
  const already = readResults(path.join(dir, RESULTS_FILE));
  const progress = new Progress(
    tasks.length * order.length,
    already,
    order,
    (t) => process.stderr.write(t),
    process.stderr.isTTY === true,
  );
  const stop = new AbortController();
  const onSignal = () => stop.abort(new Error('interrupted'));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: Awaited<ReturnType<typeof runEval>>;
  try {
    result = await runEval({
      dir,
      settings,
      tasks,
      sources,
      judge,
      cwd,
      signal: stop.signal,
      onResult: (line, ran) => progress.add(line, ran),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.finish();
  }
  await writeOutputs(dir, settings, sources, result, tasks);
  return result.summary.stopped === 'interrupted' ? EXIT_INTERRUPTED : EXIT_OK;
}

/** The systems and results of an evaluation folder. */
function readEvaluation(dir: string): { systems: string[]; lines: ReturnType<typeof readResults> } {
  const file = path.join(dir, 'summary.json');
  if (!existsSync(file))
    throw new ConfigError(`${dir} holds no finished evaluation (summary.json is missing)`, [
      {
        file: dir,
        path: '',
        message: 'no summary.json',
        suggestion: 'give the --out folder of a `massgen eval` (or finish it with --resume)',
      },
    ]);
  const summary = JSON.parse(readFileSync(file, 'utf8')) as EvalSummary;
  return { systems: summary.systems.map((s) => s.name), lines: readResults(path.join(dir, RESULTS_FILE)) };
}

/** `massgen eval compare DIR1 DIR2`. Returns the exit code. */
export async function compareCommand(
  first: string,
  second: string,
  flags: { json?: boolean },
): Promise<number> {
  const rows = compareResults(readEvaluation(path.resolve(first)), readEvaluation(path.resolve(second)));
  process.stdout.write(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : comparisonText(rows));
  return EXIT_OK;
}
