/**
 * The concurrent runner of an evaluation: every missing task × system run through `runConfig`
 * (at most `concurrency` at once, each provider under its own limit), each result appended to
 * `results.jsonl` as soon as it is scored; `majority` derived from the singles; `self-moa` once the
 * singles have shown which agent is best; scheduling stops at `--max-cost` or on interrupt.
 */
import path from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { errorText } from '../error-text.js';
import { createRedactor } from '../events/redaction.js';
import { runConfig } from '../run/run-config.js';
import type { RunOutcome } from '../run/run-options.js';
import { judgeAnswer } from './judge.js';
import { ProviderLimits } from './limiter.js';
import { evalModelWrapper } from './model-wrappers.js';
import { ResponseCache } from './response-cache.js';
import { type ResultLine, resultKey, resultSpend } from './result-line.js';
import { appendResult, readResults } from './results-file.js';
import { scoreText } from './scorers.js';
import type { EvalSettings } from './settings.js';
import type { EvalSummary } from './summary.js';
import { summarizeSystems } from './summary.js';
import {
  bestSingle,
  majorityAnswer,
  type RunSystem,
  runSystems,
  selfMoaConfig,
  systemNames,
} from './systems.js';
import type { EvalTask } from './task.js';

export const RESULTS_FILE = 'results.jsonl';

/** What {@link runEval} needs. */
export interface EvalRun {
  /** The evaluation folder (results, logs, cache). */
  dir: string;
  settings: EvalSettings;
  tasks: EvalTask[];
  /** The configs of `settings.configs`, loaded. */
  sources: LoadedConfig[];
  /** The judge's config, when a task is judged. */
  judge?: LoadedConfig;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Aborting it stops scheduling and interrupts the runs under way (their results are not kept). */
  signal?: AbortSignal;
  /** Hears of every result as it is written (`ran`: false for a derived `majority`). */
  onResult?: (line: ResultLine, ran: boolean) => void;
  /** The spend so far of every result, read back ones included (for `--max-cost`). */
  spent?: () => number;
}

/** What an evaluation gave. */
export interface EvalRunResult {
  summary: EvalSummary;
  lines: ResultLine[];
  /** Every system name, in report order. */
  systems: string[];
  cache?: { hits: number; misses: number };
}

/** A file-name-safe form of a task id or system name. */
export const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || '-';

interface Job {
  task: EvalTask;
  system: RunSystem;
  /** Called once the job is over. */
  finished: () => void;
}

/** Runs what is missing of an evaluation and summarises all its results. */
export async function runEval(run: EvalRun): Promise<EvalRunResult> {
  const { dir, settings, tasks } = run;
  const file = path.join(dir, RESULTS_FILE);
  const order = systemNames(run.sources, settings.baselines);
  const taskIds = new Set(tasks.map((t) => t.id));
  const lines = readResults(file).filter((l) => taskIds.has(l.task) && order.includes(l.system));
  const done = new Map(lines.map((l) => [resultKey(l.task, l.system), l]));
  const cache = settings.cache ? new ResponseCache(path.join(dir, 'cache')) : undefined;
  const wrapModel = evalModelWrapper(new ProviderLimits(settings.provider_limits), cache);
  const systems = runSystems(run.sources, settings.baselines);
  const singles = systems.filter((s) => s.kind === 'single');
  let spentHere = 0;
  const spent = run.spent ?? (() => lines.reduce((s, l) => s + resultSpend(l), 0) + spentHere);
  let stopped: EvalSummary['stopped'];

  // Answers and errors can quote what a provider sent back: no secret of the env or configs is written.
  const redactor = createRedactor({
    env: run.env ?? process.env,
    config: [...run.sources, run.judge].map((s) => s?.raw),
  });
  const record = (given: ResultLine, ran: boolean) => {
    const line = redactor.redact(given);
    appendResult(file, line);
    lines.push(line);
    done.set(resultKey(line.task, line.system), line);
    run.onResult?.(line, ran);
  };

  /** Writes `majority` for a task once every single of it has a result. */
  const deriveMajority = (task: EvalTask) => {
    if (!settings.baselines.includes('majority') || done.has(resultKey(task.id, 'majority'))) return;
    const results = singles.map((s) => done.get(resultKey(task.id, s.name)));
    if (results.some((r) => r === undefined)) return;
    const given = results.map((r, i) => ({ agent: singles[i]!.agentId!, answer: r!.answer }));
    const pick = majorityAnswer(task.scoring, given);
    const pickedLine = pick ? results[given.indexOf(pick)]! : undefined;
    record(
      {
        task: task.id,
        system: 'majority',
        answer: pick?.answer ?? '',
        score: pickedLine?.score ?? 0,
        tokens: results.reduce((s, r) => s + r!.tokens, 0),
        cost_usd: results.reduce((s, r) => s + r!.cost_usd, 0),
        wall_s: Math.max(...results.map((r) => r!.wall_s)),
        log_dir: null,
        status: pick ? 'completed' : 'failed',
        ...(pick ? { winner: pick.agent } : { error: 'no single agent gave an answer' }),
        agents: given.map((g) => g.agent),
      },
      false,
    );
  };

  const runJob = async ({ task, system }: Job): Promise<void> => {
    const started = performance.now();
    let outcome: RunOutcome | undefined;
    let failure: string | undefined;
    try {
      outcome = await runConfig(system.source, {
        question: task.question,
        ...(task.history ? { history: task.history } : {}),
        cwd: run.cwd,
        env: run.env,
        signal: run.signal,
        logRoot: path.join(dir, 'logs'),
        logDir: { runDir: path.join(dir, 'logs', safeName(system.name), safeName(task.id)) },
        wrapModel,
        metadata: { config_path: system.source.path, eval: { dir, task: task.id, system: system.name } },
      });
    } catch (error) {
      failure = errorText(error);
    }
    const wall = (performance.now() - started) / 1000;
    if (run.signal?.aborted || outcome?.status === 'interrupted') {
      spentHere += outcome?.usage.total.costUsd ?? 0;
      return;
    }
    const answer = outcome?.finalAnswer ?? '';
    const usage = outcome?.usage.total;
    const line: ResultLine = {
      task: task.id,
      system: system.name,
      answer,
      score: 0,
      tokens: usage ? usage.inputTokens + usage.outputTokens : 0,
      cost_usd: Number((usage?.costUsd ?? 0).toFixed(8)),
      wall_s: Number(wall.toFixed(3)),
      log_dir: outcome?.logDir ?? null,
      status: outcome?.status ?? 'failed',
      ...(outcome?.winner ? { winner: outcome.winner } : {}),
      ...(usage?.unpricedCalls ? { unpriced_calls: usage.unpricedCalls } : {}),
      ...(failure || outcome?.error ? { error: failure ?? outcome?.error } : {}),
    };
    if (system.name === 'self-moa') line.agents = [system.agentId!];
    if (task.scoring.name === 'judge' && run.judge) {
      const grade = await judgeAnswer(run.judge, task, answer, settings.rubric ?? '', {
        cwd: run.cwd,
        env: run.env,
        signal: run.signal,
        logRoot: path.join(dir, 'logs'),
        logDir: { runDir: path.join(dir, 'logs', 'judge', safeName(system.name), safeName(task.id)) },
        wrapModel,
      });
      if (run.signal?.aborted) return;
      line.score = grade.score;
      line.judge_cost_usd = Number(grade.cost_usd.toFixed(8));
      if (grade.error) line.error = line.error ? `${line.error}; ${grade.error}` : grade.error;
    } else if (answer !== '') line.score = scoreText(task, answer);
    record(line, true);
    if (system.kind === 'single') deriveMajority(task);
  };

  const overBudget = () => {
    if (settings.max_cost_usd === undefined || spent() < settings.max_cost_usd) return false;
    stopped = 'budget';
    return true;
  };
  const halted = () => {
    if (run.signal?.aborted) stopped = 'interrupted';
    return stopped !== undefined || overBudget();
  };

  // Results that only need deriving (a run killed between a single's result and the majority's).
  for (const task of tasks) deriveMajority(task);

  /** The jobs handed out, until each is over. */
  const handedOut: Promise<void>[] = [];
  const job = (task: EvalTask, system: RunSystem): Job => {
    let finished!: () => void;
    handedOut.push(new Promise<void>((resolve) => (finished = resolve)));
    return { task, system, finished };
  };
  async function* jobs(): AsyncGenerator<Job> {
    for (const task of tasks) {
      for (const system of systems) {
        if (done.has(resultKey(task.id, system.name))) continue;
        if (halted()) return;
        yield job(task, system);
      }
    }
    if (!settings.baselines.includes('self-moa')) return;
    // The best single agent is known once every single has run.
    await Promise.all(handedOut);
    if (halted()) return;
    const earlier = lines.find((l) => l.system === 'self-moa' && l.agents?.[0]);
    const agentIds = singles.map((s) => s.agentId!);
    const best = earlier?.agents?.[0] ?? bestSingle(agentIds, lines);
    const system: RunSystem = {
      name: 'self-moa',
      kind: 'massgen',
      source: selfMoaConfig(run.sources[0]!, best),
      agentId: best,
    };
    for (const task of tasks) {
      if (done.has(resultKey(task.id, 'self-moa'))) continue;
      if (halted()) return;
      yield job(task, system);
    }
  }

  const queue = jobs();
  const worker = async () => {
    for (;;) {
      const next = await queue.next();
      if (next.done) return;
      try {
        await runJob(next.value);
      } finally {
        next.value.finished();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));

  const complete = order.every((name) => tasks.every((t) => done.has(resultKey(t.id, name))));
  const summary: EvalSummary = {
    systems: summarizeSystems(order, lines),
    tasks: tasks.length,
    complete,
    ...(complete || !stopped ? {} : { stopped }),
    cost_usd: Number(spent().toFixed(8)),
  };
  return { summary, lines, systems: order, ...(cache ? { cache: { ...cache.stats } } : {}) };
}
