/**
 * `massgen optimize`: every input checked before anything runs; the dataset split into train and
 * held-out; the original config scored on the held-out split; each agent tuned on the train split;
 * the optimised config written (validated); the optimised config scored on the same held-out split;
 * the report (scores, tokens, cost, budget) on stdout and in `optimize.json`.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigFile } from '../config/load.js';
import { ConfigError } from '../errors.js';
import { loadDataset } from '../eval/dataset.js';
import { DatasetError } from '../eval/errors.js';
import { summaryTable } from '../eval/table.js';
import { SCORER_NAMES, type ScorerName } from '../eval/task.js';
import { writeFileAtomic } from '../events/atomic-write.js';
import { createRuntimes } from '../run/runtimes.js';
import { agentEndpoint } from './ax-service.js';
import { optimizedConfigText, writeValidatedConfig } from './config-writer.js';
import { type HeldOutScore, scoreHeldOut } from './held-out-score.js';
import { optimizeReport } from './report.js';
import { SpendMeter } from './spend.js';
import { splitTasks } from './split.js';
import { OPTIMIZERS, type OptimizerName, type TunedAgent, tuneAgent } from './tune-agent.js';

/** The flags of `massgen optimize`. */
export interface OptimizeFlags {
  config?: string;
  dataset?: string;
  metric?: string;
  budget?: string;
  out?: string;
  split?: string;
  optimizer?: string;
  seed?: string;
  dir?: string;
  maxDemos?: string;
  concurrency?: string;
}

/** The metrics `--metric` takes: the evaluation's scorers that need no model. */
export const METRICS = SCORER_NAMES.filter((n) => n !== 'judge');

const EXIT_OK = 0;
const EXIT_INTERRUPTED = 4;

const flagError = (flag: string, message: string, fix: string) =>
  new ConfigError(`${flag}: ${message}`, [{ file: 'command line', path: flag, message, suggestion: fix }]);

function numberFlag(flag: string, value: string | undefined, ok: (n: number) => boolean, fix: string) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !ok(n)) throw flagError(flag, `cannot use "${value}"`, fix);
  return n;
}

/** The checked settings of an optimisation. */
interface Settings {
  config: string;
  dataset: string;
  metric: ScorerName;
  budget?: number;
  heldOut: number;
  optimizer: OptimizerName;
  seed: number;
  maxDemos: number;
  concurrency: number;
}

function settingsOf(flags: OptimizeFlags, cwd: string): Settings {
  if (!flags.config) throw flagError('--config', 'no config given', 'give --config FILE');
  if (!flags.dataset)
    throw flagError('--dataset', 'no dataset given', 'give --dataset tasks.jsonl (JSONL or CSV)');
  if (!flags.metric)
    throw flagError('--metric', 'no metric given', `give --metric with one of ${METRICS.join(', ')}`);
  if (!(METRICS as readonly string[]).includes(flags.metric))
    throw flagError('--metric', `unknown metric "${flags.metric}"`, `use one of ${METRICS.join(', ')}`);
  const optimizer = flags.optimizer ?? 'bootstrap';
  if (!(OPTIMIZERS as readonly string[]).includes(optimizer))
    throw flagError('--optimizer', `unknown optimizer "${optimizer}"`, `use one of ${OPTIMIZERS.join(', ')}`);
  const whole = (n: number) => Number.isInteger(n) && n >= 1;
  return {
    config: flags.config,
    dataset: path.resolve(cwd, flags.dataset),
    metric: flags.metric as ScorerName,
    budget: numberFlag(
      '--budget',
      flags.budget,
      (n) => Number.isFinite(n) && n > 0,
      'give a cost in USD above 0, e.g. --budget 2.50',
    ),
    heldOut:
      numberFlag(
        '--split',
        flags.split,
        (n) => n > 0 && n < 1,
        'give the held-out fraction between 0 and 1, e.g. --split 0.5',
      ) ?? 0.5,
    optimizer: optimizer as OptimizerName,
    seed:
      numberFlag(
        '--seed',
        flags.seed,
        (n) => Number.isInteger(n) && n >= 0,
        'give a whole number ≥ 0, e.g. --seed 7',
      ) ?? 1,
    maxDemos:
      numberFlag('--max-demos', flags.maxDemos, whole, 'give a whole number ≥ 1, e.g. --max-demos 4') ?? 4,
    concurrency:
      numberFlag(
        '--concurrency',
        flags.concurrency,
        whole,
        'give a whole number ≥ 1, e.g. --concurrency 4',
      ) ?? 4,
  };
}

const say = (text: string) => process.stderr.write(`optimize: ${text}\n`);

/** `massgen optimize …`. Returns the exit code. */
export async function optimizeCommand(flags: OptimizeFlags): Promise<number> {
  const cwd = process.cwd();
  const env = process.env;
  const settings = settingsOf(flags, cwd);
  const source = await loadConfigFile(settings.config, { cwd, home: os.homedir() });
  await createRuntimes(source.config, env);
  for (const [index, agent] of source.config.agents.entries())
    agentEndpoint(agent, env, { file: source.path, index });
  const tasks = await loadDataset(settings.dataset, { scoring: settings.metric });
  if (tasks.length < 2)
    throw new DatasetError(
      `${settings.dataset}: optimisation needs at least 2 tasks (one to train on, one to score), found ${tasks.length}`,
      [
        {
          file: settings.dataset,
          path: '',
          message: `${tasks.length} task(s)`,
          suggestion: 'add tasks to the dataset',
        },
      ],
    );
  const dir = path.resolve(
    cwd,
    flags.dir ??
      path.join('.massgen', 'optimize', `optimize_${new Date().toISOString().replace(/[:.]/g, '-')}`),
  );
  const out = path.resolve(cwd, flags.out ?? path.join(dir, 'optimized.yaml'));
  const split = splitTasks(tasks, settings.heldOut, settings.seed);
  say(
    `${tasks.length} tasks: ${split.train.length} to train on, ${split.heldOut.length} held out (seed ${settings.seed})`,
  );

  const meter = new SpendMeter(settings.budget);
  const stop = new AbortController();
  const onSignal = () => stop.abort(new Error('interrupted'));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const interrupted = () => {
    say('interrupted; nothing more is run (the evaluation folders keep what was scored)');
    return EXIT_INTERRUPTED;
  };
  try {
    const score = async (phase: 'before' | 'after', loaded: typeof source): Promise<HeldOutScore> => {
      say(
        `scoring the ${phase === 'before' ? 'original' : 'optimised'} config on ${split.heldOut.length} held-out tasks`,
      );
      const result = await scoreHeldOut({
        dir: path.join(dir, phase),
        source: loaded,
        tasks: split.heldOut,
        dataset: settings.dataset,
        metric: settings.metric,
        concurrency: settings.concurrency,
        maxCostUsd: meter.remainingUsd,
        cwd,
        signal: stop.signal,
      });
      meter.add(phase, result.system.totals.tokens, result.summary.cost_usd, result.system.tasks);
      return result;
    };

    const before = await score('before', source);
    if (stop.signal.aborted) return interrupted();
    const tuned: TunedAgent[] = [];
    for (const agent of source.config.agents) {
      if (meter.exhausted || stop.signal.aborted) break;
      say(`agent "${agent.id}": ${settings.optimizer} on ${split.train.length} train tasks`);
      const result = await tuneAgent({
        agent,
        train: split.train,
        optimizer: settings.optimizer,
        seed: settings.seed,
        maxDemos: settings.maxDemos,
        env,
        meter,
        signal: stop.signal,
      });
      say(
        `agent "${agent.id}": ${result.demonstrations.length} demonstrations, train score ${result.trainScore.toFixed(3)}${result.budgetReached ? ' (budget reached)' : ''}`,
      );
      tuned.push(result);
    }
    if (stop.signal.aborted) return interrupted();
    const messages = new Map(tuned.map((t) => [t.agentId, t.systemMessage]));
    const text = optimizedConfigText(source, readFileSync(source.path, 'utf8'), messages);
    const optimized = await writeValidatedConfig(out, text, { cwd, home: os.homedir() });
    say(`wrote ${out}`);
    const after = meter.exhausted ? undefined : await score('after', optimized);
    if (stop.signal.aborted) return interrupted();

    const report = optimizeReport({
      settings,
      split,
      before,
      after,
      tuned,
      agents: source.config.agents.map((a) => a.id!),
      meter,
      out,
      dir,
    });
    await writeFileAtomic(path.join(dir, 'optimize.json'), `${JSON.stringify(report.json, null, 2)}\n`);
    const rows = [
      { ...before.system, name: 'original' },
      ...(after ? [{ ...after.system, name: 'optimized' }] : []),
    ];
    process.stdout.write(
      `${summaryTable(rows)}\n\n${report.text}REPORT: ${path.join(dir, 'optimize.json')}\n`,
    );
    return EXIT_OK;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
