/**
 * The behaviour every protocol must show when driven by its real AI SDK client over HTTP:
 * intact text, reasoning, tool calls, usage, whole replies, 429s, cut streams, malformed
 * tool arguments and request normalisation. Each *.test.ts calls {@link describeProtocol}.
 */
import { APICallError, generateText, type LanguageModel, type ModelMessage, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FakeRequest, Protocol } from './scenario.js';
import { createFakeProvider, type FakeProvider } from './server.js';

/** The workflow tools of the multi-agent protocol, declared without `execute`, in strict mode. */
export const workflowTools = {
  new_answer: tool({
    description: 'Submit a new answer.',
    inputSchema: z.object({ content: z.string() }),
    strict: true,
  }),
  vote: tool({
    description: 'Vote for the best answer.',
    inputSchema: z.object({ agent_id: z.string(), reason: z.string() }),
    strict: true,
  }),
};

/** Everything a streamText run produced: stream parts, and the error the stream threw, if any. */
export interface StreamOutcome {
  // biome-ignore lint/suspicious/noExplicitAny: parts of any tool set
  parts: any[];
  thrown: unknown;
}

/** Drains `result.fullStream`, keeping the parts and the thrown error (a cut stream throws). */
export async function drain(result: { fullStream: AsyncIterable<unknown> }): Promise<StreamOutcome> {
  const parts: unknown[] = [];
  try {
    for await (const part of result.fullStream) parts.push(part);
    return { parts, thrown: undefined };
  } catch (error) {
    return { parts, thrown: error };
  }
}

/** Parses a JSON response body for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions on arbitrary JSON
export const readJson = (response: Response): Promise<any> => response.json();

/** Text of the text-delta parts. */
// biome-ignore lint/suspicious/noExplicitAny: stream parts
export const streamedText = (parts: any[]) =>
  parts
    .filter((p) => p.type === 'text-delta')
    .map((p) => p.text)
    .join('');

/** Options of {@link describeProtocol}. */
export interface ProtocolSuiteOptions {
  /** Title of the describe block. */
  title: string;
  protocol: Protocol;
  modelId: string;
  model: (provider: FakeProvider) => LanguageModel;
  /** Whether this client surfaces reasoning parts (the OpenAI chat client ignores reasoning_content). */
  reasoning: boolean;
  /** Input the invalid tool call carries: the verbatim text, or `{}` where the API sends parsed arguments. */
  malformedInput: 'verbatim' | 'empty-object';
  /**
   * How a cut right after the headers surfaces: clients that check the stream for an early error
   * before returning (OpenAI chat and Responses, Anthropic) turn it into an `error` part (and call
   * onError); the others return first, so iterating the stream throws.
   */
  earlyCut: 'error-part' | 'thrown';
  /**
   * Where a 429 says when to retry: a `retry-after` header (OpenAI, Anthropic), or a
   * `google.rpc.RetryInfo` in the body and no header (Gemini).
   */
  retryHint?: 'header' | 'retry-info';
}

const TEXT = 'Hello, wörld! 🚀 Ünïcode & "quotes"\nand a second line.';

/** Registers the shared protocol cases against a fresh fake provider. */
export function describeProtocol(options: ProtocolSuiteOptions): void {
  describe(options.title, () => {
    let provider: FakeProvider;
    let model: LanguageModel;
    const last = (): FakeRequest => provider.requests.at(-1) as FakeRequest;
    beforeAll(async () => {
      provider = await createFakeProvider();
      model = options.model(provider);
    });
    afterAll(() => provider.close());

    it('streams text, reasoning and usage intact', async () => {
      const usage = { inputTokens: 11, outputTokens: 7, reasoningTokens: 3 };
      provider.setScenario(() => ({ text: TEXT, reasoning: 'Let me think this through.', usage }));
      const result = streamText({ model, prompt: 'hi', maxRetries: 0 });
      const { parts, thrown } = await drain(result);
      expect(thrown).toBeUndefined();
      expect(streamedText(parts)).toBe(TEXT);
      expect(parts.filter((p) => p.type === 'text-delta').length).toBeGreaterThan(1);
      if (options.reasoning) expect(await result.reasoningText).toBe('Let me think this through.');
      const total = await result.totalUsage;
      expect(total.inputTokens).toBe(11);
      expect(total.outputTokens).toBe(7);
      expect(total.outputTokenDetails.reasoningTokens).toBe(3);
      expect((await result.finishReason) as string).toBe('stop');
    });

    it('streams tool calls with their parsed input', async () => {
      provider.setScenario(() => ({
        toolCalls: [
          { name: 'new_answer', args: { content: 'The answer is "42".' } },
          { name: 'vote', args: { agent_id: 'agent2', reason: 'Best.' } },
        ],
      }));
      const result = streamText({ model, prompt: 'hi', tools: workflowTools, maxRetries: 0 });
      const { thrown, parts } = await drain(result);
      expect(thrown).toBeUndefined();
      expect(parts.some((p) => p.type === 'tool-input-delta')).toBe(true);
      const calls = await result.toolCalls;
      expect(calls.map((call) => [call.toolName, call.input])).toEqual([
        ['new_answer', { content: 'The answer is "42".' }],
        ['vote', { agent_id: 'agent2', reason: 'Best.' }],
      ]);
      expect(new Set(calls.map((call) => call.toolCallId)).size).toBe(2);
      expect((await result.finishReason) as string).toBe('tool-calls');
    });

    it('answers without streaming', async () => {
      provider.setScenario(() => ({
        text: TEXT,
        reasoning: 'Quick thought.',
        toolCalls: [{ name: 'new_answer', args: { content: 'x' } }],
        usage: { inputTokens: 20, outputTokens: 9, reasoningTokens: 2 },
      }));
      const result = await generateText({ model, prompt: 'hi', tools: workflowTools, maxRetries: 0 });
      expect(last().stream).toBe(false);
      expect(result.text).toBe(TEXT);
      if (options.reasoning) expect(result.reasoningText).toBe('Quick thought.');
      expect(result.toolCalls.map((call) => [call.toolName, call.input])).toEqual([
        ['new_answer', { content: 'x' }],
      ]);
      expect(result.usage.inputTokens).toBe(20);
      expect(result.usage.outputTokens).toBe(9);
    });

    it('surfaces a 429 as a retryable APICallError (stream part, and thrown by generateText)', async () => {
      provider.setScenario(() => ({ error: { status: 429, retryAfterSeconds: 7 } }));
      const errors: unknown[] = [];
      const result = streamText({
        model,
        prompt: 'hi',
        maxRetries: 0,
        onError: ({ error }) => void errors.push(error),
      });
      const { parts, thrown } = await drain(result);
      expect(thrown).toBeUndefined();
      const error = parts.find((p) => p.type === 'error')?.error;
      expect(errors).toEqual([error]);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 429, isRetryable: true });
      const { responseHeaders, responseBody } = error as APICallError;
      if (options.retryHint === 'retry-info') {
        expect(responseHeaders?.['retry-after']).toBeUndefined();
        expect(JSON.parse(responseBody ?? '').error.details).toContainEqual({
          '@type': 'type.googleapis.com/google.rpc.RetryInfo',
          retryDelay: '7s',
        });
      } else {
        expect(responseHeaders?.['retry-after']).toBe('7');
      }
      await expect(result.text).rejects.toThrow(/No output generated/);
      const generated = generateText({ model, prompt: 'hi', maxRetries: 0 });
      await expect(generated).rejects.toMatchObject({ statusCode: 429, isRetryable: true });
    });

    it('makes the stream throw when the connection is cut mid-stream', async () => {
      provider.setScenario(() => ({
        text: 'one two three four five six seven eight nine ten',
        cutAfterChunks: 6,
      }));
      const { parts, thrown } = await drain(streamText({ model, prompt: 'hi', maxRetries: 0 }));
      expect(APICallError.isInstance(thrown)).toBe(true);
      expect(((thrown as APICallError).cause as Error).message).toBe('terminated');
      expect(parts.some((p) => p.type === 'finish')).toBe(false);
      expect('one two three four five six seven eight nine ten'.startsWith(streamedText(parts))).toBe(true);
    });

    it(`surfaces a cut before any output as ${options.earlyCut === 'thrown' ? 'a thrown error' : 'an error part'}`, async () => {
      provider.setScenario(() => ({ text: 'never delivered', cutAfterChunks: 0 }));
      const errors: unknown[] = [];
      const result = streamText({
        model,
        prompt: 'hi',
        maxRetries: 0,
        onError: ({ error }) => void errors.push(error),
      });
      const { parts, thrown } = await drain(result);
      const partError = parts.find((p) => p.type === 'error')?.error;
      const error = options.earlyCut === 'thrown' ? thrown : partError;
      expect(options.earlyCut === 'thrown' ? partError : thrown).toBeUndefined();
      expect(errors).toEqual(options.earlyCut === 'thrown' ? [] : [partError]);
      expect(error).toMatchObject({
        statusCode: 200,
        isRetryable: true,
        message: 'Failed to process successful response',
      });
      expect(((error as APICallError).cause as Error).message).toBe('terminated');
    });

    it('reports malformed tool arguments as an invalid tool call and a tool-error', async () => {
      provider.setScenario(() => ({
        toolCalls: [{ name: 'new_answer', args: '{"content": "unterminated' }],
      }));
      const { parts, thrown } = await drain(
        streamText({ model, prompt: 'hi', tools: workflowTools, maxRetries: 0 }),
      );
      expect(thrown).toBeUndefined();
      const call = parts.find((p) => p.type === 'tool-call');
      expect(call).toMatchObject({ toolName: 'new_answer', invalid: true, dynamic: true });
      const input = options.malformedInput === 'verbatim' ? '{"content": "unterminated' : {};
      expect(call.input).toEqual(input);
      const toolError = parts.find((p) => p.type === 'tool-error');
      expect(toolError).toMatchObject({ toolCallId: call.toolCallId, toolName: 'new_answer' });
      expect(String(toolError.error)).toMatch(/Invalid input for tool new_answer/);
    });

    it('records the normalised request, including a tool round trip', async () => {
      provider.setScenario(() => ({ toolCalls: [{ name: 'new_answer', args: { content: 'first' } }] }));
      const system = 'You are terse.';
      const first = await generateText({
        model,
        system,
        prompt: 'What is 6 x 7?',
        tools: workflowTools,
        maxRetries: 0,
      });
      expect(last()).toMatchObject({
        protocol: options.protocol,
        model: options.modelId,
        stream: false,
        system,
        lastUserText: 'What is 6 x 7?',
        providerTools: [],
      });
      expect(last().tools.map((t) => t.name)).toEqual(['new_answer', 'vote']);
      expect(last().tools[0]?.parameters).toMatchObject({ properties: { content: { type: 'string' } } });
      expect(last().headers['content-type']).toMatch(/application\/json/);
      const call = first.toolCalls[0];
      if (call === undefined) throw new Error('expected a tool call');
      const messages: ModelMessage[] = [
        { role: 'user', content: 'What is 6 x 7?' },
        ...first.response.messages,
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: call.toolCallId,
              toolName: 'new_answer',
              output: { type: 'text', value: '<agent1>42</agent1>' },
            },
          ],
        },
      ];
      provider.setScenario(() => ({ text: 'done' }));
      const index = provider.requests.length;
      await drain(streamText({ model, system, messages, tools: workflowTools, maxRetries: 0 }));
      const second = provider.requests[index];
      expect(second?.index).toBe(index);
      expect(second?.stream).toBe(true);
      expect(second?.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
      expect(second?.messages[1]?.toolCalls?.map((c) => [c.name, JSON.parse(c.args)])).toEqual([
        ['new_answer', { content: 'first' }],
      ]);
      expect(second?.messages[2]).toMatchObject({
        role: 'tool',
        text: '<agent1>42</agent1>',
        toolName: 'new_answer',
      });
      expect(second?.lastUserText).toBe('What is 6 x 7?');
    });
  });
}
