/**
 * `massgen crew run DIR [question]`: a CrewAI crew folder run on MassGen agents, one task after the
 * other, with a progress line per task; the last task's output is printed (with `--automation`:
 * `TASK_START` / `TASK_END` lines, then `LOG_DIR`, `CREW_RECORD`, `ANSWER_FILE`).
 */
import path from 'node:path';
import { loadEnvFiles } from '../config/env.js';
import type { CrewProcess } from '../crew/types.js';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { terminalText } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';
import { reportError } from './report-error.js';

export interface CrewRunFlags {
  input?: string[];
  process?: string;
  managerLlm?: string;
  automation?: boolean;
  logs?: boolean;
}

const out = (text: string) => process.stdout.write(terminalText(text));
const err = (text: string) => process.stderr.write(terminalText(text));

/** `--input key=value` values as a mapping. */
export function parseInputs(values: readonly string[] = []): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) {
      throw new ConfigError(`--input must be written key=value, got ${JSON.stringify(value)}`, [
        {
          file: 'command line',
          path: '--input',
          message: `not key=value: ${JSON.stringify(value)}`,
          suggestion: 'write `--input topic="AI agents"`',
        },
      ]);
    }
    inputs[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return inputs;
}

function processFlag(value: string | undefined): CrewProcess | undefined {
  if (value === undefined || value === 'sequential' || value === 'hierarchical') return value;
  throw new ConfigError(`--process must be sequential or hierarchical, got ${JSON.stringify(value)}`);
}

export function printCrewWarnings(warnings: readonly ConfigIssue[]): void {
  for (const w of warnings) err(`warning: ${[w.file, w.path].filter(Boolean).join(': ')}: ${w.message}\n`);
}

/** Exit code of a crew run's status. */
function exitCode(status: string): number {
  if (status === 'completed') return EXIT.ok;
  if (status === 'timeout') return EXIT.timeout;
  if (status === 'interrupted') return EXIT.interrupted;
  return EXIT.error;
}

/** Runs the crew in `dir`; resolves with the exit code. */
export async function crewRunCommand(
  dir: string,
  question: string | undefined,
  flags: CrewRunFlags,
): Promise<number> {
  try {
    loadEnvFiles();
    const inputs = parseInputs(flags.input);
    const [{ loadCrew }, { runCrew }] = await Promise.all([
      import('../crew/load-crew.js'),
      import('../crew/run-crew.js'),
    ]);
    const { crew, warnings } = loadCrew(
      dir,
      { process: processFlag(flags.process), managerLlm: flags.managerLlm },
      process.env,
    );
    printCrewWarnings(warnings);
    return await runLoadedCrew(crew, question, inputs, flags, runCrew);
  } catch (error) {
    return reportError(error);
  }
}

/** Runs a loaded crew with progress output; shared by `crew run` and a config's `crew:`. */
export async function runLoadedCrew(
  crew: import('../crew/types.js').CrewSpec,
  question: string | undefined,
  inputs: Record<string, string>,
  flags: CrewRunFlags,
  runCrew: typeof import('../crew/run-crew.js').runCrew,
): Promise<number> {
  const automation = flags.automation === true;
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
    err('\nInterrupted: stopping the task and saving logs (Ctrl-C again to quit at once)…\n');
    interrupt.abort(new Error('interrupted by user'));
  };
  process.on('SIGINT', onSigint);
  try {
    const count = crew.tasks.length;
    if (!automation)
      err(`crew ${crew.name}: ${count} task${count === 1 ? '' : 's'}, ${crew.process} process\n`);
    const outcome = await runCrew(crew, {
      question,
      inputs,
      signal: interrupt.signal,
      logRoot: flags.logs === false ? false : undefined,
      onProgress: (p) => {
        const step = `${p.index + 1}/${p.total}`;
        if (p.type === 'task-start') {
          const who =
            crew.process === 'hierarchical'
              ? `manager ${p.agents[0]} with ${p.agents.slice(1).join(', ')}`
              : p.task.mode.kind === 'voting'
                ? `vote of ${p.agents.join(', ')}`
                : p.agents[0];
          if (automation) out(`TASK_START: ${step} ${p.task.name} ${p.agents.join(',')}\n`);
          else err(`▶ task ${step} ${p.task.name} (${who})\n`);
        } else if (automation)
          out(
            `TASK_END: ${step} ${p.task.name} ${p.outcome.status}${p.outcome.logDir ? ` ${p.outcome.logDir}` : ''}\n`,
          );
        else
          err(
            `${p.outcome.status === 'completed' ? '✔' : '✖'} task ${step} ${p.task.name}: ${p.outcome.status}${p.outcome.winner ? ` (answer by ${p.outcome.winner})` : ''}\n`,
          );
      },
    });
    if (automation) {
      if (outcome.runDir) {
        out(`LOG_DIR: ${outcome.runDir}\n`);
        out(`CREW_RECORD: ${path.join(outcome.runDir, 'crew.json')}\n`);
        if (outcome.answer !== undefined)
          out(`ANSWER_FILE: ${path.join(outcome.runDir, 'crew_answer.txt')}\n`);
      }
      out(`CREW_STATUS: ${outcome.status}\n`);
    } else if (outcome.answer !== undefined) out(`${outcome.answer}\n`);
    if (outcome.error) err(`error: ${outcome.error}\n`);
    return exitCode(outcome.status);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** A `crew` key anywhere in a YAML or JSON text (`crew:`, `"crew":`, `{crew: …}`). */
const CREW_KEY = /(?:^|[{,\s])["']?crew["']?\s*:/m;

/** The parsed config file `ref` when it runs a crew (`crew:`), else undefined (a problem reading it: undefined too). */
export async function peekCrewConfig(
  ref: string,
): Promise<{ file: string; raw: Record<string, unknown> } | undefined> {
  const [{ resolveConfigPath }, { formatForFile, parseConfigText }, { readTextFileSync }, { isCrewConfig }] =
    await Promise.all([
      import('../config/load.js'),
      import('../config/parse.js'),
      import('../config/read-text-file.js'),
      import('../crew/crew-config.js'),
    ]);
  try {
    const file = resolveConfigPath(ref);
    const format = formatForFile(file);
    if (format === undefined) return undefined;
    const text = readTextFileSync(file);
    // A run config is parsed once, by its loader: only a file with a `crew` key is parsed here.
    if (!CREW_KEY.test(text)) return undefined;
    const raw = await parseConfigText(text, file, format);
    return isCrewConfig(raw) ? { file, raw } : undefined;
  } catch {
    return undefined; // loading it as a run config reports the problem
  }
}

/** Runs the crew a config's `crew:` names. */
export async function crewConfigCommand(
  file: string,
  raw: Record<string, unknown>,
  question: string | undefined,
  flags: CrewRunFlags,
): Promise<number> {
  try {
    loadEnvFiles();
    const [{ readCrewConfig }, { loadCrew }, { runCrew }] = await Promise.all([
      import('../crew/crew-config.js'),
      import('../crew/load-crew.js'),
      import('../crew/run-crew.js'),
    ]);
    const { dir, overrides, inputs } = readCrewConfig(raw, file);
    if (question === undefined) {
      throw new ConfigError(
        `${file} runs a crew: give the request on the command line (massgen --config FILE "question")`,
      );
    }
    const { crew, warnings } = loadCrew(dir, overrides, process.env);
    printCrewWarnings(warnings);
    return await runLoadedCrew(crew, question, inputs, flags, runCrew);
  } catch (error) {
    return reportError(error);
  }
}
