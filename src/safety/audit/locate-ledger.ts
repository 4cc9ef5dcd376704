/**
 * Which ledger files a command means: a file, a turn folder (its `audit.jsonl`), a run folder
 * `log_*` (its latest turn), a logs root (its latest run), or the user's ledger folder
 * (`~/.massgen/audit/`, every month's file); by default the latest run of the working directory.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AuditLedgerError } from './errors.js';
import { RUN_LEDGER_FILE, userLedgerDir } from './run-audit.js';

/** A month file of the user's ledger. */
const MONTH_FILE = /^\d{4}-\d{2}\.jsonl$/;
const TURN = /^turn_(\d+)$/;
const RUN = /^log_\d{8}_\d{6}_\d{6}$/;

/** The month files of the user's ledger folder `dir`, oldest first (none when it is missing). */
export function monthFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((name) => MONTH_FILE.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** The sub-folder matching `pattern` with the highest number (turn_N) or the latest name (log_<ts>). */
function latestChild(dir: string, pattern: RegExp): string | undefined {
  const key = (name: string) => {
    const m = TURN.exec(name);
    return m ? m[1]!.padStart(12, '0') : name;
  };
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && pattern.test(d.name))
    .map((d) => d.name)
    .sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const last = names.at(-1);
  return last === undefined ? undefined : path.join(dir, last);
}

/** The ledger files of `target` (relative to `cwd`); the latest run's when `target` is absent. */
export function locateLedgers(target: string | undefined, where: { cwd: string; homeDir: string }): string[] {
  const logsRoot = path.join(where.cwd, '.massgen', 'massgen_logs');
  const start = path.resolve(where.cwd, target ?? logsRoot);
  if (!existsSync(start)) {
    throw new AuditLedgerError(
      target === undefined
        ? `no runs in ${logsRoot}: give a ledger file, a log folder or the user's ledger (${userLedgerDir(where.homeDir)})`
        : `no such file or folder: ${start}`,
      start,
    );
  }
  if (!statSync(start).isDirectory()) return [start];
  const months = monthFiles(start);
  if (months.length > 0) return months;
  let dir = start;
  for (let depth = 0; depth < 3; depth++) {
    const file = path.join(dir, RUN_LEDGER_FILE);
    if (existsSync(file)) return [file];
    const next = latestChild(dir, TURN) ?? latestChild(dir, RUN);
    if (!next) break;
    dir = next;
  }
  const made = TURN.test(path.basename(dir)) ? ` (the run of ${dir} made no tool calls)` : '';
  throw new AuditLedgerError(
    `no ${RUN_LEDGER_FILE} in ${start}${made}: give a ledger file, a log folder (turn_N/ or log_*/) or the user's ledger (${userLedgerDir(where.homeDir)})`,
    start,
  );
}
