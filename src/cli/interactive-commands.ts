/**
 * The slash commands of interactive mode: parsing, help, and the texts of `/status` and `/config`.
 */
import type { MassGenConfig } from '../config/schema.js';
import type { Conversation } from '../sessions/conversation.js';

export type CommandName = 'help' | 'quit' | 'reset' | 'status' | 'config' | 'sessions' | 'view' | 'attach';

const ALIASES: Record<string, CommandName> = {
  help: 'help',
  h: 'help',
  quit: 'quit',
  exit: 'quit',
  q: 'quit',
  reset: 'reset',
  clear: 'reset',
  status: 'status',
  config: 'config',
  sessions: 'sessions',
  view: 'view',
  attach: 'attach',
};

/** A line that is a command: `name` is undefined for an unknown `/word`. */
export interface ParsedCommand {
  name: CommandName | undefined;
  /** The command word as typed, with its slash (e.g. `/foo`). */
  word: string;
  /** What follows the word, trimmed (e.g. the file of `/attach FILE`). */
  args: string;
}

/**
 * The command a line holds, or undefined for a question. A command is `/word` alone or followed by
 * spaces; the bare words `quit` and `exit` also quit. `/etc/hosts …` is a question, not a command.
 */
export function parseCommand(line: string): ParsedCommand | undefined {
  const text = line.trim();
  if (/^(quit|exit)$/i.test(text)) return { name: 'quit', word: text, args: '' };
  const match = /^\/([A-Za-z?]+)(?:\s|$)/.exec(text);
  if (!match?.[1]) return undefined;
  const word = match[1].toLowerCase();
  const args = text.slice(match[0].length).trim();
  return { name: word === '?' ? 'help' : ALIASES[word], word: `/${match[1]}`, args };
}

export const HELP_TEXT = `Type a question and press Enter; each question is a turn that sees the earlier ones.
Commands:
  /help, /h        this help
  /status          agents, turns, session id, config file and log folder
  /config          the config file and a summary (opens it in $VISUAL/$EDITOR when set, then reloads it)
  /sessions        the saved sessions (resume one later with massgen --session-id ID)
  /attach FILE     give the agents FILE with the next question (/attach alone: the files queued)
  /view            the last turn in the terminal UI again: agents, full outputs (Enter), votes (v); q back
  /reset, /clear   forget the conversation and start a new session
  /quit, /exit, /q quit (also Ctrl-D, or Ctrl-C at an empty prompt)
Ctrl-C during a run cancels that run (not saved) and returns to the prompt.
`;

/** The `/status` text. */
export function statusText(conversation: Conversation, config: MassGenConfig, configPath: string): string {
  const agents = config.agents.map((a) => `${a.id} (${a.backend.type}/${a.backend.model})`).join(', ');
  const turns = conversation.turns === 1 ? '1 turn' : `${conversation.turns} turns`;
  const logs = !config.ui.logging_enabled
    ? 'off'
    : (conversation.runDir ?? 'created with the first question');
  return [
    `Session: ${conversation.sessionId} (${turns}${conversation.resumed ? ', resumed' : ''})`,
    `Agents: ${agents}`,
    `Config: ${configPath}`,
    `Sessions folder: ${conversation.store.dirOf(conversation.sessionId)}`,
    `Log folder: ${logs}`,
    '',
  ].join('\n');
}

/** The `/config` text: where the config is and what it sets. */
export function configSummary(config: MassGenConfig, configPath: string): string {
  const o = config.orchestrator;
  const t = config.timeout_settings;
  const lines = [`Config: ${configPath}`, 'Agents:'];
  for (const a of config.agents) {
    const url = a.backend.base_url ? ` @ ${a.backend.base_url}` : '';
    lines.push(`  ${a.id}: ${a.backend.type} / ${a.backend.model}${url}`);
  }
  lines.push(
    `Orchestrator: voting_sensitivity ${o.voting_sensitivity}, answer_novelty_requirement ${o.answer_novelty_requirement}, ` +
      `max_new_answers_per_agent ${o.max_new_answers_per_agent ?? 'unlimited'}` +
      (o.skip_coordination_rounds ? ', skip_coordination_rounds' : ''),
    `Timeouts: run ${t.orchestrator_timeout_seconds} s, agent ${t.agent_timeout_seconds} s`,
    `Logging: ${config.ui.logging_enabled ? 'on' : 'off'}`,
    '',
  );
  return lines.join('\n');
}
