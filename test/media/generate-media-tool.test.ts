/**
 * The `generate_media` tool on its own, against the fake provider: defaults (mode image, the
 * agent's own provider, a file named after the prompt), never overwriting, bad arguments.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMediaToolEntry } from '../../src/media/generate-media-tool.js';
import { fakePng } from '../fake-provider/generation-protocol.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

function tool(workspace: string) {
  return generateMediaToolEntry({
    workspace,
    ownType: 'gemini',
    levels: [],
    credentials: (p) => (p === 'google' ? { apiKey: 'k', baseURL: fake.baseUrls.gemini } : undefined),
    env: {},
    timeoutMs: 30_000,
  });
}

const context = { signal: new AbortController().signal, agentId: 'a', toolCallId: 'c' };

describe('generate_media tool', () => {
  it('defaults to an image from the agent’s own provider (Imagen), named after the prompt; never overwrites', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'gm-tool-'));
    const entry = tool(ws);
    const first = await entry.execute!({ prompt: 'A small fox!' }, context);
    expect(first.isError).toBeUndefined();
    const [name] = readdirSync(ws);
    expect(name).toMatch(/^A_small_fox_\d+\.png$/);
    expect(readFileSync(path.join(ws, name!))).toEqual(fakePng());
    expect(fake.generationRequests.at(-1)).toMatchObject({
      provider: 'google',
      kind: 'image',
      model: 'imagen-4.0-generate-001',
      input: 'A small fox!',
    });
    expect(first.media?.map((m) => [m.type, m.mediaType])).toEqual([['image', 'image/png']]);
    await entry.execute!({ prompt: 'again', filename: 'fox.png' }, context);
    const again = await entry.execute!(
      { prompt: 'again', filename: 'sub/fox.jpeg', aspect_ratio: '16:9' },
      context,
    );
    expect((again.value as { file: string }).file).toBe('fox_2.png');
    expect(fake.generationRequests.at(-1)!.body.parameters).toEqual({ sampleCount: 1, aspectRatio: '16:9' });
  });

  it('bad arguments are error results', async () => {
    const entry = tool(mkdtempSync(path.join(os.tmpdir(), 'gm-tool-')));
    expect(await entry.execute!({ prompt: '  ' }, context)).toEqual({
      value: 'generate_media needs a prompt.',
      isError: true,
    });
    expect(await entry.execute!({ prompt: 'p', mode: 'music' }, context)).toEqual({
      value: 'generate_media: mode must be image, audio or video (got music).',
      isError: true,
    });
    expect(await entry.execute!({ prompt: 'p', mode: 'audio' }, context)).toEqual({
      value:
        'No backend can generate audio: openai needs OPENAI_API_KEY (or an agent of type openai); Gemini speech (TTS) is not available: the AI SDK Google provider (@ai-sdk/google 3.0) has no speech model; xAI speech is not available: the AI SDK xAI provider (@ai-sdk/xai 3.0) has no speech model.',
      isError: true,
    });
  });
});
