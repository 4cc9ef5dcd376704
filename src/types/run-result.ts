/** What a finished run reports to its caller. */
import type { RunStatus } from '../events/types.js';

/** The outcome of one run (every run mode returns it; `run-end` carries the same facts). */
export interface RunResult {
  status: RunStatus;
  winner?: string;
  finalAnswer?: string;
  /** Latest answer of each agent that gave one. */
  answers: Record<string, string>;
  durationMs: number;
  error?: string;
}
