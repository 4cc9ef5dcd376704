/**
 * Scoring a config on the held-out split through the evaluation runner: one MassGen run of the
 * config per task (system `massgen`, no baselines), in an evaluation folder of its own that
 * `massgen eval compare` reads (eval.json, tasks.jsonl, results.jsonl, summary.json).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { Progress } from '../eval/progress.js';
import { RESULTS_FILE, runEval } from '../eval/runner.js';
import { type EvalSettings, writeSettings } from '../eval/settings.js';
import type { EvalSummary, SystemSummary } from '../eval/summary.js';
import type { EvalTask, ScorerName } from '../eval/task.js';
import { writeFileAtomic } from '../events/atomic-write.js';

/** What scoring one config needs. */
export interface HeldOutRun {
  /** The evaluation folder (emptied first). */
  dir: string;
  source: LoadedConfig;
  tasks: EvalTask[];
  dataset: string;
  metric: ScorerName;
  concurrency: number;
  /** Stop scheduling once this much is spent (the budget left). */
  maxCostUsd?: number;
  cwd: string;
  signal: AbortSignal;
}

/** The score of a config on the held-out split. */
export interface HeldOutScore {
  /** The `massgen` system's figures. */
  system: SystemSummary;
  /** Tasks scored correct. */
  correct: number;
  summary: EvalSummary;
  dir: string;
}

/** Runs the config on every held-out task and summarises it. Progress lines go to stderr. */
export async function scoreHeldOut(run: HeldOutRun): Promise<HeldOutScore> {
  for (const name of [RESULTS_FILE, 'summary.json', 'logs'])
    rmSync(path.join(run.dir, name), { recursive: true, force: true });
  mkdirSync(run.dir, { recursive: true });
  const settings: EvalSettings = {
    configs: [run.source.path],
    dataset: run.dataset,
    baselines: [],
    concurrency: run.concurrency,
    provider_limits: {},
    scoring: run.metric,
    cache: false,
    ...(run.maxCostUsd !== undefined && Number.isFinite(run.maxCostUsd)
      ? { max_cost_usd: run.maxCostUsd }
      : {}),
    created: new Date().toISOString(),
  };
  writeSettings(run.dir, settings, run.tasks);
  const progress = new Progress(
    run.tasks.length,
    [],
    ['massgen'],
    (t) => process.stderr.write(t),
    process.stderr.isTTY === true,
  );
  let result: Awaited<ReturnType<typeof runEval>>;
  try {
    result = await runEval({
      dir: run.dir,
      settings,
      tasks: run.tasks,
      sources: [run.source],
      cwd: run.cwd,
      signal: run.signal,
      onResult: (line, ran) => progress.add(line, ran),
    });
  } finally {
    progress.finish();
  }
  await writeFileAtomic(path.join(run.dir, 'summary.json'), `${JSON.stringify(result.summary, null, 2)}\n`);
  const system = result.summary.systems[0]!;
  const correct = result.lines.reduce((sum, l) => sum + l.score, 0);
  return { system, correct, summary: result.summary, dir: run.dir };
}
