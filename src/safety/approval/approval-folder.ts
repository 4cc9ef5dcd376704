/**
 * The approval folder is checked before a run starts: it is created when missing, and a file must
 * be writable in it. A folder that cannot be used is a ConfigError naming it and where it was set.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorText } from '../../error-text.js';
import { ConfigError } from '../../errors.js';

/** Where an approval folder was set, for the message: a flag, or a config file and key path. */
export interface ApprovalFolderSource {
  /** `--approval-dir`, or the config file. */
  file: string;
  /** The key path in the file (`agents[0].backend.permissions.approval_dir`); empty for a flag. */
  path: string;
}

/** Makes sure `dir` exists and can be written; throws a ConfigError otherwise. */
export function checkApprovalFolder(dir: string, source: ApprovalFolderSource): void {
  const probe = path.join(dir, `.massgen-write-check-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    const where = source.path ? `${source.file}: ${source.path}` : source.file;
    throw new ConfigError(`the approval folder ${dir} cannot be written (set by ${where})`, [
      {
        file: source.file,
        path: source.path,
        message: errorText(error),
        suggestion: 'choose a folder this user can create files in',
      },
    ]);
  }
}
