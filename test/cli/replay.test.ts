import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlayback, parseEventLog, ReplayError, resolveEventLog } from '../../src/events/replay.js';
import type { CoordinationEvent } from '../../src/events/types.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { DEMO_FILE } from '../ui/helpers.js';

const line = (type: string, seq: number, ts: number) => JSON.stringify({ type, seq, ts, runId: 'r' });

describe('massgen replay (CLI)', () => {
  it('replays @examples/demo at --speed 0 through the plain printer: winner and final answer', async () => {
    const r = await runCli(['replay', '@examples/demo', '--speed', '0']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Replaying .*examples[/\\]demo[/\\]events\.jsonl$/m);
    expect(r.stdout).toContain('Question: What are the trade-offs of event sourcing?');
    expect(r.stdout).toContain('✅ [gemini] answer agent3.2');
    expect(r.stdout).toContain('🗳️ [claude] voted for gemini');
    expect(r.stdout).toContain('🏆 Winner: gemini (votes — gemini: 2, gpt5mini: 1)');
    expect(r.stdout).toContain('=== Final answer (gemini) ===\n## Event sourcing: the trade-offs');
    expect(r.stdout).toMatch(/Done: completed in \d+\.\ds/);
  });

  it('takes a run folder log_*/ and replays its latest turn', async () => {
    const home = tempHome();
    const run = path.join(home, '.massgen/massgen_logs/log_20260101_120000_000000');
    for (const turn of ['turn_1', 'turn_2', 'turn_10']) mkdirSync(path.join(run, turn), { recursive: true });
    writeFileSync(path.join(run, 'turn_1/events.jsonl'), `${line('run-start', 1, 1)}\n`);
    copyFileSync(DEMO_FILE, path.join(run, 'turn_10/events.jsonl'));
    expect(resolveEventLog(run)).toBe(path.join(run, 'turn_10/events.jsonl'));
    expect(resolveEventLog('.massgen/massgen_logs', home)).toBe(path.join(run, 'turn_10/events.jsonl'));
    const r = await runCli(['replay', run, '--speed', '0'], { cwd: home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('🏆 Winner: gemini');
  });

  it('a corrupt file is a clear error naming the file and the line (exit 1)', async () => {
    const home = tempHome();
    const file = writeFile(home, 'events.jsonl', `${line('run-start', 1, 1)}\n\n{"type": "answer", oops\n`);
    const r = await runCli(['replay', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 3 is not valid JSON`),
    );
    const notEvent = writeFile(home, 'other.jsonl', `${line('run-start', 1, 1)}\n{"hello": 1}\n`);
    const r2 = await runCli(['replay', notEvent]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`${notEvent}: line 2 is not a coordination event`);
  });

  it('a missing file, an empty file and a bad --speed are clear errors (exit 1)', async () => {
    const home = tempHome();
    const missing = await runCli(['replay', 'nowhere/events.jsonl'], { cwd: home });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: cannot replay ${path.join(home, 'nowhere/events.jsonl')}: no such file or folder\n`,
    );
    const empty = writeFile(home, 'empty.jsonl', '\n');
    expect((await runCli(['replay', empty])).stderr).toContain('no events to replay');
    const speed = await runCli(['replay', '@examples/demo', '--speed', '-1']);
    expect(speed.code).toBe(1);
    expect(speed.stderr).toContain('--speed must be a number ≥ 0');
  });
});

describe('playback', () => {
  const events = (gaps: number[]): CoordinationEvent[] =>
    parseEventLog(gaps.map((ts, i) => line('notice', i + 1, 1000 + ts)).join('\n'), 'mem');

  it('keeps the original timing divided by the speed', async () => {
    const playback = createPlayback(events([0, 200, 400, 600]), 4);
    const seen: number[] = [];
    const started = Date.now();
    expect(await playback.play(() => seen.push(Date.now() - started))).toBe(true);
    expect(seen).toHaveLength(4);
    expect(seen[3]!).toBeGreaterThanOrEqual(140);
    expect(seen[3]!).toBeLessThan(600);
    expect(playback.now()).toBe(1600);
  });

  it('speed 0 plays everything at once; an abort stops it', async () => {
    const fast = createPlayback(events([0, 60_000, 120_000]), 0);
    const started = Date.now();
    expect(await fast.play(() => {})).toBe(true);
    expect(Date.now() - started).toBeLessThan(200);
    const slow = createPlayback(events([0, 60_000]), 1);
    const stop = new AbortController();
    const seen: number[] = [];
    const done = slow.play((e) => {
      seen.push(e.seq);
      stop.abort();
    }, stop.signal);
    expect(await done).toBe(false);
    expect(seen).toEqual([1]);
  });

  it('errors carry the file and the line', () => {
    try {
      parseEventLog('{"type":"x","seq":1,"ts":1}\nnot json', '/x/events.jsonl');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ReplayError);
      expect(error).toMatchObject({ file: '/x/events.jsonl', line: 2, exitCode: 1 });
    }
  });
});
