/**
 * PDF → one PNG image per page, for agents that get a PDF as text and were asked for its pages as
 * images (`pages_as_images`). pdfjs-dist's legacy build renders on Node with @napi-rs/canvas (an
 * optional dependency it brings); without it, Debian's `pdftoppm` (poppler-utils) renders when it is
 * on PATH. Imported when needed.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { MassGenError } from '../errors.js';
import { canRun, runProgram } from './run-program.js';

/** Pages rendered at most per PDF (the first ones). */
export const MAX_PAGE_IMAGES = 20;
/** Width in pixels of a rendered page (its height follows the page's shape). */
const PAGE_WIDTH = 1024;

/** Neither renderer can run: names both and how to get one. */
export class PageRenderError extends MassGenError {}

/** The canvas of pdfjs's Node canvas factory (@napi-rs/canvas): what rendering needs of it. */
interface NodeCanvas {
  toBuffer(mime: 'image/png'): Buffer;
}

/** Pages 1..`maxPages` rendered by pdfjs; throws when @napi-rs/canvas cannot be loaded. */
export async function renderWithPdfjs(data: Uint8Array, maxPages: number): Promise<Uint8Array[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    verbosity: 0,
    standardFontDataUrl: `${path.join(pdfjsDir, 'standard_fonts')}${path.sep}`,
  });
  try {
    const pdf = await task.promise;
    const pages: Uint8Array[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, maxPages); n++) {
      const page = await pdf.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PAGE_WIDTH / base.width });
      const factory = pdf.canvasFactory as {
        create(width: number, height: number): { canvas: NodeCanvas; context: CanvasRenderingContext2D };
      };
      const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context, viewport })
        .promise;
      pages.push(new Uint8Array(canvas.toBuffer('image/png')));
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Pages 1..`maxPages` rendered by `pdftoppm`. */
export async function renderWithPdftoppm(
  data: Uint8Array,
  maxPages: number,
  signal?: AbortSignal,
): Promise<Uint8Array[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'massgen-pages-'));
  try {
    const input = path.join(dir, 'input.pdf');
    await writeFile(input, data);
    const args = ['-png', '-l', String(maxPages), '-scale-to-x', String(PAGE_WIDTH), '-scale-to-y', '-1'];
    await runProgram('pdftoppm', [...args, input, path.join(dir, 'page')], signal);
    const names = (await readdir(dir)).filter((n) => n.startsWith('page') && n.endsWith('.png'));
    // pdftoppm pads page numbers to the width of the last one: page-01.png … page-12.png.
    names.sort((a, b) => Number(/(\d+)\.png$/.exec(a)?.[1]) - Number(/(\d+)\.png$/.exec(b)?.[1]));
    return Promise.all(names.map(async (n) => new Uint8Array(await readFile(path.join(dir, n)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether pdfjs can render here: its Node canvas (@napi-rs/canvas) loads. */
export function hasPdfjsCanvas(): boolean {
  try {
    createRequire(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))('@napi-rs/canvas');
    return true;
  } catch {
    return false;
  }
}

/** The renderers, in order of preference; injectable for tests. */
export interface PageRenderers {
  pdfjs: () => boolean;
  pdftoppm: () => Promise<boolean>;
}

const AVAILABLE: PageRenderers = {
  pdfjs: hasPdfjsCanvas,
  pdftoppm: () => canRun('pdftoppm', '-v'),
};

/**
 * The first `maxPages` pages as PNG images: through pdfjs when its canvas loads, else through
 * `pdftoppm`. Throws a PageRenderError when neither can run, and what the renderer throws for a PDF
 * it cannot read.
 */
export async function pdfPageImages(
  data: Uint8Array,
  maxPages = MAX_PAGE_IMAGES,
  signal?: AbortSignal,
  renderers: PageRenderers = AVAILABLE,
): Promise<Uint8Array[]> {
  if (renderers.pdfjs()) return renderWithPdfjs(data, maxPages);
  if (await renderers.pdftoppm()) return renderWithPdftoppm(data, maxPages, signal);
  throw new PageRenderError(
    'rendering PDF pages as images needs @napi-rs/canvas (installed with pdfjs-dist; reinstall with npm ci) or pdftoppm (Debian: apt-get install poppler-utils)',
  );
}
