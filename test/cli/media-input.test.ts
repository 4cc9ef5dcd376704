/**
 * Media input settings through the built CLI against the fake provider (which records what it
 * receives): PDF page images when asked (`pages_as_images`, `orchestrator.media_input`), native
 * audio for OpenAI's audio models on Chat Completions, the `media_input` keys for transcription and
 * video sampling, attachments for group-chat members, and `upload_files` URLs served by a local HTTP
 * server in the test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { makePdf, makePng, makeWav } from '../support/media-files.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

let fake: FakeProvider;
let files: Server;
let filesUrl: string;
const served: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
let pdfBytes: Buffer;

beforeAll(async () => {
  fake = await createFakeProvider({ scenario: consensus() });
  pdfBytes = await makePdf(['Served over HTTP']);
  files = createServer((req, res) => {
    served.push({ path: req.url ?? '', headers: req.headers });
    const url = req.url ?? '';
    if (url.startsWith('/files/report.pdf')) {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(pdfBytes);
    } else if (url === '/download?id=7&sig=secret') {
      // No extension: the type comes from the bytes.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(makePng(2, 2));
    } else if (url === '/blob') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe]));
    } else if (url === '/huge.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(200 * 1024 * 1024) });
      res.write('%PDF-1.7\n');
      // The client gives up on the declared length; the connection is closed when it does.
    } else if (url === '/slow.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(makePng().subarray(0, 8));
      // Never finishes: the download times out.
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
  files.closeAllConnections();
  await new Promise((resolve) => files.close(resolve));
  await fake.close();
});

function events(stdout: string): Array<Record<string, unknown>> {
  return readFileSync(path.join(field(stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const forms = (stdout: string) =>
  events(stdout)
    .filter((e) => e.type === 'attachment')
    .map((e) => `${e.agentId} ${e.name} ${e.form}`);

const byModel = (since: number, model: string): FakeRequest[] =>
  fake.requests.slice(since).filter((q) => q.model === model);

describe('media input (CLI)', () => {
  it('pages_as_images: an agent that gets the PDF as text also gets its pages as PNG images; a native one the file', async () => {
    const home = tempHome();
    writeFile(
      home,
      'deck.pdf',
      (await makePdf(['First page', 'Second page', 'Third page'])) as unknown as string,
    );
    const config = writeFile(
      home,
      'pages.yaml',
      [
        'agents:',
        '  - id: local',
        `    backend: { type: chatcompletion, model: pg-local, base_url: "${fake.baseUrls.chat}", api_key: k, upload_files: [{ file_path: deck.pdf, pages_as_images: true }] }`,
        '  - id: claude',
        `    backend: { type: claude, model: pg-claude, base_url: "${fake.baseUrls.anthropic}", api_key: k, upload_files: [{ file_path: deck.pdf, pages_as_images: true }] }`,
        '',
      ].join('\n'),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, 'Summarise the deck'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const local = byModel(before, 'pg-local')[0]!;
    expect(local.media?.map((m) => [m.wireType, m.mediaType])).toEqual([
      ['image_url', 'image/png'],
      ['image_url', 'image/png'],
      ['image_url', 'image/png'],
    ]);
    for (const m of local.media ?? []) expect([...m.data!.subarray(0, 4)]).toEqual(PNG_MAGIC);
    const body = JSON.stringify(local.body);
    expect(body).toContain('## Page 2\\n\\nSecond page');
    expect(body).toContain('Pages 1-3 as images follow.');
    const claude = byModel(before, 'pg-claude')[0]!;
    expect(claude.media?.map((m) => [m.wireType, m.mediaType])).toEqual([['document', 'application/pdf']]);
    expect(forms(r.stdout)).toEqual(['local deck.pdf pages', 'claude deck.pdf file']);
  });

  it('media_input.pdf_pages_as_images: --attach PDFs get page images too; without it, text only', async () => {
    const home = tempHome();
    writeFile(home, 'one.pdf', (await makePdf(['Only page'])) as unknown as string);
    const yaml = (extra: string[]) =>
      writeFile(
        home,
        `cfg${extra.length}.yaml`,
        [
          'agents:',
          '  - id: local',
          `    backend: { type: chatcompletion, model: pg-all-${extra.length}, base_url: "${fake.baseUrls.chat}", api_key: k }`,
          ...extra,
          '',
        ].join('\n'),
      );
    const before = fake.requests.length;
    const withPages = await runCli(
      [
        '--automation',
        '--config',
        yaml(['orchestrator:', '  media_input: { pdf_pages_as_images: true }']),
        '--attach',
        'one.pdf',
        'Q',
      ],
      { cwd: home },
    );
    expect(withPages.stderr).toBe('');
    expect(withPages.code).toBe(0);
    const withoutPages = await runCli(['--automation', '--config', yaml([]), '--attach', 'one.pdf', 'Q'], {
      cwd: home,
    });
    expect(withoutPages.code).toBe(0);
    expect(byModel(before, 'pg-all-2')[0]!.media?.map((m) => m.mediaType)).toEqual(['image/png']);
    expect(JSON.stringify(byModel(before, 'pg-all-2')[0]!.body)).toContain('Page 1 as an image follows.');
    expect(byModel(before, 'pg-all-0')[0]!.media).toEqual([]);
    expect(forms(withPages.stdout)).toEqual(['local one.pdf pages']);
    expect(forms(withoutPages.stdout)).toEqual(['local one.pdf text']);
  });

  it('audio: input_audio for an OpenAI audio model on Chat Completions; a transcript note elsewhere', async () => {
    const home = tempHome();
    const wav = makeWav();
    writeFile(home, 'memo.wav', wav as unknown as string);
    const config = writeFile(
      home,
      'audio.yaml',
      [
        'agents:',
        '  - id: listener',
        `    backend: { type: chatcompletion, model: gpt-4o-audio-preview, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        '  - id: reader',
        `    backend: { type: chatcompletion, model: au-reader, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        '  - id: gpt',
        `    backend: { type: openai, model: au-gpt, base_url: "${fake.baseUrls.openai}", api_key: k }`,
        '',
      ].join('\n'),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, '--attach', 'memo.wav', 'What is said?'], {
      cwd: home,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const listener = byModel(before, 'gpt-4o-audio-preview')[0]!;
    expect(listener.media).toEqual([
      { wireType: 'input_audio', mediaType: 'audio/wav', bytes: wav.length, data: wav },
    ]);
    expect(JSON.stringify(listener.body)).not.toContain('no transcript');
    const note = '[audio file memo.wav: no transcript';
    expect(byModel(before, 'au-reader')[0]!.media).toEqual([]);
    expect(JSON.stringify(byModel(before, 'au-reader')[0]!.body)).toContain(note);
    expect(JSON.stringify(byModel(before, 'au-gpt')[0]!.body)).toContain(note);
    expect(forms(r.stdout)).toEqual(['listener memo.wav file', 'reader memo.wav text', 'gpt memo.wav text']);
  });

  it('media_input.transcription_model: transcribes once for the agents that cannot listen; a missing key names the key', async () => {
    const home = tempHome();
    const wav = makeWav();
    writeFile(home, 'memo.wav', wav as unknown as string);
    const config = writeFile(
      home,
      'tr.yaml',
      [
        'agents:',
        '  - id: a',
        `    backend: { type: claude, model: mi-tr-a, base_url: "${fake.baseUrls.anthropic}", api_key: k }`,
        '  - id: b',
        `    backend: { type: chatcompletion, model: mi-tr-b, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        'orchestrator:',
        '  media_input: { transcription_model: gpt-4o-transcribe }',
        '',
      ].join('\n'),
    );
    const since = fake.transcriptionRequests.length;
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, '--attach', 'memo.wav', 'Q'], {
      cwd: home,
      env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseUrls.openai },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fake.transcriptionRequests.slice(since).map((t) => t.model)).toEqual(['gpt-4o-transcribe']);
    for (const model of ['mi-tr-a', 'mi-tr-b']) {
      expect(JSON.stringify(byModel(before, model)[0]!.body)).toContain(
        'This is the fake transcript of the audio.',
      );
    }
    // Without audio attached the model is never made: no key is needed.
    writeFile(home, 'pic.png', makePng() as unknown as string);
    const noAudio = await runCli(['--automation', '--config', config, '--attach', 'pic.png', 'Q'], {
      cwd: home,
    });
    expect(noAudio.stderr).toBe('');
    expect(noAudio.code).toBe(0);
    const noKey = await runCli(['--automation', '--config', config, '--attach', 'memo.wav', 'Q'], {
      cwd: home,
    });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toBe(
      'error: orchestrator.media_input.transcription_model: gpt-4o-transcribe needs an OpenAI key: set OPENAI_API_KEY in the environment, in ./.env or in ~/.massgen/.env (OPENAI_BASE_URL points it at another server).\n',
    );
  });

  it('media_input keys are checked: a bad extraction_mode names the key', async () => {
    const home = tempHome();
    const config = writeFile(
      home,
      'bad.yaml',
      [
        'agents:',
        '  - id: a',
        `    backend: { type: chatcompletion, model: mi-bad, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        'orchestrator:',
        '  media_input: { extraction_mode: keyframes, max_frames: 0 }',
        '',
      ].join('\n'),
    );
    const r = await runCli(['--validate', config], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('orchestrator.media_input.extraction_mode');
    expect(r.stdout + r.stderr).toContain('orchestrator.media_input.max_frames');
  });

  describe.skipIf(!hasFfmpeg)('video sampling keys', () => {
    /** Two seconds: one red, one blue (one scene change). */
    function makeVideo(dir: string): string {
      const file = path.join(dir, 'clip.mp4');
      execFileSync('ffmpeg', [
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        'color=red:s=64x64:d=1:r=10',
        '-f',
        'lavfi',
        '-i',
        'color=blue:s=64x64:d=1:r=10',
        '-filter_complex',
        '[0:v][1:v]concat=n=2:v=1[v]',
        '-map',
        '[v]',
        '-pix_fmt',
        'yuv420p',
        file,
      ]);
      return file;
    }

    for (const [mode, maxFrames, frames] of [
      ['uniform', 3, 3],
      ['scene', 5, 2],
    ] as const) {
      it(`extraction_mode: ${mode}, max_frames: ${maxFrames} → ${frames} frames for Claude`, async () => {
        const home = tempHome();
        makeVideo(home);
        const model = `mi-video-${mode}`;
        const config = writeFile(
          home,
          'video.yaml',
          [
            'agents:',
            '  - id: claude',
            `    backend: { type: claude, model: ${model}, base_url: "${fake.baseUrls.anthropic}", api_key: k }`,
            'orchestrator:',
            `  media_input: { extraction_mode: ${mode}, max_frames: ${maxFrames} }`,
            '',
          ].join('\n'),
        );
        const before = fake.requests.length;
        const r = await runCli(['--automation', '--config', config, '--attach', 'clip.mp4', 'Q'], {
          cwd: home,
        });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const media = byModel(before, model)[0]!.media ?? [];
        expect(media.map((m) => [m.wireType, m.mediaType])).toEqual(
          Array.from({ length: frames }, () => ['image', 'image/jpeg']),
        );
      });
    }
  });

  it('group chat: each member gets the attachments in its backend form, also the summary writer', async () => {
    const home = tempHome();
    const png = makePng(3, 3);
    const pdf = await makePdf(['Group chat input']);
    writeFile(home, 'chart.png', png as unknown as string);
    writeFile(home, 'brief.pdf', pdf as unknown as string);
    const config = writeFile(
      home,
      'chat.yaml',
      [
        'agents:',
        '  - id: claude',
        `    backend: { type: claude, model: gc-claude, base_url: "${fake.baseUrls.anthropic}", api_key: k }`,
        '  - id: local',
        `    backend: { type: chatcompletion, model: gc-local, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        'orchestrator:',
        '  mode: group_chat',
        '  group_chat: { max_rounds: 1, summary_method: llm_summary, summary_agent: local }',
        '',
      ].join('\n'),
    );
    const before = fake.requests.length;
    const r = await runCli(
      ['--automation', '--config', config, '--attach', 'chart.png', '--attach', 'brief.pdf', 'Discuss'],
      { cwd: home },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const claude = byModel(before, 'gc-claude');
    const local = byModel(before, 'gc-local');
    // One turn each, then the summary by local.
    expect([claude.length, local.length]).toEqual([1, 2]);
    expect(claude[0]!.media?.map((m) => [m.wireType, m.mediaType, m.bytes])).toEqual([
      ['image', 'image/png', png.length],
      ['document', 'application/pdf', pdf.length],
    ]);
    for (const q of local) {
      expect(q.media?.map((m) => [m.wireType, m.mediaType, m.bytes])).toEqual([
        ['image_url', 'image/png', png.length],
      ]);
      expect(JSON.stringify(q.body)).toContain('## Page 1\\n\\nGroup chat input');
    }
    expect(forms(r.stdout)).toEqual([
      'claude chart.png image',
      'claude brief.pdf file',
      'local chart.png image',
      'local brief.pdf text',
    ]);
  });

  it('a team in a voting run: each member gets the files in its own backend form, with its own upload_files', async () => {
    const home = tempHome();
    const png = makePng(4, 4);
    const pdf = await makePdf(['Team input']);
    writeFile(home, 'chart.png', png as unknown as string);
    writeFile(home, 'brief.pdf', pdf as unknown as string);
    const config = writeFile(
      home,
      'team.yaml',
      [
        'agents:',
        '  - id: team',
        '    group_chat:',
        '      max_rounds: 1',
        '      summary_method: llm_summary',
        '      summary_agent: local',
        '      agents:',
        '        - id: claude',
        `          backend: { type: claude, model: tm-claude, base_url: "${fake.baseUrls.anthropic}", api_key: k, upload_files: [{ image_path: chart.png }] }`,
        '        - id: local',
        `          backend: { type: chatcompletion, model: tm-local, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        '  - id: solo',
        `    backend: { type: chatcompletion, model: tm-solo, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        '',
      ].join('\n'),
    );
    const before = fake.requests.length;
    const r = await runCli(['--config', config, '--attach', 'brief.pdf', 'Discuss'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const claude = byModel(before, 'tm-claude');
    const local = byModel(before, 'tm-local');
    // Two discussions (the answer, then the vote): claude speaks in each; local speaks, then replies
    // with the workflow tools; then local presents the team's final answer.
    expect([claude.length, local.length]).toEqual([2, 5]);
    expect(local.map((q) => q.tools.map((t) => t.name).join(','))).toEqual([
      '',
      'new_answer,vote',
      '',
      'new_answer,vote',
      '',
    ]);
    for (const q of claude) {
      expect(q.media?.map((m) => [m.wireType, m.mediaType, m.bytes])).toEqual([
        ['document', 'application/pdf', pdf.length],
        ['image', 'image/png', png.length],
      ]);
    }
    // The summary agent, in its discussion turn and in the team's replies with the workflow tools.
    for (const q of local) {
      expect(q.media).toEqual([]);
      const body = JSON.stringify(q.body);
      expect(body).toContain('## Page 1\\n\\nTeam input');
      // Once: the member's own text form, not also the team's.
      expect(body.split('Team input').length).toBe(2);
    }
    expect(byModel(before, 'tm-solo').map((q) => JSON.stringify(q.body).includes('Team input'))).toEqual([
      true,
      true,
    ]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('📎'))).toEqual([
      `📎 [team] brief.pdf (application/pdf) as a file, ${Math.ceil(pdf.length / 1024)} KB, for claude`,
      `📎 [team] chart.png (image/png) as an image, 1 KB, for claude`,
      `📎 [team] brief.pdf (application/pdf) as converted text, 1 KB, for local`,
      `📎 [solo] brief.pdf (application/pdf) as converted text, 1 KB`,
    ]);
  });

  it('upload_files URLs: fetched once before any agent starts, typed by their bytes, no credentials sent', async () => {
    const home = tempHome();
    const config = writeFile(
      home,
      'urls.yaml',
      [
        'agents:',
        '  - id: a',
        `    backend: { type: claude, model: url-a, base_url: "${fake.baseUrls.anthropic}", api_key: secret-key-a, upload_files: [{ file_path: "${filesUrl}/files/report.pdf" }, { image_path: "${filesUrl}/download?id=7&sig=secret" }] }`,
        '  - id: b',
        `    backend: { type: chatcompletion, model: url-b, base_url: "${fake.baseUrls.chat}", api_key: secret-key-b, upload_files: [{ file_path: "${filesUrl}/files/report.pdf" }] }`,
        '',
      ].join('\n'),
    );
    const since = served.length;
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, 'What does the report say?'], {
      cwd: home,
      env: { OPENAI_API_KEY: 'sk-env-secret' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const fetched = served.slice(since);
    expect(fetched.map((s) => s.path).sort()).toEqual(['/download?id=7&sig=secret', '/files/report.pdf']);
    for (const s of fetched) {
      expect(s.headers.authorization).toBeUndefined();
      expect(s.headers.cookie).toBeUndefined();
      expect(JSON.stringify(s.headers)).not.toMatch(/secret-key|sk-env-secret/);
    }
    expect(byModel(before, 'url-a')[0]!.media?.map((m) => [m.wireType, m.mediaType, m.bytes])).toEqual([
      ['document', 'application/pdf', pdfBytes.length],
      ['image', 'image/png', makePng(2, 2).length],
    ]);
    expect(JSON.stringify(byModel(before, 'url-b')[0]!.body)).toContain('## Page 1\\n\\nServed over HTTP');
    const attached = events(r.stdout).filter((e) => e.type === 'attachment');
    expect(attached.map((e) => `${e.agentId} ${e.name} ${e.form} ${e.path}`)).toEqual([
      `a report.pdf file ${filesUrl}/files/report.pdf`,
      `a download image ${filesUrl}/download?…`,
      `b report.pdf text ${filesUrl}/files/report.pdf`,
    ]);
    expect(readFileSync(path.join(field(r.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')).not.toContain(
      'sig=secret',
    );

    // --attach takes a URL too.
    const solo = writeFile(
      home,
      'solo.yaml',
      [
        'agents:',
        '  - id: solo',
        `    backend: { type: chatcompletion, model: url-solo, base_url: "${fake.baseUrls.chat}", api_key: k }`,
        '',
      ].join('\n'),
    );
    const viaAttach = await runCli(
      ['--automation', '--config', solo, '--attach', `${filesUrl}/files/report.pdf`, 'Q'],
      { cwd: home },
    );
    expect(viaAttach.stderr).toBe('');
    expect(viaAttach.code).toBe(0);
    expect(JSON.stringify(byModel(before, 'url-solo')[0]!.body)).toContain('## Page 1\\n\\nServed over HTTP');
  });

  it('upload_files URLs that fail: a clear error naming the URL and the reason, exit 1, no request made', async () => {
    const home = tempHome();
    const cases: Array<[string, string, string]> = [
      ['/missing.pdf', '', 'the server answered 404 Not Found; check the URL.\n'],
      ['/blob', '', 'unknown file type (served as application/octet-stream); attachments may be images'],
      ['/huge.pdf', '', '200.0 MB is over the 100.0 MB attachment limit; give a smaller file.\n'],
      [
        '/slow.png',
        '  media_input: { url_timeout_seconds: 0.5 }',
        'no complete answer within 0.5s; check the URL, or raise orchestrator.media_input.url_timeout_seconds.\n',
      ],
    ];
    for (const [file, extra, reason] of cases) {
      const config = writeFile(
        home,
        'bad-url.yaml',
        [
          'agents:',
          '  - id: a',
          `    backend: { type: claude, model: url-bad, base_url: "${fake.baseUrls.anthropic}", api_key: k, upload_files: [{ file_path: "${filesUrl}${file}" }] }`,
          ...(extra ? ['orchestrator:', extra] : []),
          '',
        ].join('\n'),
      );
      const before = fake.requests.length;
      const r = await runCli(['--automation', '--config', config, 'Q'], { cwd: home });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        `error: attachment ${filesUrl}${file} (agents[0].backend.upload_files[0]): `,
      );
      expect(r.stderr).toContain(reason);
      expect(r.stderr.split('\n').length).toBe(2);
      expect(fake.requests.length).toBe(before);
    }
  });
});
