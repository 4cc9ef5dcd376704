/**
 * Interactive multi-turn mode (`massgen` with no question): a prompt where each question is the
 * next turn of the session, with the earlier turns passed to the agents as conversation history.
 * Ctrl-C during a run cancels that run and returns to the prompt; at an empty prompt it quits.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path, { isAbsolute } from 'node:path';
import type { MassGenConfig } from '../config/schema.js';
import type { Conversation, TurnResult } from '../sessions/conversation.js';
import { terminalText } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';
import {
  configSummary,
  HELP_TEXT,
  type ParsedCommand,
  parseCommand,
  statusText,
} from './interactive-commands.js';
import { PromptInput } from './interactive-input.js';
import { reportError } from './report-error.js';
import type { ResolvedConfig } from './resolve-config.js';
import { formatSessionList } from './sessions-command.js';

/** A finished turn as {@link InteractiveOptions.ask} ran it. */
export interface AskedTurn extends TurnResult {
  /**
   * Shows the finished turn in the terminal UI again until the user leaves (live display only);
   * false when there was nothing to show.
   */
  browse?: () => Promise<boolean>;
}

/** What interactive mode needs from the command that starts it. */
export interface InteractiveOptions {
  resolved: ResolvedConfig;
  conversation: Conversation;
  /**
   * Runs one question as the conversation's next turn, printed the way a single run is printed (on
   * a terminal: the live UI, which reads the keys while the prompt is held).
   */
  ask(
    question: string,
    resolved: ResolvedConfig,
    signal: AbortSignal,
    /** Files given with this question (`--attach` for the first one, then `/attach`). */
    attach?: string[],
  ): Promise<AskedTurn>;
  /** `--attach` files: they go with the first question. */
  attach?: string[];
  /** Applies the command-line overrides (timeout, logs) to a config reloaded by `/config`. */
  applyOverrides(config: MassGenConfig): void;
  /** Prints a config's warnings. */
  printWarnings(resolved: ResolvedConfig): void;
}

export const PROMPT = 'massgen> ';

// What is said can quote a run's error, a config or a saved question: its control characters are shown.
const say = (text: string) => process.stdout.write(terminalText(text));
const warn = (text: string) => process.stderr.write(terminalText(text));

function banner(conversation: Conversation, resolved: ResolvedConfig): string {
  const ids = resolved.config.agents.map((a) => a.id).join(', ');
  const count = resolved.config.agents.length;
  const session = conversation.resumed
    ? `Resumed session ${conversation.sessionId} (${conversation.turns} earlier turn${conversation.turns === 1 ? '' : 's'}).`
    : `Session ${conversation.sessionId}.`;
  return (
    `MassGen-TS interactive mode: ${count} agent${count === 1 ? '' : 's'} (${ids}), config ${resolved.path}\n` +
    `${session} Type a question, or /help for the commands.\n`
  );
}

/** Why a turn was not saved. */
function notSaved(outcome: TurnResult['outcome']): string {
  if (outcome.status === 'interrupted') {
    const logs = outcome.logDir ? ` Logs: ${outcome.logDir}` : '';
    return `\nRun cancelled; this turn was not saved.${logs}\n`;
  }
  const why = outcome.error ? `: ${outcome.error}` : '';
  return `\nNo final answer (${outcome.status}${why}); this turn was not saved.\n`;
}

function shellQuote(path: string): string {
  return process.platform === 'win32' ? `"${path}"` : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** `/attach FILE`: queues a file for the next question (`/attach` alone lists them); returns the queue. */
function attachCommand(arg: string, pending: string[]): string[] {
  const file = arg.replace(/^(["'])(.*)\1$/, '$2');
  if (!file) {
    say(
      pending.length === 0
        ? 'No files for the next question. Usage: /attach FILE\n'
        : `Files for the next question: ${pending.join(', ')}\n`,
    );
    return pending;
  }
  const full = path.resolve(file);
  if (!existsSync(full) || !statSync(full).isFile()) {
    say(`No such file: ${full}\n`);
    return pending;
  }
  say(`Attached ${full} to the next question.\n`);
  return pending.includes(full) ? pending : [...pending, full];
}

/** Runs the prompt loop until /quit, EOF or Ctrl-C at the prompt; returns the exit code. */
export async function runInteractive(options: InteractiveOptions): Promise<number> {
  const { conversation } = options;
  let resolved = options.resolved;
  const input = new PromptInput(process.stdin, process.stdout, PROMPT);
  let running: AbortController | undefined;
  let terminated = false;
  /** Shows the last turn again (when it had the live UI). */
  let browseLast: (() => Promise<boolean>) | undefined;
  let viewHinted = false;
  /** Files for the next question (`--attach`, then `/attach FILE`). */
  let pending: string[] = [...(options.attach ?? [])];

  const onSigint = () => {
    if (!running) {
      input.interrupt();
      return;
    }
    if (running.signal.aborted) {
      warn('Quitting.\n');
      process.exit(EXIT.interrupted);
    }
    warn('\nCancelling this run: stopping agents and saving logs (Ctrl-C again to quit at once)…\n');
    running.abort(new Error('interrupted by user'));
  };
  const onSigterm = () => {
    terminated = true;
    running?.abort(new Error('terminated'));
    input.close();
  };

  const runTurn = async (question: string) => {
    say(`\n── Turn ${conversation.turns + 1} of session ${conversation.sessionId} ──\n`);
    const controller = new AbortController();
    running = controller;
    await input.hold();
    try {
      const attach = pending;
      pending = [];
      const { outcome, turn, saveError, browse } = await options.ask(
        question,
        resolved,
        controller.signal,
        attach,
      );
      browseLast = browse;
      if (outcome.logError) warn(`warning: some log files could not be written: ${outcome.logError}\n`);
      if (saveError) warn(`warning: this turn could not be saved to the session: ${saveError}\n`);
      if (turn !== undefined) say(`\nSaved as turn ${turn} of session ${conversation.sessionId}.\n`);
      else if (!saveError) say(notSaved(outcome));
      if (browse && !viewHinted) {
        viewHinted = true;
        say("Type /view to look at this turn's agents, full outputs and votes.\n");
      }
    } catch (error) {
      reportError(error);
    } finally {
      running = undefined;
      input.release();
    }
  };

  const editConfig = async () => {
    const editor = process.env.VISUAL || process.env.EDITOR;
    const file = resolved.path;
    if (!editor) return;
    if (!isAbsolute(file) || !existsSync(file)) {
      say(`The config is not a file (${file}); there is nothing to open.\n`);
      return;
    }
    await input.hold();
    try {
      const stdio = [input.tty ? 'inherit' : 'ignore', 'inherit', 'inherit'] as const;
      const result = spawnSync(`${editor} ${shellQuote(file)}`, { shell: true, stdio: [...stdio] });
      if (result.status !== 0) warn(`warning: the editor exited with ${result.status ?? result.signal}\n`);
    } finally {
      input.release();
    }
    try {
      const { loadConfigFile } = await import('../config/load.js');
      const loaded = await loadConfigFile(file, { cwd: process.cwd(), home: os.homedir() });
      options.applyOverrides(loaded.config);
      resolved = loaded;
      options.printWarnings(loaded);
      say(`Config reloaded from ${file}.\n`);
    } catch (error) {
      reportError(error);
      warn('Keeping the previous config.\n');
    }
  };

  /** `/view`: the last turn in the terminal UI, until the user leaves it; then the prompt. */
  const viewLast = async () => {
    if (!browseLast) {
      say(
        input.tty
          ? 'Nothing to view yet: /view shows the last turn once a question has run in the terminal UI.\n'
          : '/view needs a terminal (the questions come from a pipe here).\n',
      );
      return;
    }
    await input.hold();
    let shown = false;
    try {
      shown = await browseLast();
    } finally {
      input.release();
    }
    if (!shown) say('Nothing to view: the last turn ended before the terminal UI showed it.\n');
  };

  /** Returns true to quit. */
  const runSlash = async (command: ParsedCommand): Promise<boolean> => {
    switch (command.name) {
      case 'quit':
        return true;
      case 'help':
        say(HELP_TEXT);
        break;
      case 'reset':
        await conversation.reset();
        say(`Conversation cleared; new session ${conversation.sessionId}.\n`);
        break;
      case 'status':
        say(statusText(conversation, resolved.config, resolved.path));
        break;
      case 'config':
        say(configSummary(resolved.config, resolved.path));
        await editConfig();
        break;
      case 'view':
        await viewLast();
        break;
      case 'attach':
        pending = attachCommand(command.args, pending);
        break;
      case 'sessions':
        say(
          formatSessionList(await conversation.store.list(), conversation.store.root, conversation.sessionId),
        );
        break;
      default:
        say(`Unknown command ${command.word}. Type /help to see the commands.\n`);
    }
    return false;
  };

  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  say(banner(conversation, resolved));
  try {
    while (!terminated) {
      const event = await input.next();
      if (event.kind !== 'line') break;
      const text = event.text.trim();
      if (!text) continue;
      const command = parseCommand(text);
      if (!command) await runTurn(text);
      else if (await runSlash(command)) break;
    }
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    input.close();
    await conversation.close();
  }
  return terminated ? EXIT.interrupted : EXIT.ok;
}
