/**
 * Requests the real APIs reject, rejected by the fake the same way (status and error body), so that
 * a client that sends them fails its tests.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, jsonSchema, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from './protocol-suite.js';
import { createFakeProvider, type FakeProvider } from './server.js';

let provider: FakeProvider;
beforeAll(async () => {
  provider = await createFakeProvider({ scenario: () => ({ text: 'ok' }) });
});
afterAll(() => provider.close());

const post = (path: string, body: unknown) =>
  fetch(`${provider.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
const fn = (name: string, parameters: unknown, strict?: boolean | null) => ({
  type: 'function',
  name,
  parameters,
  ...(strict === undefined ? {} : { strict }),
});
const closed = {
  type: 'object' as const,
  properties: { a: { type: 'string' as const } },
  required: ['a'],
  additionalProperties: false,
};

describe('Responses API: function tools', () => {
  it('rejects a function tool without `strict`, as the API schema requires it', async () => {
    const response = await post('/v1/responses', {
      model: 'gpt-5',
      input: 'hi',
      tools: [fn('ok', closed, false), fn('lookup', closed)],
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      error: {
        message: "Missing required parameter: 'tools[1].strict'.",
        type: 'invalid_request_error',
        param: 'tools[1].strict',
        code: 'missing_required_parameter',
      },
    });
  });

  it('surfaces the 400 through the AI SDK for a tool declared without `strict`', async () => {
    const error = await generateText({
      model: createOpenAI({ baseURL: provider.baseUrls.openai, apiKey: 'k' }).responses('gpt-5'),
      prompt: 'hi',
      tools: { lookup: tool({ description: 'x', inputSchema: jsonSchema(closed) }) },
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 400,
      message: "Missing required parameter: 'tools[0].strict'.",
    });
  });

  it.each([
    [
      'an open object',
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
      "In context=(), 'additionalProperties' is required to be supplied and to be false.",
    ],
    [
      'an optional property',
      {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'number' } },
        required: ['a'],
        additionalProperties: false,
      },
      "In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'b'.",
    ],
    [
      'a nested open object',
      {
        type: 'object',
        properties: { opts: { type: 'object', properties: {} } },
        required: ['opts'],
        additionalProperties: false,
      },
      "In context=('properties', 'opts'), 'additionalProperties' is required to be supplied and to be false.",
    ],
  ])('rejects a strict tool whose schema has %s', async (_what, parameters, reason) => {
    const response = await post('/v1/responses', {
      model: 'gpt-5',
      input: 'hi',
      tools: [fn('lookup', parameters, true)],
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      error: {
        message: `Invalid schema for function 'lookup': ${reason}`,
        type: 'invalid_request_error',
        param: 'tools[0].parameters',
        code: 'invalid_function_parameters',
      },
    });
  });

  it('accepts strict tools whose schemas qualify, and non-strict tools with any schema', async () => {
    const response = await post('/v1/responses', {
      model: 'gpt-5',
      input: 'hi',
      tools: [fn('a', closed, true), fn('b', { type: 'object' }, false), fn('c', { type: 'object' }, null)],
    });
    expect(response.status).toBe(200);
  });
});

describe('Responses API: reasoning items', () => {
  /** Stores a reply with a reasoning item (and a message unless `cut`); returns the output item ids. */
  async function storedReply(cut: boolean): Promise<string[]> {
    provider.setScenario(() =>
      cut ? { reasoning: 'Thinking', finishReason: 'length' } : { reasoning: 'Thinking', text: 'Done.' },
    );
    const response = await post('/v1/responses', { model: 'gpt-5', input: 'Q1' });
    const body = await readJson(response);
    provider.setScenario(() => ({ text: 'ok' }));
    return body.output.map((item: { id: string }) => item.id);
  }

  it('a reply cut during reasoning is incomplete and holds only the reasoning item', async () => {
    provider.setScenario(() => ({ reasoning: 'Thinking', finishReason: 'length' }));
    const body = await readJson(await post('/v1/responses', { model: 'gpt-5', input: 'Q1' }));
    expect(body).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    expect(body.output.map((item: { type: string }) => item.type)).toEqual(['reasoning']);
  });

  it('rejects a reasoning item referenced without its following item', async () => {
    const [reasoning] = await storedReply(true);
    const response = await post('/v1/responses', {
      model: 'gpt-5',
      input: [
        { role: 'user', content: 'Q1' },
        { type: 'item_reference', id: reasoning },
        { role: 'user', content: 'Q2' },
      ],
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      error: {
        message: `Item '${reasoning}' of type 'reasoning' was provided without its required following item.`,
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    });
  });

  it('rejects an inline reasoning item at the end of the input', async () => {
    const response = await post('/v1/responses', {
      model: 'gpt-5',
      input: [
        { role: 'user', content: 'Q1' },
        { type: 'reasoning', id: 'rs_inline', summary: [] },
      ],
    });
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.message).toBe(
      "Item 'rs_inline' of type 'reasoning' was provided without its required following item.",
    );
  });

  it('accepts a reasoning item followed by its message', async () => {
    const [reasoning, message] = await storedReply(false);
    const response = await post('/v1/responses', {
      model: 'gpt-5',
      input: [
        { role: 'user', content: 'Q1' },
        { type: 'item_reference', id: reasoning },
        { type: 'item_reference', id: message },
        { role: 'user', content: 'Q2' },
      ],
    });
    expect(response.status).toBe(200);
  });
});

describe('Chat Completions: max_tokens on OpenAI reasoning models', () => {
  it.each(['gpt-5', 'gpt-5-mini', 'gpt-5.1', 'o3', 'o4-mini', 'o1'])(
    'rejects max_tokens for %s',
    async (model) => {
      const response = await post('/v1/chat/completions', {
        model,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(response.status).toBe(400);
      expect(await readJson(response)).toEqual({
        error: {
          message:
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          type: 'invalid_request_error',
          param: 'max_tokens',
          code: 'unsupported_parameter',
        },
      });
    },
  );

  it('accepts max_completion_tokens for them, and max_tokens for other models', async () => {
    const messages = [{ role: 'user', content: 'hi' }];
    for (const body of [
      { model: 'gpt-5-mini', max_completion_tokens: 100, messages },
      { model: 'gpt-4o', max_tokens: 100, messages },
      { model: 'gpt-5-chat-latest', max_tokens: 100, messages },
      { model: 'llama3.2', max_tokens: 100, messages },
    ]) {
      expect((await post('/v1/chat/completions', body)).status).toBe(200);
    }
  });
});

describe('Gemini 3: thought signatures of the current turn', () => {
  const call = (signature?: string) => ({
    role: 'model',
    parts: [
      {
        functionCall: { name: 'lookup', args: {} },
        ...(signature === undefined ? {} : { thoughtSignature: signature }),
      },
    ],
  });
  const result = {
    role: 'user',
    parts: [{ functionResponse: { name: 'lookup', response: { content: 'x' } } }],
  };
  const generate = (model: string, contents: unknown[]) =>
    post(`/v1beta/models/${model}:generateContent`, { contents });
  const question = { role: 'user', parts: [{ text: 'Q' }] };

  it('rejects a function call of the current turn without its signature', async () => {
    const response = await generate('gemini-3-pro-preview', [question, call(), result]);
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: expect.stringMatching(
          /^Function call is missing a thought_signature in functionCall parts\..*`default_api:lookup` , position 2\./,
        ),
      },
    });
  });

  it('rejects a signature it did not issue, accepts the documented skip value', async () => {
    const corrupted = await generate('gemini-3-pro-preview', [
      question,
      call('bm90IGEgc2lnbmF0dXJl'),
      result,
    ]);
    expect(corrupted.status).toBe(400);
    expect((await readJson(corrupted)).error.message).toBe('Corrupted thought signature.');
    const skipped = await generate('gemini-3-pro-preview', [
      question,
      call('skip_thought_signature_validator'),
      result,
    ]);
    expect(skipped.status).toBe(200);
  });

  it('accepts the signature it issued, unsigned calls of earlier turns, and unsigned calls on Gemini 2.5', async () => {
    provider.setScenario(() => ({ toolCalls: [{ name: 'lookup', args: {} }] }));
    const first = await readJson(await generate('gemini-3-pro-preview', [question]));
    const signed = first.candidates[0].content;
    provider.setScenario(() => ({ text: 'ok' }));
    expect(typeof signed.parts[0].thoughtSignature).toBe('string');
    expect((await generate('gemini-3-pro-preview', [question, signed, result])).status).toBe(200);
    const later = { role: 'user', parts: [{ text: 'Next question' }] };
    expect((await generate('gemini-3-pro-preview', [question, call(), result, later])).status).toBe(200);
    expect((await generate('gemini-2.5-flash', [question, call(), result])).status).toBe(200);
  });
});
