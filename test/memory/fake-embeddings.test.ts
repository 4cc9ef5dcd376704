import { cosineSimilarity } from 'ai';
import { describe, expect, it } from 'vitest';
import { fakeEmbedding } from '../fake-provider/embeddings-protocol.js';
import { createFakeProvider } from '../fake-provider/server.js';

describe('fake provider embeddings', () => {
  it('are deterministic unit vectors where texts sharing words are near', () => {
    const a = fakeEmbedding('The user prefers teal logos');
    expect(a).toEqual(fakeEmbedding('the USER prefers teal logo!'));
    expect(Math.hypot(...a)).toBeCloseTo(1, 6);
    expect(fakeEmbedding('x', 16)).toHaveLength(16);
    const near = cosineSimilarity(a, fakeEmbedding('Which logo colour does the user prefer?'));
    const far = cosineSimilarity(a, fakeEmbedding('The quarterly revenue grew in March'));
    expect(near).toBeGreaterThan(far);
  });

  it('serve POST …/embeddings in OpenAI format with the requested dimensions', async () => {
    const fake = await createFakeProvider();
    try {
      const res = await fetch(`${fake.baseUrls.openai}/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', input: ['one', 'two words'], dimensions: 8 }),
      });
      const body = (await res.json()) as {
        data: Array<{ index: number; embedding: number[] }>;
        usage: { total_tokens: number };
      };
      expect(res.status).toBe(200);
      expect(
        body.data.map((d: { index: number; embedding: number[] }) => [d.index, d.embedding.length]),
      ).toEqual([
        [0, 8],
        [1, 8],
      ]);
      expect(body.usage.total_tokens).toBeGreaterThan(0);
      expect(fake.embeddingRequests).toEqual([{ model: 'm', input: ['one', 'two words'], dimensions: 8 }]);
      const bad = await fetch(`${fake.url}/v1/embeddings`, { method: 'POST', body: '{"input": 3}' });
      expect(bad.status).toBe(400);
      expect(fake.requests).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
