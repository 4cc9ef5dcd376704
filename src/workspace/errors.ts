/** Errors of agent workspaces: denied paths, bad context paths, failing file operations. */
import { ConfigError, MassGenError } from '../errors.js';

/** A file or command tool was asked to touch a path its rules do not allow. */
export class PathPermissionError extends MassGenError {
  constructor(
    readonly target: string,
    readonly access: 'read' | 'write',
    readonly rule: string,
  ) {
    super(`${access} access to ${target} denied: ${rule}`);
  }
}

/** A file tool failed (missing file, no match to edit, binary file, …). */
export class WorkspaceToolError extends MassGenError {}

/** A workspace key of the config cannot be used (e.g. a context path that does not exist). */
export class WorkspaceConfigError extends ConfigError {}
