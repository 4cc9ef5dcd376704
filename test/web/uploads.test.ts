/**
 * Files uploaded with `POST /api/runs` (`attachments`: name and base64 data): saved once under
 * `.massgen/uploads/`, given to every agent like `--attach` files; a file that cannot be used, or
 * data that is not base64, is a 400 naming it, and no request reaches the provider.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadName } from '../../src/web/uploads.js';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { makePng } from '../support/media-files.js';
import { api, readSse, sseEvents, startTestServer, writeAgentsConfig } from '../support/web.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider({ scenario: consensus() });
});
afterAll(() => fake.close());

describe('uploads with a run (HTTP API)', () => {
  it('the agents get the uploaded image; the attachment events name the saved file', async () => {
    const server = await startTestServer();
    try {
      const config = writeAgentsConfig(fake, server.home, ['a']);
      const png = makePng();
      const before = fake.requests.length;
      const started = await api(server, '/api/runs', {
        body: {
          configPath: config,
          question: 'What is in the picture?',
          attachments: [{ name: '../../etc/chart.png', data: png.toString('base64') }],
        },
      });
      expect(started.status).toBe(201);
      const events = sseEvents(await readSse(`${server.url}api/runs/${started.body.id}/events`));
      const attached = events.filter((e) => e.type === 'attachment');
      expect(attached.map((e) => (e.type === 'attachment' ? [e.agentId, e.name, e.form] : []))).toEqual([
        ['a', 'chart.png', 'image'],
      ]);
      const saved = attached[0]!.type === 'attachment' ? attached[0]!.path : '';
      expect(saved).toMatch(
        new RegExp(`^${server.home}/\\.massgen/uploads/\\d{8}_\\d{6}_[0-9a-f]{8}/chart\\.png$`),
      );
      expect(readFileSync(saved)).toEqual(png);
      const sent = fake.requests.slice(before);
      expect(sent.map((q) => q.media?.map((m) => m.mediaType))).toEqual(sent.map(() => ['image/png']));
    } finally {
      await server.close();
    }
  });

  it('a corrupt file or data that is not base64: 400 naming it, no request made', async () => {
    const server = await startTestServer();
    try {
      const config = writeAgentsConfig(fake, server.home, ['a']);
      const before = fake.requests.length;
      const corrupt = await api(server, '/api/runs', {
        body: {
          configPath: config,
          question: 'Q',
          attachments: [{ name: 'report.pdf', data: Buffer.from('%PDF-1.4 broken').toString('base64') }],
        },
      });
      expect(corrupt.status).toBe(400);
      expect(corrupt.body.error.message).toMatch(
        /^attachment \/.*\/\.massgen\/uploads\/[^/]+\/report\.pdf \(attachments\): not a readable PDF \(Invalid PDF structure\.\); check that the file is not damaged or password-protected\.$/,
      );
      const notBase64 = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Q', attachments: [{ name: 'a.png', data: 'not base64!' }] },
      });
      expect(notBase64.status).toBe(400);
      expect(notBase64.body.error.message).toBe(
        "The request body is not right: attachments[0].data: not base64 (send the file's bytes in base64).",
      );
      expect(fake.requests.length).toBe(before);
    } finally {
      await server.close();
    }
  });

  it('file names: the base name, without control characters or leading dots', () => {
    expect(uploadName('../../etc/passwd')).toBe('passwd');
    expect(uploadName('C:\\Users\\x\\photo.jpg')).toBe('photo.jpg');
    expect(uploadName('.env')).toBe('env');
    expect(uploadName('a\u0007b.png')).toBe('ab.png');
    expect(uploadName('..')).toBe('file');
  });
});
