/** The default command: resolve a config, run the question, print, exit with the right code. */
import os from 'node:os';
import { loadEnvFiles } from '../config/env.js';
import type { ValidationResult } from '../config/validate.js';
import { ConfigError } from '../errors.js';
import type { CoordinationEvent } from '../events/types.js';
import { EXIT } from './exit-codes.js';
import { reportError } from './report-error.js';
import { type ResolvedConfig, resolveConfig } from './resolve-config.js';

export interface RunFlags {
  config?: string;
  backend?: string;
  model?: string;
  baseUrl?: string;
  systemMessage?: string;
  automation?: boolean;
  logs?: boolean;
  orchestratorTimeout?: string;
  validate?: string;
  json?: boolean;
  listExamples?: boolean;
  reasoning?: boolean;
}

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

export async function runCommand(question: string | undefined, flags: RunFlags): Promise<number> {
  try {
    if (flags.validate) return await validateCommand(flags.validate, flags.json === true);
    if (flags.listExamples) return await listExamplesCommand();
    loadEnvFiles();
    const resolved = await resolveConfig(flags, process.env);
    if (!resolved) {
      const { SETUP_GUIDE } = await import('./default-config.js');
      err(SETUP_GUIDE);
      return EXIT.config;
    }
    printWarnings(resolved);
    if (!question?.trim()) {
      throw new ConfigError('No question given. Usage: massgen [--config FILE] "your question"');
    }
    return await runQuestion(question, resolved, flags);
  } catch (error) {
    return reportError(error);
  }
}

function printWarnings(resolved: ResolvedConfig): void {
  for (const w of resolved.warnings) {
    err(`warning: ${[w.file, w.path].filter(Boolean).join(': ')}: ${w.message}\n`);
  }
}

async function runQuestion(question: string, resolved: ResolvedConfig, flags: RunFlags): Promise<number> {
  const { config } = resolved;
  if (flags.orchestratorTimeout !== undefined) {
    const seconds = Number(flags.orchestratorTimeout);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new ConfigError(
        `--orchestrator-timeout must be a positive number of seconds, got "${flags.orchestratorTimeout}".`,
      );
    }
    config.timeout_settings.orchestrator_timeout_seconds = seconds;
  }
  if (flags.logs === false) config.ui.logging_enabled = false;

  const { runConfig } = await import('../run.js');
  const printer = await makePrinter(flags);
  const interrupt = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    err('\nInterrupted: stopping agents and saving logs (Ctrl-C again to quit at once)…\n');
    interrupt.abort(new Error('interrupted by user'));
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const outcome = await runConfig(config, {
      question,
      signal: interrupt.signal,
      metadata: { config_path: resolved.path, config: resolved.raw, cli_args: process.argv.slice(2) },
      onEvent: (event) => printer.onEvent(event),
      onLogDir: (dir) => printer.setLogDir(dir),
    });
    if (outcome.logError) err(`warning: some log files could not be written: ${outcome.logError}\n`);
    if (outcome.status === 'interrupted') return EXIT.interrupted;
    if (outcome.finalAnswer !== undefined) return EXIT.ok;
    return outcome.status === 'timeout' ? EXIT.timeout : EXIT.error;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

interface Printer {
  onEvent(event: CoordinationEvent): void;
  setLogDir(dir: string): void;
}

async function makePrinter(flags: RunFlags): Promise<Printer> {
  if (flags.automation) {
    const { automationPrinter } = await import('../ui/automation-printer.js');
    let handle: ((e: CoordinationEvent) => void) | undefined;
    let logDir: string | undefined;
    return {
      setLogDir: (dir) => {
        logDir = dir;
      },
      onEvent: (event) => {
        handle ??= automationPrinter({ logDir });
        handle(event);
      },
    };
  }
  const { plainPrinter } = await import('../ui/plain-printer.js');
  const handle = plainPrinter({ reasoning: flags.reasoning });
  return { setLogDir: () => {}, onEvent: handle };
}

async function validateCommand(file: string, json: boolean): Promise<number> {
  const { loadConfigFile } = await import('../config/load.js');
  const { formatIssuesJson, formatIssuesText } = await import('../config/format.js');
  let result: ValidationResult;
  try {
    const loaded = await loadConfigFile(file, { cwd: process.cwd(), home: os.homedir() });
    result = { valid: true, errors: [], warnings: loaded.warnings, config: loaded.config };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const errors = error.issues.length > 0 ? error.issues : [{ file, path: '', message: error.message }];
    result = { valid: false, errors, warnings: [] };
  }
  out(json ? `${JSON.stringify(formatIssuesJson(result), null, 2)}\n` : formatIssuesText(result));
  return result.valid ? EXIT.ok : EXIT.config;
}

async function listExamplesCommand(): Promise<number> {
  const { listExamples } = await import('../config/examples.js');
  for (const name of listExamples()) out(`@examples/${name}\n`);
  return EXIT.ok;
}
