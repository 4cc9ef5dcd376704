import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { MAX_GAP_MS, ReplayPlayer } from '../../web-client/src/state/replay-player.js';
import { RunStore } from '../../web-client/src/state/run-store.js';
import { stamp, start } from './events.js';

function events(): CoordinationEvent[] {
  const e = stamp([
    start(['a']),
    { type: 'text-delta', agentId: 'a', text: 'one ', phase: 'coordination' },
    { type: 'text-delta', agentId: 'a', text: 'two ', phase: 'coordination' },
    { type: 'text-delta', agentId: 'a', text: 'three', phase: 'coordination' },
  ]);
  // Gaps: 1000 ms, 1000 ms, then a 60 s pause.
  return e.map((ev, i) => ({ ...ev, ts: [0, 1000, 2000, 62_000][i]! }));
}

const timers = {
  setTimeout: (f: () => void, ms: number) => setTimeout(f, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as number),
};

describe('replay player', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const text = (store: RunStore) => {
    const item = store.getState().agents.a?.items[0];
    return item?.kind === 'text' ? item.text : '';
  };

  it('plays the recorded gaps divided by the speed, long pauses shortened', () => {
    const store = new RunStore((f) => f());
    const player = new ReplayPlayer(events(), store, { speed: 4, timers });
    player.play();
    expect(store.getState().lastSeq).toBe(1);
    vi.advanceTimersByTime(249);
    expect(store.getState().lastSeq).toBe(1);
    vi.advanceTimersByTime(1);
    expect(text(store)).toBe('one ');
    vi.advanceTimersByTime(250);
    expect(text(store)).toBe('one two ');
    vi.advanceTimersByTime(MAX_GAP_MS / 4 - 1);
    expect(store.getState().lastSeq).toBe(3);
    vi.advanceTimersByTime(1);
    expect(text(store)).toBe('one two three');
    expect(player.playing).toBe(false);
    expect(player.progress).toEqual({ done: 4, total: 4 });
  });

  it('finishes at once when switched to instant, and starts over on restart', () => {
    const store = new RunStore((f) => f());
    const player = new ReplayPlayer(events(), store, { speed: 1, timers });
    player.play();
    vi.advanceTimersByTime(1000);
    expect(store.getState().lastSeq).toBe(2);
    player.setSpeed('instant');
    expect(text(store)).toBe('one two three');
    player.setSpeed(16);
    player.restart();
    expect(store.getState().lastSeq).toBe(1);
    vi.advanceTimersByTime(1000 / 16);
    expect(text(store)).toBe('one ');
  });

  it('holds its place while paused', () => {
    const store = new RunStore((f) => f());
    const player = new ReplayPlayer(events(), store, { speed: 1, timers });
    player.play();
    player.pause();
    vi.advanceTimersByTime(10_000);
    expect(store.getState().lastSeq).toBe(1);
    player.play();
    vi.advanceTimersByTime(1000);
    expect(store.getState().lastSeq).toBe(2);
  });
});

describe('run store', () => {
  it('tells its listeners once per scheduled frame however many events came in', () => {
    const frames: Array<() => void> = [];
    const store = new RunStore((f) => frames.push(f));
    let calls = 0;
    store.subscribe(() => calls++);
    for (const e of events()) store.apply([e]);
    expect(frames).toHaveLength(1);
    expect(calls).toBe(0);
    frames[0]!();
    expect(calls).toBe(1);
    expect(store.getState().lastSeq).toBe(4);
  });
});
