/**
 * PDF pages as PNG images: pdfjs (legacy build, with the @napi-rs/canvas it brings) renders them;
 * without its canvas, `pdftoppm` (Debian's poppler-utils) does when it is on PATH; with neither, a
 * clear error says how to get one. CI installs poppler-utils (.ci/run); elsewhere its test is
 * skipped without it.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  hasPdfjsCanvas,
  pdfPageImages,
  renderWithPdfjs,
  renderWithPdftoppm,
} from '../../src/media/convert-pdf-pages.js';
import { PageRenderError } from '../../src/media/errors.js';
import { makePdf } from '../support/media-files.js';

const hasPdftoppm = spawnSync('pdftoppm', ['-v']).status === 0;
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk. */
const size = (png: Uint8Array) => {
  const view = Buffer.from(png);
  return [view.readUInt32BE(16), view.readUInt32BE(20)];
};

describe.runIf(Boolean(process.env.CI) && !hasPdftoppm)('PDF page images (CI)', () => {
  it('has pdftoppm', () => {
    expect.fail('pdftoppm is not on PATH: .ci/run installs poppler-utils');
  });
});

describe('PDF page images', () => {
  it('pdfjs renders on Node without the canvas package: one 1024-pixel-wide PNG per page, at most maxPages', async () => {
    expect(hasPdfjsCanvas()).toBe(true);
    const pdf = await makePdf(['one', 'two', 'three']);
    const pages = await renderWithPdfjs(pdf, 2);
    expect(pages.length).toBe(2);
    for (const page of pages) {
      expect([...page.subarray(0, 8)]).toEqual(PNG);
      // pdf-lib's default page is A4 (595.28 × 841.89 points).
      expect(size(page)).toEqual([1024, 1449]);
    }
  });

  it.skipIf(!hasPdftoppm)('pdftoppm renders the same pages when pdfjs cannot', async () => {
    const pdf = await makePdf(['one', 'two', 'three']);
    const pages = await pdfPageImages(pdf, 2, undefined, { pdfjs: () => false, pdftoppm: async () => true });
    expect(pages.length).toBe(2);
    for (const page of pages) expect([...page.subarray(0, 8)]).toEqual(PNG);
    expect(size(pages[0]!)[0]).toBe(1024);
    expect((await renderWithPdftoppm(pdf, 5)).length).toBe(3);
  });

  it('neither renderer: an error that says how to get one', async () => {
    const pdf = await makePdf(['one']);
    const failed = pdfPageImages(pdf, 2, undefined, { pdfjs: () => false, pdftoppm: async () => false });
    await expect(failed).rejects.toThrow(PageRenderError);
    await expect(failed).rejects.toThrow(
      'rendering PDF pages as images needs @napi-rs/canvas (installed with pdfjs-dist; reinstall with npm ci) or pdftoppm (Debian: apt-get install poppler-utils)',
    );
  });
});
