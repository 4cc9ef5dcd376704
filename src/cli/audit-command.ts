/**
 * `massgen audit verify | show`: the audit ledgers from the command line. `verify` checks a ledger's
 * hash chain and names the first bad line; `show` lists the recorded decisions.
 */
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { AuditRecord } from '../types/safety.js';
import { oneLine, preview, terminalJson, terminalLine } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';
import { reportError } from './report-error.js';

interface AuditFlags {
  json?: boolean;
  run?: string;
  user?: boolean;
}

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

/** Adds the `audit` command and its subcommands to the program. */
export function registerAuditCommand(program: Command): void {
  const audit = program
    .command('audit')
    .description('the audit log of tool calls: check its hash chain, list the decisions');
  const action =
    (fn: (target: string | undefined, flags: AuditFlags) => Promise<number>) =>
    async (target: string | undefined, _flags: AuditFlags, cmd: Command) => {
      try {
        // The program's own --json is parsed wherever it appears: read it with the command's.
        process.exitCode = await fn(target, cmd.optsWithGlobals<AuditFlags>());
      } catch (error) {
        process.exitCode = reportError(error);
      }
    };
  audit
    .command('verify')
    .description('check the hash chain of a ledger (default: the latest run’s audit.jsonl)')
    .argument('[file]', 'a ledger file, a log folder (turn_N/ or log_*/), or the user’s ledger folder')
    .option('--user', 'check the user’s ledger (~/.massgen/audit/, every month)')
    .action(action(verifyCommand));
  audit
    .command('show')
    .description('list the recorded decisions (default: the user’s ledger, ~/.massgen/audit/)')
    .argument('[file]', 'a ledger file, a log folder (turn_N/ or log_*/), or the user’s ledger folder')
    .option('--run <id>', 'only the decisions of this run (its log folder’s name, log_…)')
    .option('--json', 'print JSON')
    .action(action(showCommand));
}

/** The ledger files a command reads. */
async function ledgerFiles(target: string | undefined, user: boolean): Promise<string[]> {
  const audit = await import('../safety/audit/index.js');
  const homeDir = os.homedir();
  if (!user) return audit.locateLedgers(target, { cwd: process.cwd(), homeDir });
  const dir = audit.userLedgerDir(homeDir);
  const files = audit.monthFiles(dir);
  if (files.length === 0)
    throw new audit.AuditLedgerError(`no ledger in ${dir}: no decision was recorded yet`, dir);
  return files;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function verifyCommand(target: string | undefined, flags: AuditFlags): Promise<number> {
  if (flags.user && target !== undefined) {
    const { ConfigError } = await import('../errors.js');
    throw new ConfigError('give either a ledger FILE or --user, not both.');
  }
  const { RUN_LEDGER_FILE, verifyLedger } = await import('../safety/audit/index.js');
  let failed = false;
  for (const file of await ledgerFiles(target, flags.user === true)) {
    const report = await verifyLedger(file);
    if (report.broken) {
      failed = true;
      err(`${terminalLine(`FAILED: ${file}: line ${report.broken.line}: ${report.broken.reason}`)}\n`);
      continue;
    }
    const unsealed =
      path.basename(file) === RUN_LEDGER_FILE && !report.sealed
        ? '; not sealed: its run has not ended (or was killed), or lines were cut from its end'
        : '';
    out(`${terminalLine(`OK: ${plural(report.records, 'record')}, chain intact${unsealed} (${file})`)}\n`);
  }
  return failed ? EXIT.config : EXIT.ok;
}

/** One listed record: where it is and what it says. */
type Listed = { ledger: string; line: number } & AuditRecord;

async function showCommand(target: string | undefined, flags: AuditFlags): Promise<number> {
  const { isSealLine, monthFiles, userLedgerDir, verifyLedger } = await import('../safety/audit/index.js');
  const files =
    target === undefined ? monthFiles(userLedgerDir(os.homedir())) : await ledgerFiles(target, false);
  const listed: Listed[] = [];
  let broken = false;
  for (const file of files) {
    const report = await verifyLedger(file, ({ value }, line) => {
      if (isSealLine(value)) return;
      const { seq: _seq, prev: _prev, hash: _hash, ...record } = value;
      if (flags.run !== undefined && record.runId !== flags.run) return;
      listed.push({ ledger: file, line, ...(record as unknown as AuditRecord) });
    });
    if (report.broken) {
      broken = true;
      const { line, reason } = report.broken;
      err(
        `${terminalLine(`warning: ${file}: line ${line}: ${reason}; the records from there on are not shown (see massgen audit verify)`)}\n`,
      );
    }
  }
  if (flags.json) out(`${terminalJson(listed)}\n`);
  else if (listed.length === 0) {
    const where = files.length > 0 ? files.join(', ') : userLedgerDir(os.homedir());
    out(`${terminalLine(`No decisions recorded${flags.run ? ` for run ${flags.run}` : ''} (${where}).`)}\n`);
  } else out(renderTable(listed));
  return broken ? EXIT.config : EXIT.ok;
}

/** The columns of one record, each on one line with its controls shown. */
function row(r: Listed): string[] {
  const risk = r.risk ? `${r.risk.level}${r.risk.openWorld ? ', open-world' : ''}` : '?';
  const why = [
    r.rule !== undefined ? `rule ${r.rule}` : undefined,
    r.feedback !== undefined ? `feedback "${preview(String(r.feedback), 120)}"` : undefined,
  ].filter((part) => part !== undefined);
  return [
    String(r.at ?? '').replace(/\.\d+Z$/, 'Z'),
    String(r.agentId ?? ''),
    String(r.toolName ?? ''),
    risk,
    String(r.outcome ?? ''),
    String(r.decidedBy ?? ''),
    why.join('; '),
  ].map(oneLine);
}

const HEADER = ['TIME', 'AGENT', 'TOOL', 'RISK', 'OUTCOME', 'DECIDED BY', 'RULE / FEEDBACK'];

/** The records as a table, a `run <id>` line before each run's rows. */
function renderTable(records: Listed[]): string {
  const rows = records.map(row);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((cells) => cells[i]!.length)));
  const format = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  let text = `${format(HEADER)}\n`;
  let run: string | undefined;
  records.forEach((r, i) => {
    if (r.runId !== run) {
      run = r.runId;
      text += `run ${oneLine(String(run ?? '?'))}\n`;
    }
    text += `${format(rows[i]!)}\n`;
  });
  return `${text}${plural(records.length, 'decision')}\n`;
}
