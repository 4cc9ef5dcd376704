import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoalescingWriter, writeFileAtomic } from '../../src/events/atomic-write.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'massgen-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const path = join(dir, 'status.json');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['status.json']);
  });

  it('rejects and cleans up when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.json'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('CoalescingWriter', () => {
  it('writes only the latest content after a burst of writes', async () => {
    const path = join(dir, 'status.json');
    const writer = new CoalescingWriter(path);
    let rendered = 0;
    for (let i = 0; i < 100; i++) {
      writer.write(() => {
        rendered++;
        return `v${i}`;
      });
    }
    await writer.flush();
    expect(await readFile(path, 'utf8')).toBe('v99');
    expect(writer.writeCount).toBeLessThanOrEqual(2);
    expect(rendered).toBe(writer.writeCount);
  });

  it('writes again when content arrives while a write is in flight', async () => {
    const path = join(dir, 'status.json');
    const writer = new CoalescingWriter(path);
    writer.write('first');
    await new Promise((done) => setImmediate(done));
    writer.write('second');
    writer.write('third');
    await writer.flush();
    expect(await readFile(path, 'utf8')).toBe('third');
    writer.write('fourth');
    await writer.flush();
    expect(await readFile(path, 'utf8')).toBe('fourth');
  });

  it('reports failures and keeps working', async () => {
    const errors: unknown[] = [];
    const writer = new CoalescingWriter(join(dir, 'status.json'), (err) => errors.push(err));
    writer.write(() => {
      throw new Error('render failed');
    });
    await writer.flush();
    writer.write('ok');
    await writer.flush();
    expect(errors).toHaveLength(1);
    expect(await readFile(join(dir, 'status.json'), 'utf8')).toBe('ok');
  });
});

describe('CoalescingWriter with a write rate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Lets IO callbacks run until `done()` holds (the clock is fake; file IO is real). */
  async function until(done: () => boolean): Promise<void> {
    for (let i = 0; i < 10_000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
    expect(done()).toBe(true);
  }

  it('writes a burst back to back, then waits for the bucket to refill, keeping only the latest content', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const path = join(dir, 'status.json');
    const writer = new CoalescingWriter(path, undefined, { burst: 2, intervalMs: 1000 });
    writer.write('one');
    await until(() => writer.writeCount === 1);
    writer.write('two');
    await until(() => writer.writeCount === 2);
    writer.write('three');
    writer.write('four');
    await until(() => vi.getTimerCount() === 1);
    expect(writer.writeCount).toBe(2);
    expect(await readFile(path, 'utf8')).toBe('two');
    vi.advanceTimersByTime(1000);
    await until(() => writer.writeCount === 3);
    expect(await readFile(path, 'utf8')).toBe('four');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('writes what is pending at once on flush, without waiting for the bucket', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const path = join(dir, 'status.json');
    const writer = new CoalescingWriter(path, undefined, { burst: 1, intervalMs: 60_000 });
    writer.write('first');
    await until(() => writer.writeCount === 1);
    writer.write('last');
    await until(() => vi.getTimerCount() === 1);
    await writer.flush();
    expect(writer.writeCount).toBe(2);
    expect(await readFile(path, 'utf8')).toBe('last');
    expect(vi.getTimerCount()).toBe(0);
  });
});
