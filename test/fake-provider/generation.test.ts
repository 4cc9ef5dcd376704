/**
 * The fake provider's generation endpoints answer as the services do: over raw HTTP (the shapes of
 * OpenAI images, Google Imagen `:predict`, the Veo long-running operation and its keyed download,
 * xAI video requests, each provider's error body) and through the AI SDK clients.
 */
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createXai } from '@ai-sdk/xai';
import { experimental_generateImage as generateImage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeMp4, fakePng } from './generation-protocol.js';
import { createFakeProvider, type FakeProvider } from './server.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('fake generation endpoints (HTTP)', () => {
  it('OpenAI images: {created, data: [{b64_json}]} with n images', async () => {
    const res = await post(`${fake.baseUrls.openai}/images/generations`, {
      model: 'gpt-image-1',
      prompt: 'p',
      n: 2,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { created: number; data: Array<{ b64_json: string }> };
    expect(Object.keys(body)).toEqual(['created', 'data']);
    expect(body.data.map((d) => Buffer.from(d.b64_json, 'base64'))).toEqual([fakePng(), fakePng()]);
  });

  it('Google Imagen :predict: {predictions: [{bytesBase64Encoded, mimeType}]} per sampleCount', async () => {
    const res = await post(`${fake.baseUrls.gemini}/models/imagen-4.0-generate-001:predict`, {
      instances: [{ prompt: 'a fox' }],
      parameters: { sampleCount: 1 },
    });
    expect(await res.json()).toEqual({
      predictions: [{ bytesBase64Encoded: fakePng().toString('base64'), mimeType: 'image/png' }],
    });
    expect(fake.generationRequests.at(-1)).toMatchObject({
      provider: 'google',
      kind: 'image',
      model: 'imagen-4.0-generate-001',
      input: 'a fox',
    });
  });

  it('Veo: an operation, running once, then done with a file uri that needs the key', async () => {
    const started = await post(`${fake.baseUrls.gemini}/models/veo-3.0-generate-001:predictLongRunning`, {
      instances: [{ prompt: 'waves' }],
      parameters: { sampleCount: 1 },
    });
    const { name } = (await started.json()) as { name: string };
    expect(name).toMatch(/^models\/veo-3\.0-generate-001\/operations\/op\d+$/);
    const poll = async () => (await fetch(`${fake.baseUrls.gemini}/${name}`)).json();
    expect(await poll()).toEqual({ name });
    const done = (await poll()) as {
      done: boolean;
      response: { generateVideoResponse: { generatedSamples: Array<{ video: { uri: string } }> } };
    };
    expect(done.done).toBe(true);
    const uri = done.response.generateVideoResponse.generatedSamples[0]!.video.uri;
    expect(uri).toBe(`${fake.url}/v1beta/files/${name.split('/').at(-1)}:download?alt=media`);
    const refused = await fetch(uri);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' },
    });
    const file = await fetch(`${uri}&key=k`);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(fakeMp4());
  });

  it('xAI video: a request id, pending once, then done with the video url', async () => {
    const started = await post(`${fake.baseUrls.xai}/videos/generations`, {
      model: 'grok-imagine-video',
      prompt: 'p',
    });
    const { request_id: id } = (await started.json()) as { request_id: string };
    const poll = async () => (await fetch(`${fake.baseUrls.xai}/videos/${id}`)).json();
    expect(await poll()).toEqual({ status: 'pending' });
    expect(await poll()).toEqual({
      status: 'done',
      video: { url: `${fake.url}/xai/files/${id}.mp4`, duration: 5, respect_moderation: true },
      model: 'grok-imagine-video',
    });
  });

  it('failGenerations: each provider’s error body', async () => {
    fake.failGenerations({ status: 400, message: 'Blocked by policy.' });
    try {
      const openai = await post(`${fake.baseUrls.openai}/images/generations`, {
        model: 'gpt-image-1',
        prompt: 'p',
      });
      expect([openai.status, await openai.json()]).toEqual([
        400,
        { error: { message: 'Blocked by policy.', type: 'invalid_request_error', param: null, code: null } },
      ]);
      const google = await post(`${fake.baseUrls.gemini}/models/imagen-4.0-generate-001:predict`, {
        instances: [{ prompt: 'p' }],
      });
      expect([google.status, await google.json()]).toEqual([
        400,
        { error: { code: 400, message: 'Blocked by policy.', status: 'INVALID_ARGUMENT' } },
      ]);
      const xai = await post(`${fake.baseUrls.xai}/images/generations`, {
        model: 'grok-imagine-image',
        prompt: 'p',
      });
      expect([xai.status, await xai.json()]).toEqual([
        400,
        { code: 'Client specified an invalid argument', error: 'Blocked by policy.' },
      ]);
    } finally {
      fake.failGenerations(undefined);
    }
  });
});

describe('fake generation endpoints (AI SDK clients)', () => {
  it('Google Imagen and xAI images through their providers', async () => {
    const google = createGoogleGenerativeAI({ apiKey: 'k', baseURL: fake.baseUrls.gemini });
    const imagen = await generateImage({ model: google.image('imagen-4.0-generate-001'), prompt: 'a fox' });
    expect(Buffer.from(imagen.image.uint8Array)).toEqual(fakePng());
    const xai = createXai({ apiKey: 'k', baseURL: fake.baseUrls.xai });
    const grok = await generateImage({ model: xai.image('grok-imagine-image'), prompt: 'a fox' });
    expect(Buffer.from(grok.image.uint8Array)).toEqual(fakePng());
    expect(fake.generationRequests.slice(-1)[0]!.body).toEqual({
      model: 'grok-imagine-image',
      prompt: 'a fox',
      n: 1,
      response_format: 'b64_json',
    });
  });

  it('a Google error reaches the caller with its message', async () => {
    fake.failGenerations({ status: 429, message: 'Quota exceeded.' });
    try {
      const google = createGoogleGenerativeAI({ apiKey: 'k', baseURL: fake.baseUrls.gemini });
      await expect(
        generateImage({ model: google.image('imagen-4.0-generate-001'), prompt: 'p', maxRetries: 0 }),
      ).rejects.toThrow('Quota exceeded.');
    } finally {
      fake.failGenerations(undefined);
    }
  });
});
