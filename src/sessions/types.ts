/**
 * What a session stores on disk (`.massgen/sessions/<session_id>/`): `session.json` ({@link SessionInfo}),
 * and per completed turn `turn_N/answer.txt` and `turn_N/metadata.json` ({@link TurnMetadata}).
 * Field names are snake_case, as in MassGen's session files.
 */
import type { RunStatus } from '../events/types.js';

/** `session.json`: one session's summary; also one entry of `index.json`. */
export interface SessionInfo {
  session_id: string;
  /** ISO time the session's first turn was saved. */
  created: string;
  /** ISO time its last turn was saved. */
  updated: string;
  /** The config file the session ran with, or a description of where its config came from. */
  config_path: string | null;
  /** For configs that are not a file (quick setup, built from keys): the config itself, secrets redacted. */
  config?: unknown;
  /** Number of completed turns. */
  turns: number;
  /** The question of turn 1. */
  description: string;
  /** The run log folder (`…/massgen_logs/log_<ts>`) the session's turns log to; null without logs. */
  log_dir: string | null;
}

/** `turn_N/metadata.json`; its presence marks the turn as complete. */
export interface TurnMetadata {
  /** 1-based turn number within the session. */
  turn: number;
  /** ISO time the turn was saved. */
  timestamp: string;
  /** Real id of the agent whose answer was final; null if none was named. */
  winning_agent: string | null;
  /** The question of the turn. */
  task: string;
  session_id: string;
  /** The turn's log folder (`…/log_<ts>/turn_K`); null without logs. */
  log_dir: string | null;
  /** How the run ended (`completed`, or `timeout` when the deadline passed after some answer). */
  status: RunStatus;
}

/** A completed turn: its metadata and its final answer. */
export interface SessionTurn extends TurnMetadata {
  answer: string;
}

/** What {@link SessionStore.recordTurn} needs to save a completed turn. */
export interface TurnInput {
  task: string;
  answer: string;
  winningAgent?: string;
  status: RunStatus;
  /** The turn's log folder. */
  logDir?: string;
  /** The run log folder the session logs to. */
  runDir?: string;
  configPath?: string | null;
  /** Config to keep when it is not a file (already redacted). */
  config?: unknown;
  /** Default: now. */
  date?: Date;
}
