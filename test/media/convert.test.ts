/** Detection and conversion of each attachment format, on files the tests generate. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxToMarkdown } from '../../src/media/convert-docx.js';
import { pdfToText } from '../../src/media/convert-pdf.js';
import { pptxToText } from '../../src/media/convert-pptx.js';
import { csvToMarkdown, xlsxToMarkdown } from '../../src/media/convert-sheet.js';
import { detectKind } from '../../src/media/detect.js';
import { readAttachment } from '../../src/media/read-attachment.js';
import { makeDocx, makePdf, makePng, makePptx, makeWav, makeXlsx } from '../support/media-files.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-media-'));
const file = (name: string, data: Buffer | string) => {
  const p = path.join(dir, name);
  writeFileSync(p, data);
  return p;
};
const read = (p: string) =>
  readAttachment(
    { path: p },
    { cwd: dir, needsText: () => true, needsFrames: () => false, video: { mode: 'uniform', maxFrames: 4 } },
  );

describe('detection by magic bytes and extension', () => {
  it('recognises each format by its bytes, whatever the extension says', async () => {
    expect(detectKind(makePng(), '.bin')).toEqual({ kind: 'image', mediaType: 'image/png' });
    expect(detectKind(await makePdf(['x']), '.txt')).toEqual({ kind: 'pdf', mediaType: 'application/pdf' });
    expect(detectKind(makeWav(), '')).toEqual({ kind: 'audio', mediaType: 'audio/wav' });
    expect(detectKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), '.png')).toEqual({
      kind: 'image',
      mediaType: 'image/jpeg',
    });
    expect(detectKind(await makeDocx('T', []), '.docx')?.kind).toBe('docx');
    expect(detectKind(await makeXlsx({ S: [[1]] }), '.xlsx')?.kind).toBe('xlsx');
    expect(detectKind(Buffer.from('a,b\n1,2\n'), '.csv')).toEqual({ kind: 'csv', mediaType: 'text/csv' });
    expect(detectKind(Buffer.from('# notes\n'), '.md')).toEqual({ kind: 'text', mediaType: 'text/markdown' });
    expect(detectKind(Buffer.from([0, 1, 2, 3, 4]), '.md')).toBeUndefined();
    expect(detectKind(Buffer.from('plain'), '.exe')).toBeUndefined();
  });
});

describe('conversion to text', () => {
  it('PDF: the text of every page under its heading', async () => {
    const text = await pdfToText(await makePdf(['Revenue grew 12%', 'Costs fell 3%']));
    expect(text).toBe('## Page 1\n\nRevenue grew 12%\n\n## Page 2\n\nCosts fell 3%');
  });

  it('.docx: Markdown with the heading', async () => {
    expect(await docxToMarkdown(await makeDocx('Plan', ['Ship in May.', 'Hire two.']))).toBe(
      '# Plan\n\nShip in May\\.\n\nHire two\\.',
    );
  });

  it('.xlsx: one Markdown table per sheet', async () => {
    const md = await xlsxToMarkdown(
      await makeXlsx({
        Q1: [
          ['city', 'sales'],
          ['Oslo', 12],
        ],
        Q2: [['a|b'], ['x']],
      }),
    );
    expect(md).toBe(
      '## Sheet: Q1\n\n| city | sales |\n| --- | --- |\n| Oslo | 12 |\n\n## Sheet: Q2\n\n| a\\|b |\n| --- |\n| x |',
    );
  });

  it('.csv: a Markdown table, quoted fields kept whole', () => {
    expect(csvToMarkdown(Buffer.from('name,note\n"Smith, J","said ""hi"""\n'), 'text/csv')).toBe(
      '| name | note |\n| --- | --- |\n| Smith, J | said "hi" |',
    );
  });

  it('.pptx: the text of each slide in order', async () => {
    const text = await pptxToText(await makePptx([['Title', 'Point &amp; more'], ['Second']]));
    expect(text).toBe('## Slide 1\n\nTitle\nPoint & more\n\n## Slide 2\n\nSecond');
  });

  it('audio without a transcription model: a note saying so', async () => {
    const a = await read(file('tone.wav', makeWav()));
    expect(a.kind).toBe('audio');
    expect(a.text).toBe(
      "[audio file tone.wav: no transcript, because no transcription model is configured; this agent's backend cannot listen to audio]",
    );
  });
});

describe('files that cannot be used', () => {
  it('names the file and the reason', async () => {
    await expect(read(file('bad.pdf', '%PDF-1.4 not really'))).rejects.toThrow(
      `attachment ${path.join(dir, 'bad.pdf')}: not a readable PDF (Invalid PDF structure.); check that the file is not damaged or password-protected.`,
    );
    await expect(read(file('fake.png', 'hello'))).rejects.toThrow(
      `attachment ${path.join(dir, 'fake.png')}: not a valid image (its content does not match the .png extension); check that the file is not damaged.`,
    );
    await expect(read(file('tool.exe', 'MZ'))).rejects.toThrow(
      /: unknown file type \(\.exe\); attachments may be images/,
    );
    await expect(read(path.join(dir, 'missing.png'))).rejects.toThrow(
      /missing\.png: no such file; check the path/,
    );
    await expect(read(file('empty.txt', ''))).rejects.toThrow(/empty\.txt: the file is empty\./);
  });
});
