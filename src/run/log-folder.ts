/** The log folder of one turn: a fresh `<logRoot>/log_<ts>/turn_<turn>/`, or a turn of a given run folder. */
import path from 'node:path';
import { createRunLogDir, createTurnLogDir } from '../events/log-dir.js';
import { logFolderError } from './log-folder-error.js';
import type { RunOptions } from './run-options.js';

/**
 * Creates the turn's folder; the run id is the run folder's name. A folder that cannot be created
 * (read-only, no permission, …) is a ConfigError naming it and the fix.
 */
export async function openLogDir(
  logRoot: string,
  where: RunOptions['logDir'],
): Promise<{ runId: string; runDir: string; logDir: string }> {
  const turn = where?.turn ?? 1;
  if (where?.runDir) {
    const runDir = path.resolve(where.runDir);
    try {
      return { runId: path.basename(runDir), runDir, logDir: await createTurnLogDir(runDir, { turn }) };
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
