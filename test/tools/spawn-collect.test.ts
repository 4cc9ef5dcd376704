import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { spawnCollect } from '../../src/tools/spawn-collect.js';
import { processGone } from '../support/hostile.js';

/** Runs a Node script (the test's own Node, no shell). */
const node = (
  script: string,
  options: Omit<Parameters<typeof spawnCollect>[1], 'args'> = { maxOutputBytes: 1000 },
) => spawnCollect(process.execPath, { ...options, args: ['-e', script] });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A file the script writes once it is ready (its signal handlers set, its children started). */
function readyMark() {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'massgen-spawn-')), 'ready');
  return {
    file,
    quoted: JSON.stringify(file),
    ready: () => vi.waitFor(() => expect(existsSync(file)).toBe(true), { timeout: 10_000 }),
  };
}

describe('spawnCollect', () => {
  it('passes arguments, folder, environment and input, and returns both streams and the exit status', async () => {
    const cwd = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'massgen-spawn-')));
    const script = `process.stdin.on('data', (d) => process.stdout.write(process.cwd() + ' ' + process.env.WHO + ' ' + d));
      process.stdin.on('end', () => { process.stderr.write(process.argv[1]); process.exit(3); });`;
    const run = await spawnCollect(process.execPath, {
      args: ['-e', script, 'a "quoted" arg'],
      cwd,
      env: { WHO: 'me' },
      stdin: 'hello',
      maxOutputBytes: 1000,
    });
    expect(run).toEqual({
      stdout: `${cwd} me hello`,
      stderr: 'a "quoted" arg',
      droppedBytes: { stdout: 0, stderr: 0 },
      code: 3,
      signal: null,
      timedOut: false,
      aborted: false,
    });
  });

  it('keeps at most maxOutputBytes of each stream, counts the rest and cuts no character in two', async () => {
    const run = await node(`process.stdout.write('é'.repeat(10)); process.stderr.write('abcdefgh')`, {
      maxOutputBytes: 5,
    });
    expect(run).toMatchObject({
      stdout: 'éé',
      stderr: 'abcde',
      droppedBytes: { stdout: 15, stderr: 3 },
      code: 0,
    });
  });

  it('stops the program with SIGTERM when the timeout passes', async () => {
    const run = await node('setTimeout(() => {}, 60000)', { maxOutputBytes: 1000, timeoutMs: 100 });
    expect(run).toMatchObject({ code: null, signal: 'SIGTERM', timedOut: true, aborted: false });
  });

  it('an abort ends the whole process group: the program and what it started', async () => {
    const mark = readyMark();
    const pids = `${mark.file}.pids`;
    const script = `const { spawn } = require('child_process'); const fs = require('fs');
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
      fs.writeFileSync(${JSON.stringify(pids)}, String(child.pid));
      fs.writeFileSync(${mark.quoted}, '');
      setInterval(() => {}, 1000);`;
    const stop = new AbortController();
    const running = node(script, { maxOutputBytes: 1000, signal: stop.signal });
    await mark.ready();
    const grandchild = Number(readFileSync(pids, 'utf8'));
    stop.abort();
    // Its output closes only when the grandchild, which shares it, has ended too.
    expect(await running).toMatchObject({ signal: 'SIGTERM', aborted: true, timedOut: false });
    await vi.waitFor(() => expect(alive(grandchild)).toBe(false), { timeout: 10_000 });
  });

  it('a program that ignores SIGTERM gets SIGKILL once the grace period has passed', async () => {
    const mark = readyMark();
    const script = `process.on('SIGTERM', () => {}); require('fs').writeFileSync(${mark.quoted}, '');
      setInterval(() => {}, 1000);`;
    const stop = new AbortController();
    const running = node(script, { maxOutputBytes: 1000, signal: stop.signal, killGraceMs: 50 });
    await mark.ready();
    stop.abort();
    expect(await running).toMatchObject({ code: null, signal: 'SIGKILL', aborted: true });
  });

  it.skipIf(process.platform !== 'linux')(
    'when the program ends by itself, what it left running ends too: its group, a new session, and a child of that with a clean environment',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-spawn-'));
      // The program exits once its leftovers are running: one in its group, one in a session of its
      // own (setsid), and a child of that one which carries none of the inherited environment.
      const script = [
        'sleep 300 & echo $! > "$D/group"',
        `setsid sh -c 'env -i sleep 300 & echo $! > "$D/clean"; echo $$ > "$D/session"; wait' &`,
        'until [ -s "$D/group" ] && [ -s "$D/clean" ] && [ -s "$D/session" ]; do :; done',
      ].join('\n');
      const run = await spawnCollect('/bin/sh', {
        args: ['-c', script],
        env: { D: dir, PATH: process.env.PATH ?? '' },
        maxOutputBytes: 1000,
      });
      expect(run).toMatchObject({ code: 0, timedOut: false, aborted: false });
      const left = ['group', 'session', 'clean'].map((f) => Number(readFileSync(path.join(dir, f), 'utf8')));
      for (const pid of left) expect(processGone(pid), `process ${pid}`).toBe(true);
    },
  );

  it('rejects with the system’s error when the program cannot start', async () => {
    await expect(spawnCollect('./no-such-program', { maxOutputBytes: 10 })).rejects.toThrow(/ENOENT/);
  });
});
