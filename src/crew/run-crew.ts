/**
 * Running a crew: its tasks in order, each as one MassGen run (see task-config.ts) that logs to its
 * own `turn_K/` of one run folder; a task gets the outputs of its context tasks; the last task's
 * output is the crew's answer. `crew.json` in the run folder records every task.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventListener } from '../events/channel.js';
import { runConfig } from '../run/run-config.js';
import type { RunOutcome } from '../run/run-options.js';
import { CrewIssues } from './issues.js';
import { type ContextOutput, checkPlaceholders, taskPrompt } from './prompts.js';
import { taskConfigs } from './task-config.js';
import type { CrewSpec, CrewTask } from './types.js';

/** Progress of a crew run, one call per task start and end. */
export type CrewProgress =
  | { type: 'task-start'; index: number; total: number; task: CrewTask; agents: string[] }
  | { type: 'task-end'; index: number; total: number; task: CrewTask; outcome: RunOutcome; output?: string };

export interface CrewRunOptions {
  /** The request, given to every task (and as the `{question}` input). */
  question?: string;
  /** `--input key=value` values, over the crew's own `inputs`. */
  inputs?: Readonly<Record<string, string>>;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Folder of the log folders; default `<cwd>/.massgen/massgen_logs`; `false`: no logs. */
  logRoot?: string | false;
  onProgress?: (progress: CrewProgress) => void;
  /** Every event of every task's run. */
  onEvent?: EventListener;
}

/** One task's record in the outcome and in crew.json. */
export interface CrewTaskRecord {
  name: string;
  agents: string[];
  status: RunOutcome['status'];
  output?: string;
  logDir?: string;
}

export interface CrewOutcome {
  status: RunOutcome['status'];
  /** The last task's output. */
  answer?: string;
  tasks: CrewTaskRecord[];
  /** The run folder holding each task's `turn_K/` and crew.json. */
  runDir?: string;
  error?: string;
}

/** The output a task's run produced, if any. */
function outputOf(outcome: RunOutcome): string | undefined {
  return outcome.finalAnswer ?? (outcome.winner ? outcome.answers[outcome.winner] : undefined);
}

/** Runs the crew's tasks in order. Throws ConfigError (before anything runs) for a missing input or a bad backend. */
export async function runCrew(crew: CrewSpec, options: CrewRunOptions = {}): Promise<CrewOutcome> {
  const inputs: Record<string, string> = {
    ...crew.inputs,
    ...(options.question !== undefined ? { question: options.question } : {}),
    ...options.inputs,
  };
  const issues = new CrewIssues();
  checkPlaceholders(crew, inputs, issues);
  issues.throwIfAny();
  const configs = taskConfigs(crew, inputs, issues);
  issues.throwIfAny();
  const usesQuestion = [...crew.tasks.flatMap((t) => [t.description, t.expectedOutput])].some((t) =>
    t.includes('{question}'),
  );
  const request = usesQuestion ? undefined : options.question;

  const outputs = new Map<string, string>();
  const records: CrewTaskRecord[] = [];
  let runDir: string | undefined;
  const total = crew.tasks.length;
  let status: RunOutcome['status'] = 'completed';
  let error: string | undefined;
  for (const [index, task] of crew.tasks.entries()) {
    const config = configs[index]!;
    const agents = config.agents.map((a) => a.id);
    options.onProgress?.({ type: 'task-start', index, total, task, agents });
    const names = task.context ?? crew.tasks.slice(0, index).map((t) => t.name);
    const context: ContextOutput[] = names.flatMap((n) =>
      outputs.has(n) ? [{ task: n, output: outputs.get(n)! }] : [],
    );
    const outcome = await runConfig(config, {
      question: taskPrompt(task, inputs, context, request),
      cwd: options.cwd,
      env: options.env,
      signal: options.signal,
      logRoot: options.logRoot,
      logDir: runDir ? { runDir, turn: index + 1 } : { turn: index + 1 },
      metadata: { crew: crew.dir, crew_task: task.name },
      onEvent: options.onEvent,
    });
    runDir ??= outcome.runDir;
    const output = outputOf(outcome);
    options.onProgress?.({ type: 'task-end', index, total, task, outcome, output });
    records.push({ name: task.name, agents, status: outcome.status, output, logDir: outcome.logDir });
    if (output === undefined || outcome.status !== 'completed') {
      status = outcome.status === 'completed' ? 'failed' : outcome.status;
      error = outcome.error ?? `task \`${task.name}\` gave no output`;
      break;
    }
    outputs.set(task.name, output);
  }
  const answer = status === 'completed' ? records.at(-1)?.output : undefined;
  if (runDir) await writeCrewRecord(runDir, crew, status, records, answer);
  return { status, answer, tasks: records, runDir, error };
}

/** `crew.json` (every task, its agents, status, output and log folder) and `crew_answer.txt`. */
async function writeCrewRecord(
  runDir: string,
  crew: CrewSpec,
  status: RunOutcome['status'],
  tasks: CrewTaskRecord[],
  answer: string | undefined,
): Promise<void> {
  await mkdir(runDir, { recursive: true });
  const record = {
    crew: crew.name,
    dir: crew.dir,
    form: crew.form,
    process: crew.process,
    status,
    tasks: tasks.map((t) => ({ ...t, logDir: t.logDir ? path.relative(runDir, t.logDir) : undefined })),
  };
  await writeFile(path.join(runDir, 'crew.json'), `${JSON.stringify(record, null, 2)}\n`);
  if (answer !== undefined) await writeFile(path.join(runDir, 'crew_answer.txt'), answer);
}
