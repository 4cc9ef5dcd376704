/**
 * What a CLI agent's child process (Claude Code, Codex) gets of ours: a private scratch folder for
 * its config and session files, made on first use and removed at the end of the run, and only the
 * few environment variables a program needs to run — never the run's keys by accident.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The variables a CLI agent needs to run, passed through when set. */
const PASSED_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TERM', 'TMPDIR', 'SHELL', 'USER'];

/** The variables of `env` a CLI agent's process gets (add its key and settings to them). */
export function passedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const name of PASSED_ENV) {
    const value = env[name];
    if (value) passed[name] = value;
  }
  return passed;
}

/** One agent's scratch folder under the system temp folder. */
export class ScratchDir {
  private dir: string | undefined;

  /** @param prefix names the tool and agent in the folder name (`massgen-codex-agent_a-…`). */
  constructor(private readonly prefix: string) {}

  /** The folder, made on first use. */
  get path(): string {
    this.dir ??= mkdtempSync(path.join(os.tmpdir(), `${this.prefix.replace(/\W/g, '_')}-`));
    return this.dir;
  }

  /** Removes the folder (if it was made). */
  remove(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
