/**
 * The default command: resolve a config and a session, run the question (or the interactive prompt
 * when there is none), print, exit with the right code.
 */
import path from 'node:path';
import { loadEnvFiles } from '../config/env.js';
import { checkEnvReferences } from '../config/env-references.js';
import { parseTimeoutFlag } from '../config/limits.js';
import type { MassGenConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import type { CoordinationEvent } from '../events/types.js';
import type { AskOptions, Conversation, TurnResult } from '../sessions/conversation.js';
import { terminalText } from '../ui/terminal-text.js';
import { applyBaseUrlOverride } from './base-url-override.js';
import { applyMaxCost } from './budget-flag.js';
import { EXIT } from './exit-codes.js';
import type { AskedTurn } from './interactive.js';
import { questionFiles } from './question-attachments.js';
import { reportError } from './report-error.js';
import type { ResolvedConfig } from './resolve-config.js';

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
  /** `--continue`: resume the latest session. */
  continue?: boolean;
  /** `--session-id ID`: resume that session. */
  sessionId?: string;
  /** `--list-sessions`. */
  listSessions?: boolean;
  /** `--approval-dir DIR`: the approval folder of every agent. */
  approvalDir?: string;
  /** `--max-cost USD`: the run's cost budget. */
  maxCost?: string;
  /** `--attach FILE` (repeatable): files every agent gets with the question. */
  attach?: string[];
  /** `--no-parse-at-references` sets it false: `@path` in the question is literal. */
  parseAtReferences?: boolean;
  /** `--transcription-model MODEL`: OpenAI's transcription model for attached audio. */
  transcriptionModel?: string;
}

// Warnings and errors can quote a provider, a tool or a config: their control characters are shown.
const out = (text: string) => process.stdout.write(terminalText(text));
const err = (text: string) => process.stderr.write(terminalText(text));

export async function runCommand(question: string | undefined, flags: RunFlags): Promise<number> {
  try {
    if (flags.validate) {
      const { validateCommand } = await import('./validate-command.js');
      return await validateCommand(flags.validate, flags.json === true);
    }
    if (flags.listExamples) return await listExamplesCommand();
    if (flags.listSessions) {
      const [{ listSessionsCommand }, { SessionStore }] = await Promise.all([
        import('./sessions-command.js'),
        import('../sessions/store.js'),
      ]);
      return await listSessionsCommand(SessionStore.inDirectory(), flags.json === true);
    }
    if (flags.config) {
      const { peekCrewConfig, crewConfigCommand } = await import('./crew-command.js');
      const crew = await peekCrewConfig(flags.config);
      if (crew) return await crewConfigCommand(crew.file, crew.raw, question, flags);
    }
    if (question !== undefined && !question.trim()) {
      throw new ConfigError('No question given. Usage: massgen [--config FILE] "your question"');
    }
    loadEnvFiles();
    const { startSession } = await import('./session-start.js');
    const start = await startSession(flags, process.env);
    if (!start) {
      const { SETUP_GUIDE } = await import('./default-config.js');
      err(SETUP_GUIDE);
      return EXIT.config;
    }
    const { resolved, conversation } = start;
    try {
      printWarnings(resolved);
      applyOverrides(resolved.config, flags);
      checkEnvReferences(resolved.raw, resolved.path, process.env);
      if (flags.approvalDir !== undefined) {
        // A folder that cannot be written stops the command before any run starts.
        const { checkApprovalFolder } = await import('../safety/approval/approval-folder.js');
        flags.approvalDir = path.resolve(flags.approvalDir);
        checkApprovalFolder(flags.approvalDir, { file: '--approval-dir', path: '' });
      }
      if (question === undefined) {
        const { runInteractive } = await import('./interactive.js');
        return await runInteractive({
          resolved,
          conversation,
          // On a terminal each turn gets the live UI; piped questions keep the plain printer.
          ask: (q, current, signal, attach) =>
            askQuestion(
              q,
              current,
              { ...flags, attach },
              conversation,
              signal,
              process.stdin.isTTY ? 'turn' : 'plain',
            ),
          attach: flags.attach,
          applyOverrides: (config) => applyOverrides(config, flags),
          printWarnings,
        });
      }
      return await runQuestion(question, resolved, flags, conversation);
    } finally {
      await conversation.close();
    }
  } catch (error) {
    return reportError(error);
  }
}

function printWarnings(resolved: ResolvedConfig): void {
  for (const w of resolved.warnings) {
    err(`warning: ${[w.file, w.path].filter(Boolean).join(': ')}: ${w.message}\n`);
  }
}

/**
 * Applies `--orchestrator-timeout`, `--no-logs`, `--max-cost` and `--base-url` (see
 * base-url-override.ts) to a config.
 */
function applyOverrides(config: MassGenConfig, flags: RunFlags): void {
  applyBaseUrlOverride(config, flags);
  if (flags.orchestratorTimeout !== undefined) {
    config.timeout_settings.orchestrator_timeout_seconds = parseTimeoutFlag(
      '--orchestrator-timeout',
      flags.orchestratorTimeout,
    );
  }
  if (flags.logs === false) config.ui.logging_enabled = false;
  applyMaxCost(config, flags.maxCost);
}

/** A single run: one question as the session's next turn, then exit. */
async function runQuestion(
  question: string,
  resolved: ResolvedConfig,
  flags: RunFlags,
  conversation: Conversation,
): Promise<number> {
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
    const { outcome, turn, saveError } = await askQuestion(
      question,
      resolved,
      flags,
      conversation,
      interrupt.signal,
      'run',
    );
    if (outcome.logError) err(`warning: some log files could not be written: ${outcome.logError}\n`);
    for (const problem of outcome.memoryErrors ?? []) err(`warning: ${problem}\n`);
    if (saveError) err(`warning: the run could not be saved as a session: ${saveError}\n`);
    if (turn !== undefined) {
      out(
        flags.automation
          ? `SESSION_ID: ${conversation.sessionId}\n`
          : `\nSaved as turn ${turn} of session ${conversation.sessionId} (continue it with: massgen --continue).\n`,
      );
    }
    if (outcome.status === 'interrupted') return EXIT.interrupted;
    if (outcome.finalAnswer !== undefined) return EXIT.ok;
    return outcome.status === 'timeout' ? EXIT.timeout : EXIT.error;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/** Runs one question as the conversation's next turn, printed through the display `flags` choose. */
async function askQuestion(
  question: string,
  resolved: ResolvedConfig,
  flags: RunFlags,
  conversation: Conversation,
  signal: AbortSignal,
  /**
   * `run` (a single run) and `turn` (of interactive mode, whose prompt is held meanwhile) may use the
   * live terminal UI when the terminal and the config allow it; `plain` never does.
   */
  display: 'run' | 'turn' | 'plain',
): Promise<AskedTurn> {
  // `@path` references and `--attach`: a path that does not exist stops the turn before any display.
  const files = await questionFiles(question, { ...flags, cwd: process.cwd() }, resolved.config);
  const transcriptionModel = flags.transcriptionModel
    ? await (await import('../media/transcription-model.js')).openAITranscriptionModel(
        flags.transcriptionModel,
        process.env,
      )
    : undefined;
  // The live UI reads keys itself: its q / Ctrl-C interrupts the run like SIGINT does.
  const stop = new AbortController();
  let quits = 0;
  const onInterrupt = () => {
    if (++quits > 1) process.exit(EXIT.interrupted);
    stop.abort(new Error('interrupted by user'));
  };
  const tui =
    display !== 'plain' &&
    !flags.automation &&
    (await import('../ui/display-choice.js')).wantsLiveUi({
      ...flags,
      displayType: resolved.config.ui.display_type,
      stdout: process.stdout,
      env: process.env,
    });
  const printer = await makePrinter(
    flags,
    tui ? { onInterrupt, interactive: display === 'turn' } : undefined,
  );
  let result: TurnResult;
  try {
    result = await conversation.ask(resolved.config, files.question, {
      attachments: files.attachments,
      transcriptionModel,
      signal: AbortSignal.any([signal, stop.signal]),
      metadata: { config_path: resolved.path, config: resolved.raw, cli_args: process.argv.slice(2) },
      onEvent: (event) => printer.onEvent(event),
      onLogDir: (dir) => printer.setLogDir(dir),
      // Only the live UI can ask the user; elsewhere MCP elicitations are declined.
      onElicitation: printer.elicit,
      // The approval folder answers first; else the live UI's modal (it needs keys), else nobody:
      // each agent's automation_default decides.
      approvalDir: flags.approvalDir,
      onApproval: process.stdin.isTTY ? printer.approve : undefined,
    });
  } finally {
    // The live UI ends with the run, leaving the final answer and the summary in the scrollback.
    await printer.close?.();
  }
  await printer.summarize?.(result.outcome);
  return printer.browse ? { ...result, browse: printer.browse } : result;
}

interface Printer {
  onEvent(event: CoordinationEvent): void;
  setLogDir(dir: string): void;
  /** Ends the display after the run. */
  close?(): Promise<void>;
  /** Prints the run's tokens and cost after it (the printers; the live UI has its own summary). */
  summarize?(outcome: TurnResult['outcome']): Promise<void>;
  /** Shows the finished run again (the live UI). */
  browse?(): Promise<boolean>;
  /** Asks the user an MCP server's elicitation (the live UI only). */
  elicit?: NonNullable<AskOptions['onElicitation']>;
  /** Asks the user to approve a tool call (the live UI only). */
  approve?: NonNullable<AskOptions['onApproval']>;
}

/** The display of a run; `live` (the terminal UI's options) when the terminal UI shows it. */
async function makePrinter(
  flags: RunFlags,
  live?: { onInterrupt: () => void; interactive: boolean },
): Promise<Printer> {
  if (live && !flags.automation) {
    const { createLazyTui } = await import('../ui/tui/lazy-tui.js');
    const tui = createLazyTui(live);
    return {
      onEvent: tui.onEvent,
      setLogDir: tui.setLogDir,
      close: () => tui.close(),
      browse: tui.browse,
      elicit: (request) => tui.elicit(request),
      approve: (request) => tui.approve(request),
    };
  }
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
        // Scripts read stdout; what they must know about the machine's safety goes to stderr.
        if (event.type === 'notice' && event.security) err(`warning: ${event.message}\n`);
      },
      summarize: async (outcome) => {
        const { automationUsageLines } = await import('../ui/usage-summary.js');
        for (const line of automationUsageLines(outcome.usage)) out(`${line}\n`);
      },
    };
  }
  const { plainPrinter } = await import('../ui/plain-printer.js');
  const handle = plainPrinter({ reasoning: flags.reasoning });
  return {
    setLogDir: () => {},
    onEvent: handle,
    summarize: async (outcome) => {
      const { plainUsageLines } = await import('../ui/usage-summary.js');
      for (const line of plainUsageLines(outcome.usage)) out(`${line}\n`);
    },
  };
}

async function listExamplesCommand(): Promise<number> {
  const { listExamples } = await import('../config/examples.js');
  for (const name of listExamples()) out(`@examples/${name}\n`);
  return EXIT.ok;
}
