import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WhenQuiet } from '../../src/events/when-quiet.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WhenQuiet', () => {
  it('loads once no activity has come for the quiet time, not while events keep coming', async () => {
    const load = vi.fn(async () => 'table');
    const loader = new WhenQuiet(load, 50);
    for (let i = 0; i < 10; i++) {
      loader.poke();
      await vi.advanceTimersByTimeAsync(30);
    }
    expect(load).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(load).toHaveBeenCalledTimes(1);
    loader.poke();
    await vi.advanceTimersByTimeAsync(100);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(loader.get()).resolves.toBe('table');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads at once when asked before a quiet moment came, and only once', async () => {
    const load = vi.fn(async () => 42);
    const loader = new WhenQuiet(load, 50);
    loader.poke();
    await expect(loader.get()).resolves.toBe(42);
    await vi.advanceTimersByTimeAsync(200);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reports a failed background load to the caller of get(), not as an unhandled rejection', async () => {
    const loader = new WhenQuiet(async () => {
      throw new Error('no table');
    }, 10);
    loader.poke();
    await vi.advanceTimersByTimeAsync(20);
    await expect(loader.get()).rejects.toThrow('no table');
  });
});
