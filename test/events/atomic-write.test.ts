import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
