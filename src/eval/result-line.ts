/** One line of `results.jsonl`: one task answered by one system. */

/** The result of one task × system, as written to `results.jsonl`. */
export interface ResultLine {
  task: string;
  system: string;
  /** The system's final answer ('' when it gave none). */
  answer: string;
  /** 1 correct, 0 wrong; a judge may give a fraction. */
  score: number;
  /** Input + output tokens of every call of the system on this task. */
  tokens: number;
  cost_usd: number;
  wall_s: number;
  /** The run's log folder (turn folder); null for `majority`, which reuses the singles' runs. */
  log_dir: string | null;
  /** How the run ended (`completed`, `failed`, `timeout`, …). */
  status: string;
  /** The agent whose answer was presented. */
  winner?: string;
  /** The run's error, when it failed. */
  error?: string;
  /** `self-moa`: the agent sampled; `majority`: the agents whose answers were counted. */
  agents?: string[];
  /** Calls whose model has no known price: their cost is not in `cost_usd`. */
  unpriced_calls?: number;
  /** Cost of the judge's call, when the task is judged (not part of `cost_usd`). */
  judge_cost_usd?: number;
}

/** The key of a task × system. */
export const resultKey = (task: string, system: string) => `${task}\u0000${system}`;

/**
 * What a result cost the evaluation: its runs and its judge. `majority` reuses the singles' runs
 * (its `cost_usd` is theirs), so it adds nothing.
 */
export function resultSpend(line: ResultLine): number {
  return line.system === 'majority' ? 0 : line.cost_usd + (line.judge_cost_usd ?? 0);
}
