/**
 * Media parts as the four wire APIs document them: the fake provider records each one it receives
 * (decoded) and answers a malformed one with the 400 its provider would send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from './server.js';

let provider: FakeProvider;
beforeAll(async () => {
  provider = await createFakeProvider({ scenario: () => ({ text: 'ok' }) });
});
afterAll(() => provider.close());

const post = (path: string, body: unknown) =>
  fetch(`${provider.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
const png = Buffer.from('89504e470d0a1a0a', 'hex');
const b64 = png.toString('base64');

async function errorOf(response: Response): Promise<unknown> {
  expect(response.status).toBe(400);
  return response.json();
}

describe('media parts (fake provider)', () => {
  it('records each protocol’s documented parts, decoded', async () => {
    const since = provider.requests.length;
    await post('/v1/responses', {
      model: 'm',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_image', image_url: `data:image/png;base64,${b64}` },
            { type: 'input_file', filename: 'a.pdf', file_data: `data:application/pdf;base64,${b64}` },
          ],
        },
      ],
    });
    await post('/v1/messages', {
      model: 'm',
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64 } },
            { type: 'text', text: 'hi' },
          ],
        },
      ],
    });
    await post('/v1beta/models/m:generateContent', {
      contents: [
        { role: 'user', parts: [{ inlineData: { mimeType: 'audio/wav', data: b64 } }, { text: 'hi' }] },
      ],
    });
    await post('/v1/chat/completions', {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: `data:image/png;base64,${b64}` } },
            { type: 'input_audio', input_audio: { data: b64, format: 'wav' } },
          ],
        },
      ],
    });
    const seen = provider.requests
      .slice(since)
      .map((r) =>
        r.media?.map((m) => `${m.wireType} ${m.mediaType} ${m.bytes}${m.filename ? ` ${m.filename}` : ''}`),
      );
    expect(seen).toEqual([
      ['input_image image/png 8', 'input_file application/pdf 8 a.pdf'],
      ['image image/png 8'],
      ['inlineData audio/wav 8'],
      ['image_url image/png 8', 'input_audio audio/wav 8'],
    ]);
  });

  it('Responses: an input_image that is not a data URL, an input_file without a filename', async () => {
    const bad = await post('/v1/responses', {
      model: 'm',
      input: [{ role: 'user', content: [{ type: 'input_image', image_url: b64 }] }],
    });
    expect(await errorOf(bad)).toMatchObject({
      error: {
        message: 'input_image.image_url: expected a data URL (data:<media type>;base64,<data>)',
        type: 'invalid_request_error',
      },
    });
    const noName = await post('/v1/responses', {
      model: 'm',
      input: [
        { role: 'user', content: [{ type: 'input_file', file_data: `data:application/pdf;base64,${b64}` }] },
      ],
    });
    expect(await errorOf(noName)).toMatchObject({
      error: { message: 'input_file.filename: required with file_data' },
    });
  });

  it('Anthropic: an image of a type it does not take, a document without a source', async () => {
    const bmp = await post('/v1/messages', {
      model: 'm',
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: b64 } }],
        },
      ],
    });
    expect(await errorOf(bmp)).toMatchObject({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message:
          "image.source.media_type: Input should be 'image/jpeg' or 'image/png' or 'image/gif' or 'image/webp'",
      },
    });
    const noSource = await post('/v1/messages', {
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'document' }] }],
    });
    expect(await errorOf(noSource)).toMatchObject({ error: { message: 'document.source: Field required' } });
  });

  it('Gemini and Chat Completions: bad base64, an audio format Chat Completions does not take', async () => {
    const gemini = await post('/v1beta/models/m:generateContent', {
      contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'not base64!' } }] }],
    });
    expect(await errorOf(gemini)).toMatchObject({
      error: { code: 400, message: 'inlineData.data: invalid base64 data' },
    });
    const chat = await post('/v1/chat/completions', {
      model: 'm',
      messages: [
        { role: 'user', content: [{ type: 'input_audio', input_audio: { data: b64, format: 'flac' } }] },
      ],
    });
    expect(await errorOf(chat)).toMatchObject({
      error: { message: "input_audio.format: expected 'wav' or 'mp3'" },
    });
  });
});
