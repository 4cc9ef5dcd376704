import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  DEFAULT_MCP_START_CONCURRENCY,
  StartPool,
  startConcurrency,
} from '../../src/tools/mcp/start-pool.js';

const never = new AbortController().signal;

describe('StartPool', () => {
  it('gives out `size` slots, then queues in order; a release hands the slot to the next waiter', async () => {
    const pool = new StartPool(2);
    const first = await pool.acquire(never);
    const second = await pool.acquire(never);
    expect(pool.busy).toBe(2);
    const order: string[] = [];
    const third = pool.acquire(never).then((release) => {
      order.push('third');
      return release;
    });
    const fourth = pool.acquire(never).then((release) => {
      order.push('fourth');
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    first(); // a second call gives nothing back
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
    expect(pool.busy).toBe(0);
  });

  it('a waiter whose signal aborts leaves the queue without taking a slot', async () => {
    const pool = new StartPool(1);
    const held = await pool.acquire(never);
    const stop = new AbortController();
    const gone = pool.acquire(stop.signal);
    const next = pool.acquire(never);
    stop.abort(new Error('closed'));
    await expect(gone).rejects.toThrow('closed');
    held();
    const release = await next;
    expect(pool.busy).toBe(1);
    release();
    expect(pool.busy).toBe(0);
    await expect(pool.acquire(stop.signal)).rejects.toThrow('closed');
    expect(pool.busy).toBe(0);
  });
});

describe('startConcurrency', () => {
  it('reads MASSGEN_MCP_START_CONCURRENCY, default 8; anything but a whole number ≥ 1 is a config error', () => {
    expect(startConcurrency({})).toBe(DEFAULT_MCP_START_CONCURRENCY);
    expect(DEFAULT_MCP_START_CONCURRENCY).toBe(8);
    expect(startConcurrency({ MASSGEN_MCP_START_CONCURRENCY: ' 3 ' })).toBe(3);
    for (const bad of ['0', '-1', '2.5', 'x']) {
      expect(() => startConcurrency({ MASSGEN_MCP_START_CONCURRENCY: bad })).toThrow(ConfigError);
    }
  });
});
