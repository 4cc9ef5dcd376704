/**
 * `upload_files` URLs: fetched with a size limit that holds also without a Content-Length, URLs
 * with credentials refused, and URLs shown without credentials or query. Real HTTP to a local server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentError } from '../../src/media/errors.js';
import { fetchUrl, shownUrl } from '../../src/media/fetch-url.js';

let server: Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/stream') {
      // Chunked, no Content-Length: 4 chunks of 1 KiB.
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 4; i++) res.write(Buffer.alloc(1024, 0x61));
      res.end();
    } else if (req.url === '/notes') {
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
      res.end('# Notes');
    } else {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('fetchUrl', () => {
  it('stops a body without a Content-Length once it passes the limit', async () => {
    await expect(fetchUrl(`${base}/stream`, { maxBytes: 2048 })).rejects.toThrow(
      `attachment ${base}/stream: the download is over the 2 KB attachment limit; give a smaller file.`,
    );
    const whole = await fetchUrl(`${base}/stream`, { maxBytes: 4096 });
    expect(whole.data.byteLength).toBe(4096);
    expect(whole.extension).toBe('.txt');
  });

  it('takes the extension from the declared type when the path has none', async () => {
    const notes = await fetchUrl(`${base}/notes`, { maxBytes: 1024 });
    expect([notes.name, notes.extension, notes.contentType]).toEqual(['notes', '.md', 'text/markdown']);
  });

  it('refuses a URL with a user name or password without fetching it, and never shows them', async () => {
    const before = hits;
    const url = `${base.replace('http://', 'http://user:pw@')}/notes?token=abc`;
    const failed = fetchUrl(url, { maxBytes: 1024, origin: 'upload_files[0]' });
    await expect(failed).rejects.toThrow(AttachmentError);
    await expect(failed).rejects.toThrow(
      `attachment ${base}/notes?… (upload_files[0]): a URL with a user name or password is not fetched; give a URL without credentials.`,
    );
    expect(hits).toBe(before);
  });

  it('shows a URL without credentials or query', () => {
    expect(shownUrl('https://u:p@example.com/a/b.pdf?sig=1#x')).toBe('https://example.com/a/b.pdf?…');
    expect(shownUrl('https://example.com/a.pdf')).toBe('https://example.com/a.pdf');
  });
});
