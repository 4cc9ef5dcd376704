/**
 * Attachments through the built CLI against the fake provider: one run with an image, a PDF, a
 * .docx, an .xlsx and a WAV file attached, on OpenAI Responses, Anthropic, Gemini and Chat
 * Completions agents. Each request carries the native part where the protocol has one (in the shape
 * its documentation gives) and the converted text where it does not; bad files stop the run before
 * any request.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeRequest } from '../fake-provider/scenario.js';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { makeDocx, makePdf, makePng, makeWav, makeXlsx } from '../support/media-files.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider({ scenario: consensus() });
});
afterAll(() => fake.close());

function fourAgents(models: Record<'openai' | 'claude' | 'gemini' | 'chat', string>): string {
  const agent = (id: string, type: string, model: string, url: string) => [
    `  - id: ${id}`,
    `    backend: { type: ${type}, model: ${model}, base_url: "${url}", api_key: test-key }`,
  ];
  return [
    'agents:',
    ...agent('gpt', 'openai', models.openai, fake.baseUrls.openai),
    ...agent('claude', 'claude', models.claude, fake.baseUrls.anthropic),
    ...agent('gemini', 'gemini', models.gemini, fake.baseUrls.gemini),
    ...agent('local', 'chatcompletion', models.chat, fake.baseUrls.chat),
    '',
  ].join('\n');
}

/** Every text of a request body's user content (any protocol), joined. */
function userText(req: FakeRequest): string {
  return JSON.stringify(req.body);
}

function events(stdout: string): Array<Record<string, unknown>> {
  return readFileSync(path.join(field(stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('attachments through the CLI', () => {
  it('gives each agent each file in the best form its wire API takes', async () => {
    const home = tempHome();
    const png = makePng(3, 2);
    const pdf = await makePdf(['Quarterly revenue grew 12 percent']);
    const wav = makeWav();
    writeFile(home, 'chart.png', png as unknown as string);
    writeFile(home, 'report.pdf', pdf as unknown as string);
    writeFile(home, 'plan.docx', (await makeDocx('Launch plan', ['Ship in May'])) as unknown as string);
    writeFile(
      home,
      'sales.xlsx',
      (await makeXlsx({
        Sales: [
          ['city', 'units'],
          ['Oslo', 42],
        ],
      })) as unknown as string,
    );
    writeFile(home, 'memo.wav', wav as unknown as string);
    const models = { openai: 'att-gpt', claude: 'att-claude', gemini: 'att-gemini', chat: 'att-local' };
    const config = writeFile(home, 'four.yaml', fourAgents(models));
    const before = fake.requests.length;
    const r = await runCli(
      [
        '--automation',
        '--config',
        config,
        '--attach',
        'chart.png',
        '--attach',
        'report.pdf',
        '--attach',
        'memo.wav',
        'Summarise @plan.docx and @sales.xlsx.',
      ],
      { cwd: home },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = fake.requests.slice(before);
    const first = (model: string) => sent.find((q) => q.model === model)!;
    const docxText = '# Launch plan\\n\\nShip in May';
    const xlsxText = '## Sheet: Sales\\n\\n| city | units |\\n| --- | --- |\\n| Oslo | 42 |';
    const pdfText = '## Page 1\\n\\nQuarterly revenue grew 12 percent';
    const audioNote = '[audio file memo.wav: no transcript';
    // The question names the files by their absolute paths.
    for (const model of Object.values(models)) {
      expect(userText(first(model))).toContain(`Summarise ${home}/plan.docx and ${home}/sales.xlsx.`);
    }

    // OpenAI Responses: input_image (data URL) and input_file (PDF, with its filename); text for the rest.
    const gpt = first(models.openai);
    expect(gpt.media).toEqual([
      { wireType: 'input_image', mediaType: 'image/png', bytes: png.length, data: png },
      {
        wireType: 'input_file',
        mediaType: 'application/pdf',
        bytes: pdf.length,
        data: pdf,
        filename: 'report.pdf',
      },
    ]);
    const gptContent = gpt.body.input.find((i: { role?: string }) => i.role === 'user').content;
    expect(gptContent[0]).toEqual({
      type: 'input_image',
      image_url: `data:image/png;base64,${png.toString('base64')}`,
    });
    expect(gptContent[1]).toEqual({
      type: 'input_file',
      filename: 'report.pdf',
      file_data: `data:application/pdf;base64,${pdf.toString('base64')}`,
    });
    expect(userText(gpt)).toContain(audioNote);
    expect(userText(gpt)).toContain(docxText);
    expect(userText(gpt)).toContain(xlsxText);
    expect(userText(gpt)).not.toContain(pdfText);

    // Anthropic: image and document blocks with base64 sources.
    const claude = first(models.claude);
    expect(claude.media?.map((m) => [m.wireType, m.mediaType, m.bytes])).toEqual([
      ['image', 'image/png', png.length],
      ['document', 'application/pdf', pdf.length],
    ]);
    const claudeContent = claude.body.messages[0].content;
    expect(claudeContent[0]).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: png.toString('base64') },
    });
    expect(claudeContent[1]).toMatchObject({
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') },
    });
    expect(userText(claude)).toContain(audioNote);
    expect(userText(claude)).toContain(docxText);
    expect(userText(claude)).not.toContain(pdfText);

    // Gemini: inlineData for the image, the PDF and the audio; text for the Office files.
    const gemini = first(models.gemini);
    expect(gemini.media?.map((m) => [m.wireType, m.mediaType, m.bytes])).toEqual([
      ['inlineData', 'image/png', png.length],
      ['inlineData', 'application/pdf', pdf.length],
      ['inlineData', 'audio/wav', wav.length],
    ]);
    expect(gemini.body.contents[0].parts[0]).toEqual({
      inlineData: { mimeType: 'image/png', data: png.toString('base64') },
    });
    expect(userText(gemini)).not.toContain(audioNote);
    expect(userText(gemini)).toContain(xlsxText);
    expect(userText(gemini)).not.toContain(pdfText);

    // Chat Completions: image_url for the image; the PDF, the documents and the audio as text.
    const local = first(models.chat);
    expect(local.media?.map((m) => [m.wireType, m.mediaType, m.bytes])).toEqual([
      ['image_url', 'image/png', png.length],
    ]);
    expect(local.body.messages.find((m: { role: string }) => m.role === 'user').content[0]).toEqual({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${png.toString('base64')}` },
    });
    for (const text of [pdfText, docxText, xlsxText, audioNote]) expect(userText(local)).toContain(text);

    // Every request of the run carries the files (answers, votes, the presentation).
    expect(sent.filter((q) => (q.media?.length ?? 0) === 0)).toEqual([]);

    // One attachment event per agent and file, saying which form it got.
    const forms = events(r.stdout)
      .filter((e) => e.type === 'attachment')
      .map((e) => `${e.agentId} ${e.name} ${e.form}`);
    expect(forms).toEqual([
      'gpt chart.png image',
      'gpt report.pdf file',
      'gpt memo.wav text',
      'gpt plan.docx text',
      'gpt sales.xlsx text',
      'claude chart.png image',
      'claude report.pdf file',
      'claude memo.wav text',
      'claude plan.docx text',
      'claude sales.xlsx text',
      'gemini chart.png image',
      'gemini report.pdf file',
      'gemini memo.wav file',
      'gemini plan.docx text',
      'gemini sales.xlsx text',
      'local chart.png image',
      'local report.pdf text',
      'local memo.wav text',
      'local plan.docx text',
      'local sales.xlsx text',
    ]);
  });

  it('shows which form each agent got in the plain display', async () => {
    const home = tempHome();
    writeFile(home, 'chart.png', makePng() as unknown as string);
    const config = writeFile(
      home,
      'one.yaml',
      [
        'agents:',
        `  - id: solo`,
        `    backend: { type: chatcompletion, model: att-plain, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        '',
      ].join('\n'),
    );
    const r = await runCli(['--config', config, '--attach', 'chart.png', 'Describe it'], { cwd: home });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('📎'))).toEqual([
      '📎 [solo] chart.png (image/png) as an image, 1 KB',
    ]);
  });

  it('a corrupt PDF: a clear error naming the file, exit 1, no request made', async () => {
    const home = tempHome();
    writeFile(home, 'broken.pdf', '%PDF-1.7\nthis is not a PDF body\n');
    const config = writeFile(
      home,
      'four.yaml',
      fourAgents({ openai: 'c1', claude: 'c2', gemini: 'c3', chat: 'c4' }),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, '--attach', 'broken.pdf', 'Q'], {
      cwd: home,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: attachment ${home}/broken.pdf (--attach): not a readable PDF (Invalid PDF structure.); check that the file is not damaged or password-protected.\n`,
    );
    expect(r.stdout).toBe('');
    expect(fake.requests.length).toBe(before);
  });

  it('@path of a file that does not exist: an error before any request; --no-parse-at-references takes it literally', async () => {
    const home = tempHome();
    const config = writeFile(
      home,
      'one.yaml',
      [
        'agents:',
        `  - id: solo`,
        `    backend: { type: chatcompletion, model: att-literal, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        '',
      ].join('\n'),
    );
    const before = fake.requests.length;
    const missing = await runCli(['--automation', '--config', config, 'Look at @nothere.png'], { cwd: home });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: @path reference not found: nothere.png (relative to ${home}); check the path, write \\@ for a literal @, or turn references off with --no-parse-at-references.\n`,
    );
    expect(fake.requests.length).toBe(before);
    const literal = await runCli(
      ['--automation', '--config', config, '--no-parse-at-references', 'Look at @nothere.png'],
      { cwd: home },
    );
    expect(literal.code).toBe(0);
    expect(fake.requests.find((q) => q.index >= before && q.model === 'att-literal')?.lastUserText).toContain(
      'Look at @nothere.png',
    );
  });

  it('upload_files in the config: that agent only gets the file', async () => {
    const home = tempHome();
    const png = makePng();
    writeFile(home, 'photo.png', png as unknown as string);
    const config = writeFile(
      home,
      'up.yaml',
      [
        'agents:',
        '  - id: seer',
        `    backend: { type: claude, model: up-seer, base_url: "${fake.baseUrls.anthropic}", api_key: k, upload_files: [{ image_path: photo.png }] }`,
        '  - id: blind',
        `    backend: { type: claude, model: up-blind, base_url: "${fake.baseUrls.anthropic}", api_key: k }`,
        '',
      ].join('\n'),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, 'What is in the photo?'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = fake.requests.slice(before);
    expect(sent.filter((q) => q.model === 'up-seer').every((q) => q.media?.length === 1)).toBe(true);
    expect(sent.filter((q) => q.model === 'up-blind').map((q) => q.media?.length)).toEqual(
      sent.filter((q) => q.model === 'up-blind').map(() => 0),
    );
    const missing = writeFile(
      home,
      'gone.yaml',
      [
        'agents:',
        '  - id: seer',
        `    backend: { type: claude, model: up-gone, base_url: "${fake.baseUrls.anthropic}", api_key: k, upload_files: [{ image_path: gone.png }] }`,
        '',
      ].join('\n'),
    );
    const gone = await runCli(['--automation', '--config', missing, 'Q'], { cwd: home });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toBe(
      `error: attachment ${home}/gone.png (agents[0].backend.upload_files[0]): no such file; check the path (relative paths are relative to the working directory).\n`,
    );
  });

  it('--transcription-model: the audio is transcribed once for the agents that cannot listen to it', async () => {
    const home = tempHome();
    const wav = makeWav();
    writeFile(home, 'memo.wav', wav as unknown as string);
    const config = writeFile(
      home,
      'two.yaml',
      [
        'agents:',
        '  - id: claude',
        `    backend: { type: claude, model: tr-claude, base_url: "${fake.baseUrls.anthropic}", api_key: k }`,
        '  - id: local',
        `    backend: { type: chatcompletion, model: tr-local, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        '  - id: gemini',
        `    backend: { type: gemini, model: tr-gemini, base_url: "${fake.baseUrls.gemini}", api_key: k }`,
        '',
      ].join('\n'),
    );
    const since = fake.transcriptionRequests.length;
    const before = fake.requests.length;
    const r = await runCli(
      [
        '--automation',
        '--config',
        config,
        '--attach',
        'memo.wav',
        '--transcription-model',
        'whisper-1',
        'What does it say?',
      ],
      { cwd: home, env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseUrls.openai } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fake.transcriptionRequests.slice(since)).toEqual([
      { model: 'whisper-1', file: { filename: 'audio.wav', contentType: 'audio/wav', bytes: wav.length } },
    ]);
    const sent = fake.requests.slice(before);
    const transcript =
      '<attachment name=\\"memo.wav\\" type=\\"audio/wav\\">\\nThis is the fake transcript of the audio.\\n</attachment>';
    for (const model of ['tr-claude', 'tr-local']) {
      expect(userText(sent.find((q) => q.model === model)!)).toContain(transcript);
    }
    const gemini = sent.find((q) => q.model === 'tr-gemini')!;
    expect(userText(gemini)).not.toContain('fake transcript');
    expect(gemini.media?.map((m) => m.mediaType)).toEqual(['audio/wav']);

    const noKey = await runCli(
      ['--automation', '--config', config, '--attach', 'memo.wav', '--transcription-model', 'whisper-1', 'Q'],
      {
        cwd: home,
      },
    );
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toBe(
      'error: --transcription-model whisper-1 needs an OpenAI key: set OPENAI_API_KEY in the environment, in ./.env or in ~/.massgen/.env (OPENAI_BASE_URL points it at another server).\n',
    );
  });
});
