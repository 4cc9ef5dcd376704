/**
 * `massgen eval` and `massgen eval compare`: settings from the command line (or read back from the
 * folder with `--resume`), every input checked before anything runs, the runs, then `summary.json`,
 * `report.html` and the table.
 */
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
import { type EvalFlags, freshSettings, resumedSettings } from './flags.js';
import { Progress } from './progress.js';
import { configCommit, massgenCommit } from './provenance.js';
import { reportHtml } from './report-html.js';
import { readResults } from './results-file.js';
import { RESULTS_FILE, runEval } from './runner.js';
import { type EvalSettings, readSettings, SETTINGS_FILE, writeSettings } from './settings.js';
import type { EvalSummary } from './summary.js';
import { systemNames } from './systems.js';
import { summaryTable } from './table.js';

/** Exit codes (as src/cli/exit-codes.ts). */
const EXIT_OK = 0;
const EXIT_INTERRUPTED = 4;

export type { EvalFlags };

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
  const taskIds = new Set(tasks.map((t) => t.id));
  const already = readResults(path.join(dir, RESULTS_FILE)).filter(
    (l) => taskIds.has(l.task) && order.includes(l.system),
  );
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
