/**
 * `massgen stats <log dir | events.jsonl | session id> [--json]`: calls, tokens, cost and time per
 * agent, per model and per phase of one run, or of every turn of a run folder or session. Each
 * `events.jsonl` is streamed, never read whole.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { streamEventLog } from '../events/replay.js';
import { type RunStats, StatsReader, type StatsRow } from '../events/run-stats.js';
import { usageCost } from '../events/usage-cost.js';
import { SessionStore } from '../sessions/store.js';
import { formatCost } from '../ui/cost.js';
import { terminalText } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';
import { reportError } from './report-error.js';

export interface StatsFlags {
  json?: boolean;
}

const EVENTS = 'events.jsonl';

/** The `events.jsonl` files a target names, in turn order. Throws a ConfigError naming the target. */
export async function statsSources(target: string, cwd = process.cwd()): Promise<string[]> {
  const start = path.resolve(cwd, target);
  if (existsSync(start)) return eventLogsIn(start, target);
  const session = await SessionStore.inDirectory(cwd).get(target);
  if (session) {
    if (!session.log_dir) {
      throw new ConfigError(
        `session ${target} has no log folder (it ran with logging off): no stats to show.`,
      );
    }
    return eventLogsIn(session.log_dir, target);
  }
  throw new ConfigError(
    `no log folder, ${EVENTS} or session named "${target}" (give a turn folder, a run folder log_*/, an ${EVENTS} file or a session id from --list-sessions).`,
  );
}

function eventLogsIn(start: string, target: string): string[] {
  if (!statSync(start).isDirectory()) return [start];
  const own = path.join(start, EVENTS);
  if (existsSync(own)) return [own];
  const turns = readdirSync(start, { withFileTypes: true })
    .map((d) => (d.isDirectory() ? /^turn_(\d+)$/.exec(d.name) : null))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => path.join(start, m[0], EVENTS))
    .filter((file) => existsSync(file));
  if (turns.length === 0) {
    throw new ConfigError(
      `${target}: no ${EVENTS} in it and no turn_N/ folders (give a turn folder, a run folder log_*/ or an ${EVENTS} file).`,
    );
  }
  return turns;
}

/** Reads every turn's events into one set of stats. */
export async function readStats(files: readonly string[]): Promise<RunStats> {
  const reader = new StatsReader(usageCost);
  for (const file of files) {
    reader.beginTurn(file);
    for await (const event of streamEventLog(file)) reader.read(event);
  }
  return reader.result();
}

export async function statsCommand(target: string, flags: StatsFlags): Promise<number> {
  try {
    const stats = await readStats(await statsSources(target));
    const text = flags.json ? `${JSON.stringify(stats, null, 2)}\n` : renderStats(stats);
    process.stdout.write(flags.json ? text : terminalText(text));
    return EXIT.ok;
  } catch (error) {
    return reportError(error);
  }
}

const HEADER = ['', 'calls', 'input', 'output', 'reasoning', 'cached', 'cost', 'time'];

function cells(name: string, row: StatsRow): string[] {
  const cost = `${formatCost(row.cost_usd)}${row.unpriced_calls > 0 ? '+' : ''}`;
  return [
    name,
    String(row.calls),
    String(row.input_tokens),
    String(row.output_tokens),
    String(row.reasoning_tokens),
    String(row.cached_tokens),
    cost,
    `${row.seconds.toFixed(1)}s`,
  ];
}

/** A table: the first column left-aligned, the others right-aligned. */
function table(title: string, rows: string[][]): string {
  const all = [[title, ...HEADER.slice(1)], ...rows];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}

/** The stats as text tables: per agent, per model, per phase (and per turn for several turns). */
export function renderStats(stats: RunStats): string {
  const t = stats.total;
  const turns = stats.turns.length;
  const lines = [
    `${turns} turn${turns === 1 ? '' : 's'} · ${t.calls} calls · ${t.input_tokens + t.output_tokens} tokens · ${formatCost(t.cost_usd)}${t.unpriced_calls > 0 ? ` (+ ${t.unpriced_calls} unpriced calls)` : ''} · ${t.wall_seconds.toFixed(1)}s wall`,
    '',
    table(
      'agent',
      Object.entries(stats.agents).map(([id, row]) => cells(`${id} (${row.model || 'unknown'})`, row)),
    ),
    '',
    table(
      'model',
      Object.entries(stats.models).map(([name, row]) => cells(name, row)),
    ),
    '',
    table(
      'phase',
      Object.entries(stats.phases)
        // The paraphrase phase only when the question was paraphrased.
        .filter(([name, row]) => name !== 'paraphrase' || row.calls > 0)
        .map(([name, row]) => cells(name, row)),
    ),
  ];
  if (turns > 1) {
    lines.push(
      '',
      table(
        'turn',
        stats.turns.map((turn, i) =>
          cells(`${i + 1} ${turn.status}`, { ...turn.total, seconds: turn.wall_seconds }),
        ),
      ),
    );
  }
  lines.push('', table('total', [cells('all', t)]));
  return `${lines.join('\n')}\n`;
}
