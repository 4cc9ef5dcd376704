import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claimTurnLogDir,
  createRunLogDir,
  createTurnLogDir,
  logTimestamp,
  safePathSegment,
} from '../../src/events/log-dir.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'massgen-logdir-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('logTimestamp', () => {
  it('formats local time as YYYYMMDD_HHMMSS_ffffff with milliseconds as microseconds', () => {
    expect(logTimestamp(new Date(2025, 0, 2, 3, 4, 5, 678))).toBe('20250102_030405_678000');
    expect(logTimestamp(new Date(2024, 11, 31, 23, 59, 59, 7))).toBe('20241231_235959_007000');
  });

  it('keeps names unique within one millisecond with a counter', () => {
    const date = new Date(2025, 5, 6, 7, 8, 9, 10);
    const names = [logTimestamp(date), logTimestamp(date), logTimestamp(date)];
    expect(names).toEqual(['20250606_070809_010000', '20250606_070809_010001', '20250606_070809_010002']);
  });

  it('produces distinct names for a burst of calls at the current time', () => {
    const names = new Set(Array.from({ length: 200 }, () => logTimestamp()));
    expect(names.size).toBe(200);
    for (const name of names) expect(name).toMatch(/^\d{8}_\d{6}_\d{6}$/);
  });
});

describe('createRunLogDir', () => {
  it('creates <root>/log_<ts>/turn_1 with absolute paths and runId = folder name', async () => {
    const dirs = await createRunLogDir(root, { date: new Date(2025, 2, 4, 10, 11, 12, 13) });
    expect(dirs.runId).toBe('log_20250304_101112_013000');
    expect(dirs.runDir).toBe(join(root, dirs.runId));
    expect(dirs.turnDir).toBe(join(dirs.runDir, 'turn_1'));
    expect(isAbsolute(dirs.runDir)).toBe(true);
    expect((await stat(dirs.turnDir)).isDirectory()).toBe(true);
  });

  it('creates the root when missing and honours turn and attempt', async () => {
    const nested = join(root, '.massgen', 'massgen_logs');
    const dirs = await createRunLogDir(nested, { turn: 3, attempt: 2 });
    expect(dirname(dirs.runDir)).toBe(nested);
    expect(dirs.turnDir).toBe(join(dirs.runDir, 'turn_3', 'attempt_2'));
    expect((await stat(dirs.turnDir)).isDirectory()).toBe(true);
  });

  it('never reuses an existing run folder for the same time', async () => {
    const date = new Date(2025, 2, 4, 10, 11, 12, 14);
    const first = await createRunLogDir(root, { date });
    const second = await createRunLogDir(root, { date });
    expect(second.runDir).not.toBe(first.runDir);
    expect(basename(second.runDir)).toMatch(/^log_20250304_101112_0140\d\d$/);
  });

  it('adds a turn folder to an existing run', async () => {
    const { runDir } = await createRunLogDir(root);
    const turn2 = await createTurnLogDir(runDir, { turn: 2 });
    expect(turn2).toBe(join(runDir, 'turn_2'));
    expect((await stat(turn2)).isDirectory()).toBe(true);
  });
});

describe('claimTurnLogDir', () => {
  it('gives runs claiming the same turn at once a folder each: the next free turns', async () => {
    const { runDir } = await createRunLogDir(root);
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimTurnLogDir(runDir, 2)));
    expect(claims.map((c) => c.turn).sort()).toEqual([2, 3, 4, 5, 6, 7]);
    for (const c of claims) expect(c.turnDir).toBe(join(runDir, `turn_${c.turn}`));
    expect((await claimTurnLogDir(runDir, 1)).turn).toBe(8);
  });

  it('creates a missing run folder', async () => {
    const runDir = join(root, 'log_x');
    expect(await claimTurnLogDir(runDir, 3)).toEqual({ turnDir: join(runDir, 'turn_3'), turn: 3 });
  });
});

describe('safePathSegment', () => {
  it('leaves ordinary agent ids alone and neutralises separators and dot names', () => {
    expect(safePathSegment('gpt-5_mini.1')).toBe('gpt-5_mini.1');
    expect(safePathSegment('a/b\\c')).toBe('a_b_c');
    expect(safePathSegment('..')).toBe('__');
    expect(safePathSegment('')).toBe('_');
  });
});
