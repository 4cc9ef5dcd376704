/**
 * The runs recorded in the log folder (`<logRoot>/log_<ts>/turn_N/events.jsonl`), by the CLI or by
 * this server: listed and summarised from their events (a summary is kept until the file changes).
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { streamEventLog } from '../events/replay.js';
import { runIdOfTurnDir, turnDirOfRunId } from './run-id.js';
import { initialRunView, type RunDetail, reduceRunView } from './run-view.js';

const RUN_DIR = /^log_\d{8}_\d{6}_\d{6}$/;
const TURN_DIR = /^turn_(\d+)$/;

/** A recorded run, as its events tell it. */
export interface PastRun {
  id: string;
  turnDir: string;
  detail: RunDetail;
}

export class RunHistory {
  /** `<cwd>/.massgen/massgen_logs`. */
  readonly logRoot: string;
  private readonly cache = new Map<string, { stamp: string; detail: RunDetail }>();

  constructor(logRoot: string) {
    this.logRoot = logRoot;
  }

  /** The `events.jsonl` of a recorded run, or undefined when there is none of that id. */
  eventFile(id: string): string | undefined {
    const dir = turnDirOfRunId(this.logRoot, id);
    const file = dir && path.join(dir, 'events.jsonl');
    return file && existsSync(file) ? file : undefined;
  }

  /** A recorded run, or undefined. */
  async get(id: string): Promise<PastRun | undefined> {
    const file = this.eventFile(id);
    if (!file) return undefined;
    const detail = await this.read(id, file);
    return detail && { id, turnDir: path.dirname(file), detail };
  }

  /** Every recorded run, newest first. A recording that cannot be read is left out. */
  async list(): Promise<PastRun[]> {
    const runs: PastRun[] = [];
    for (const runDir of await dirsMatching(this.logRoot, RUN_DIR)) {
      const turns = await dirsMatching(path.join(this.logRoot, runDir), TURN_DIR);
      for (const turn of turns) {
        const turnDir = path.join(this.logRoot, runDir, turn);
        const file = path.join(turnDir, 'events.jsonl');
        if (!existsSync(file)) continue;
        const id = runIdOfTurnDir(turnDir);
        const detail = await this.read(id, file);
        if (detail) runs.push({ id, turnDir, detail });
      }
    }
    return runs.sort((a, b) => (a.detail.startedAt < b.detail.startedAt ? 1 : -1));
  }

  private async read(id: string, file: string): Promise<RunDetail | undefined> {
    let stamp: string;
    try {
      const s = await stat(file);
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      return undefined;
    }
    const cached = this.cache.get(file);
    if (cached?.stamp === stamp) return cached.detail;
    let state = initialRunView(id);
    try {
      for await (const event of streamEventLog(file)) state = reduceRunView(state, event);
    } catch {
      return undefined;
    }
    this.cache.set(file, { stamp, detail: state.detail });
    return state.detail;
  }
}

async function dirsMatching(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && pattern.test(e.name)).map((e) => e.name);
  } catch {
    return [];
  }
}
