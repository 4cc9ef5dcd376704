/**
 * Attachments: the conversion time of a 50-page PDF, a 10-sheet workbook and a 1-minute audio file
 * (read, detected and converted once per run; medians of 5), and the request bytes each agent sends
 * in one consensus run of four agents (OpenAI Responses, Anthropic, Gemini, Chat Completions) on the
 * fake provider, without and with those files plus an image and a .docx attached.
 *
 *   node --import tsx bench/media.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TranscriptionModelV3 } from '@ai-sdk/provider';
import { readAttachment } from '../src/media/read-attachment.js';
import { consensus } from '../test/fake-provider/scenario.js';
import { createFakeProvider } from '../test/fake-provider/server.js';
import { makeDocx, makePdf, makePng, makeWav, makeXlsx } from '../test/support/media-files.js';
import { median, runCli } from './support.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-bench-media-'));
const put = (name: string, data: Buffer) => {
  writeFileSync(path.join(dir, name), data);
  return name;
};
const sentence = 'Revenue grew in every region while costs fell slightly over the quarter. ';
const pdf = put(
  'report.pdf',
  await makePdf(Array.from({ length: 50 }, (_, i) => `Page ${i + 1}: ${sentence}`)),
);
const sheets = Object.fromEntries(
  Array.from({ length: 10 }, (_, s) => [
    `Sheet${s + 1}`,
    [
      ['region', 'q1', 'q2', 'q3', 'q4', 'note'],
      ...Array.from({ length: 200 }, (_, r) => [`r${r}`, r, r * 2, r * 3, r * 4, 'ok']),
    ],
  ]),
);
const xlsx = put('book.xlsx', await makeXlsx(sheets));
const wav = put('minute.wav', makeWav(60, 16_000));
const png = put('chart.png', makePng(64, 64));
const docx = put(
  'plan.docx',
  await makeDocx(
    'Plan',
    Array.from({ length: 40 }, () => sentence),
  ),
);

/** Answers at once: the time measured is MassGen-TS's own (reading, detection, the call), not a provider's. */
const transcriber: TranscriptionModelV3 = {
  specificationVersion: 'v3',
  provider: 'bench',
  modelId: 'instant',
  doGenerate: async () => ({
    text: 'transcript',
    segments: [],
    language: 'en',
    durationInSeconds: 60,
    warnings: [],
    response: { timestamp: new Date(), modelId: 'instant' },
  }),
};

async function convertMs(
  name: string,
  pagesAsImages = false,
): Promise<{ ms: number; chars: number; images: number }> {
  const times: number[] = [];
  let chars = 0;
  let images = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const a = await readAttachment(
      { path: name, pagesAsImages },
      {
        cwd: dir,
        needsText: () => true,
        needsFrames: () => false,
        transcriptionModel: transcriber,
        video: { mode: 'uniform', maxFrames: 8 },
      },
    );
    times.push(performance.now() - t);
    chars = a.text?.length ?? 0;
    images = a.pages?.length ?? 0;
  }
  return { ms: median(times), chars, images };
}

console.log('Conversion, once per run (median of 5)\n');
console.log(['file', 'size', 'converted text', 'time'].join(' | '));
for (const [label, name, pages] of [
  ['50-page PDF → text', pdf, false],
  ['50-page PDF → text and page images (pages_as_images)', pdf, true],
  ['10-sheet workbook (200 rows each) → Markdown', xlsx, false],
  ['1-minute WAV → transcript (instant model)', wav, false],
] as const) {
  const { ms, chars, images } = await convertMs(name, pages);
  const size = (await import('node:fs')).statSync(path.join(dir, name)).size;
  const text = images > 0 ? `${chars} chars, ${images} PNG pages` : `${chars} chars`;
  console.log([label, `${(size / 1024).toFixed(0)} KiB`, text, `${ms.toFixed(0)} ms`].join(' | '));
}

const fake = await createFakeProvider({ scenario: consensus() });
const agents = [
  ['gpt', 'openai', fake.baseUrls.openai],
  ['claude', 'claude', fake.baseUrls.anthropic],
  ['gemini', 'gemini', fake.baseUrls.gemini],
  ['local', 'chatcompletion', fake.baseUrls.chat],
] as const;
const config = path.join(dir, 'four.yaml');
writeFileSync(
  config,
  `agents:\n${agents.map(([id, type, url]) => `  - id: ${id}\n    backend: { type: ${type}, model: bench-${id}, base_url: "${url}", api_key: k }`).join('\n')}\nui:\n  logging_enabled: false\n`,
);

/** Request body bytes per agent over one run. */
async function bytesPerAgent(attach: string[]): Promise<Record<string, number>> {
  const since = fake.requests.length;
  await runCli(
    ['--automation', '--config', config, ...attach.flatMap((f) => ['--attach', f]), 'Summarise the files.'],
    dir,
  );
  const out: Record<string, number> = {};
  for (const req of fake.requests.slice(since)) {
    const id = req.model.replace(/^bench-/, '');
    out[id] = (out[id] ?? 0) + Buffer.byteLength(JSON.stringify(req.body));
  }
  return out;
}

const without = await bytesPerAgent([]);
const withFiles = await bytesPerAgent([png, pdf, docx, xlsx, wav]);
await fake.close();
const kib = (n = 0) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  '\nRequest bytes per agent, one consensus run (an answer and a vote each; the winner, gpt, also presents), without / with 5 attachments\n',
);
console.log(['agent (wire API)', 'without', 'with', 'forms'].join(' | '));
const forms: Record<string, string> = {
  gpt: 'image, PDF as input_file; docx, xlsx, audio note as text',
  claude: 'image, PDF as document; docx, xlsx, audio note as text',
  gemini: 'image, PDF, audio as inlineData; docx, xlsx as text',
  local: 'image as image_url; PDF, docx, xlsx, audio note as text',
};
for (const [id, type] of agents) {
  console.log([`${id} (${type})`, kib(without[id]), kib(withFiles[id]), forms[id]].join(' | '));
}
