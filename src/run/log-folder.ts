/**
 * The log folder of one turn: a fresh `<logRoot>/log_<ts>/turn_<turn>/`, or, in a given run folder,
 * the first `turn_K/` (K ≥ turn) no other run has taken.
 */
import path from 'node:path';
import { claimTurnLogDir, createRunLogDir } from '../events/log-dir.js';
import { logFolderError } from './log-folder-error.js';
import type { RunOptions } from './run-options.js';

/**
 * Creates the turn's folder (each run gets its own); the run id is the run folder's name. A folder
 * that cannot be created (read-only, no permission, …) is a ConfigError naming it and the fix.
 */
export async function openLogDir(
  logRoot: string,
  where: RunOptions['logDir'],
): Promise<{ runId: string; runDir: string; logDir: string }> {
  const turn = where?.turn ?? 1;
  if (where?.runDir) {
    const runDir = path.resolve(where.runDir);
    try {
      const { turnDir } = await claimTurnLogDir(runDir, turn);
      return { runId: path.basename(runDir), runDir, logDir: turnDir };
    } catch (error) {
      throw logFolderError(error, runDir);
    }
  }
  try {
    const dirs = await createRunLogDir(logRoot, { turn });
    return { runId: dirs.runId, runDir: dirs.runDir, logDir: dirs.turnDir };
  } catch (error) {
    throw logFolderError(error, logRoot);
  }
}
