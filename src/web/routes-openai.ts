/**
 * The OpenAI-compatible endpoint: `GET /v1/models` lists the configs the server offers (by file name
 * without extension, and `@examples/NAME`); `POST /v1/chat/completions` runs the last user message as
 * the question with the config `model` names (the earlier user and assistant messages are the
 * history) and replies with the final answer, whole or streamed as `chat.completion.chunk`s.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { HistoryMessage } from '../types/history.js';
import { errorResponse, fail } from './api-error.js';
import { resolveRunConfig, type ServedConfig } from './configs.js';
import type { ServerDeps } from './deps.js';
import { errorReply } from './error-reply.js';
import type { LiveRun } from './live-run.js';
import { readJson } from './request-body.js';

const part = z.object({ type: z.string(), text: z.string().optional() }).passthrough();
const message = z
  .object({ role: z.string(), content: z.union([z.string(), z.array(part), z.null()]).optional() })
  .passthrough();
const completionBody = z
  .object({
    model: z.string().min(1, 'name a model (GET /v1/models lists them)'),
    messages: z.array(message).min(1, 'give at least one message'),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).passthrough().nullish(),
  })
  .passthrough();

type ChatMessage = z.infer<typeof message>;

/** The text of a message: its string, or its text parts joined. */
function textOf(m: ChatMessage): string {
  if (typeof m.content === 'string') return m.content;
  return (m.content ?? [])
    .filter((p) => p.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text)
    .join('\n');
}

/** The question (the last user message) and the exchanges before it. */
function conversationOf(
  messages: ChatMessage[],
): { question: string; history: HistoryMessage[] } | undefined {
  const last = messages.map((m) => m.role).lastIndexOf('user');
  if (last < 0) return undefined;
  const history = messages
    .slice(0, last)
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: textOf(m) }));
  return { question: textOf(messages[last]!), history };
}

const created = () => Math.floor(Date.now() / 1000);

function usageOf(outcome: Awaited<LiveRun['result']>) {
  const { inputTokens, outputTokens } = outcome.usage.total;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
  };
}

export function openaiRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  const startedAt = created();

  app.get('/models', (c) =>
    c.json({
      object: 'list',
      data: deps.configs.map((m) => ({
        id: m.name,
        object: 'model',
        created: startedAt,
        owned_by: 'massgen',
      })),
    }),
  );

  /** The config a model name picks, or a 404 in OpenAI's shape. */
  const pick = (c: Context, model: string): ServedConfig => {
    const found = deps.configs.find((m) => m.name === model);
    if (!found) {
      fail(
        c,
        404,
        'model_not_found',
        `The model \`${model}\` does not exist: GET /v1/models lists the models.`,
        {
          param: 'model',
        },
      );
    }
    return found;
  };

  app.post('/chat/completions', async (c) => {
    const body = await readJson(c, completionBody);
    const served = pick(c, body.model);
    const asked = conversationOf(body.messages);
    if (!asked || asked.question.trim() === '') {
      fail(c, 400, 'bad_request', 'The messages need a user message with text: it is the question.', {
        param: 'messages',
      });
    }
    let run: LiveRun;
    let restarts = 0;
    try {
      const resolved = await resolveRunConfig(
        served.path ? { configPath: served.path } : { example: served.name },
        deps.places,
      );
      restarts = resolved.config.orchestrator.coordination.max_orchestration_restarts;
      ({ run } = await deps.registry.start({ resolved, question: asked.question, history: asked.history }));
    } catch (error) {
      return errorReply(c, error, deps.redactor);
    }
    const signal = c.req.raw.signal;
    const onClose = () => {
      if (!run.isEnded) run.cancel();
    };
    signal.addEventListener('abort', onClose, { once: true });
    const id = `chatcmpl-${randomUUID().replace(/-/g, '')}`;
    c.header('X-MassGen-Run-Id', run.id);

    if (!body.stream) {
      const outcome = await run.result.catch(() => undefined);
      signal.removeEventListener('abort', onClose);
      // The run's own view: redacted with the run's config as well as the environment.
      const answer = outcome?.finalAnswer === undefined ? undefined : run.detail.finalAnswer;
      if (outcome === undefined || answer === undefined) {
        return errorResponse(
          c,
          500,
          'run_failed',
          `The run ${run.id} ended (${run.detail.status}) without a final answer${run.detail.error ? `: ${deps.redactor.redactText(run.detail.error)}` : ''}.`,
        );
      }
      return c.json({
        id,
        object: 'chat.completion',
        created: created(),
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: answer, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: usageOf(outcome),
      });
    }

    return streamSSE(c, async (stream) => {
      const stop = new AbortController();
      stream.onAbort(() => {
        stop.abort();
        onClose();
      });
      const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
        stream.writeSSE({
          data: JSON.stringify({
            id,
            object: 'chat.completion.chunk',
            created: created(),
            model: body.model,
            choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
          }),
        });
      await chunk({ role: 'assistant', content: '' });
      // With restarts a later presentation may replace the first: the answer is sent once it stands.
      const live = restarts === 0;
      let sent = '';
      let final: string | undefined;
      for await (const event of run.eventsAfter(0, stop.signal)) {
        if (event.type === 'final-delta' && live && event.text) {
          sent += event.text;
          await chunk({ content: event.text });
        } else if (event.type === 'run-end') {
          final = event.finalAnswer;
        }
      }
      if (stop.signal.aborted) return;
      if (final === undefined) {
        await stream.writeSSE({
          data: JSON.stringify({
            error: {
              message: `The run ${run.id} ended (${run.detail.status}) without a final answer.`,
              type: 'server_error',
              code: 'run_failed',
            },
          }),
        });
      } else {
        const rest = final.startsWith(sent) ? final.slice(sent.length) : sent ? `\n\n${final}` : final;
        if (rest) await chunk({ content: rest });
        await chunk({}, 'stop');
        if (body.stream_options?.include_usage) {
          const outcome = await run.result.catch(() => undefined);
          if (outcome) {
            await stream.writeSSE({
              data: JSON.stringify({
                id,
                object: 'chat.completion.chunk',
                created: created(),
                model: body.model,
                choices: [],
                usage: usageOf(outcome),
              }),
            });
          }
        }
      }
      signal.removeEventListener('abort', onClose);
      await stream.writeSSE({ data: '[DONE]' });
    });
  });

  return app;
}
