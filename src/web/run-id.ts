/**
 * Run ids of the HTTP API, one per turn log folder: `log_<ts>` for `log_<ts>/turn_1/` and
 * `log_<ts>-turn_N` for a later turn of the same session. A run without a log folder keeps its
 * run id (`run_<ms>`).
 */
import path from 'node:path';

const ID = /^(log_\d{8}_\d{6}_\d{6})(?:-turn_(\d{1,9}))?$/;

/** The id of the run logged to `turnDir` (`<logRoot>/log_<ts>/turn_N`). */
export function runIdOfTurnDir(turnDir: string): string {
  const turn = /^turn_(\d+)$/.exec(path.basename(turnDir))?.[1];
  const run = path.basename(path.dirname(turnDir));
  return turn === undefined || Number(turn) === 1 ? run : `${run}-turn_${Number(turn)}`;
}

/** The turn folder an id names inside `logRoot`, or undefined when the id is not one of a log folder. */
export function turnDirOfRunId(logRoot: string, id: string): string | undefined {
  const match = ID.exec(id);
  if (!match) return undefined;
  return path.join(logRoot, match[1]!, `turn_${match[2] ? Number(match[2]) : 1}`);
}
