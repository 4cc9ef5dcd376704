import { describe, expect, it } from 'vitest';
import { seededRandom, splitTasks } from '../../src/optimize/split.js';

const items = Array.from({ length: 10 }, (_, i) => `t${i}`);

describe('splitTasks', () => {
  it('is the same split for the same seed, and another for another seed', () => {
    const a = splitTasks(items, 0.5, 7);
    expect(splitTasks(items, 0.5, 7)).toEqual(a);
    expect(splitTasks(items, 0.5, 8).heldOut).not.toEqual(a.heldOut);
  });

  it('holds out the rounded fraction, disjoint from train, each side in dataset order', () => {
    const { train, heldOut } = splitTasks(items, 0.3, 1);
    expect(heldOut.length).toBe(3);
    expect(train.length).toBe(7);
    expect([...train, ...heldOut].sort()).toEqual([...items].sort());
    expect(train).toEqual(items.filter((t) => train.includes(t)));
    expect(heldOut).toEqual(items.filter((t) => heldOut.includes(t)));
  });

  it('keeps at least one task on each side', () => {
    expect(splitTasks(['a', 'b'], 0.01, 1).heldOut.length).toBe(1);
    expect(splitTasks(['a', 'b'], 0.99, 1).train.length).toBe(1);
    expect(splitTasks(items, 0.99, 1).train.length).toBe(1);
  });

  it('draws the same numbers from the same seed, in [0, 1)', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    const drawn = Array.from({ length: 5 }, () => first());
    expect(Array.from({ length: 5 }, () => second())).toEqual(drawn);
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(drawn).size).toBe(5);
  });
});
