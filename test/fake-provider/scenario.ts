/**
 * Scenario contract of the fake LLM provider: what a request looks like after
 * normalisation ({@link FakeRequest}), what a scenario answers ({@link FakeReply}),
 * and ready-made scenarios ({@link consensus}, {@link scripted}, {@link byProtocol}).
 */
import type { FakeMedia } from './media-parts.js';

/** Wire protocol a request arrived on. */
export type Protocol = 'chat' | 'responses' | 'anthropic' | 'gemini';

/** One message of the normalised conversation (system messages are in {@link FakeRequest.system}). */
export interface FakeMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  /** Plain text of the message (text parts joined with '\n'); for tool results, the result text. */
  text: string;
  /** Function calls made by an assistant message; `args` is the raw arguments JSON text. */
  toolCalls?: Array<{ id: string; name: string; args: string }>;
  /** For role 'tool': id of the call this result answers (Gemini may leave it empty). */
  toolCallId?: string;
  /** For role 'tool': name of the tool that produced the result, when known. */
  toolName?: string;
}

/** A request as the fake provider saw it, normalised across protocols. */
export interface FakeRequest {
  protocol: Protocol;
  /** URL path without the query string, e.g. '/v1/chat/completions'. */
  path: string;
  model: string;
  stream: boolean;
  /** All system/developer/instructions text joined with '\n\n'. */
  system: string;
  /** Normalised conversation (system messages excluded), tool results as role 'tool'. */
  messages: FakeMessage[];
  /** Text of the last user message ('' if none). */
  lastUserText: string;
  /** Function tools offered to the model. */
  tools: Array<{ name: string; description?: string; parameters?: unknown }>;
  /** Provider-native tool entries as sent (web_search, code_interpreter, googleSearch, …), raw. */
  providerTools: unknown[];
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON body as sent by the client
  body: any;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** Media parts (images, documents, audio) of the request, as the wire carried them (see media-parts.ts). */
  media?: FakeMedia[];
  /** 0-based arrival index on this server. */
  index: number;
}

/** What the fake model answers. Every field is optional; an empty reply is an empty text answer. */
export interface FakeReply {
  text?: string;
  /** Streamed as the protocol's reasoning/thinking parts. */
  reasoning?: string;
  /**
   * Function calls. `args` as an object is sent as JSON; a string is sent VERBATIM as the
   * arguments text (so it can be malformed JSON). Gemini carries arguments as a JSON object,
   * so there a string that is not a JSON object is sent as `{}` (see gemini-protocol.ts).
   */
  toolCalls?: Array<{ name: string; args: unknown; id?: string }>;
  /**
   * Token usage. `outputTokens` is the total output including `reasoningTokens` (the way the
   * AI SDK reports `usage.outputTokens`). Estimated from the text lengths when absent.
   */
  usage?: { inputTokens?: number; outputTokens?: number; reasoningTokens?: number };
  /** Reply with the provider's real error body and headers for this status instead of a reply. */
  error?: FakeError;
  /**
   * Streaming only: after `afterChunks` events of the reply (capped so the terminal event is never
   * sent), the provider's in-stream error event on the 200 stream, which then ends (see stream-errors.ts).
   */
  streamError?: FakeStreamError;
  /**
   * How the reply ends, when not normally; each protocol sends it as its provider does:
   * - `length`: the output token limit was reached (Chat `finish_reason: "length"`, Responses
   *   `status: "incomplete"` with `incomplete_details.reason: "max_output_tokens"`, Anthropic
   *   `stop_reason: "max_tokens"`, Gemini `MAX_TOKENS`). With `reasoning` and no `text` nor
   *   `toolCalls` it is a reply cut during reasoning (Responses: a reasoning item and nothing after it).
   * - `content-filter`: the provider stopped or withheld the output (Chat `content_filter`,
   *   Responses `incomplete_details.reason: "content_filter"`, Anthropic `stop_reason: "refusal"`,
   *   Gemini `SAFETY` with the blocked rating); `text` is what streamed before the stop.
   * - `malformed-function-call`: Gemini only: `MALFORMED_FUNCTION_CALL` with a `finishMessage`
   *   and no content (the other protocols have no such reason; a scenario using it there fails).
   */
  finishReason?: 'length' | 'content-filter' | 'malformed-function-call';
  /**
   * Chat Completions streaming: the running usage on every chunk (as vLLM's continuous usage
   * stats and some compatible servers send it), not only on the final usage chunk.
   */
  usageOnEveryChunk?: boolean;
  /** Wait before sending status and headers. */
  firstByteDelayMs?: number;
  /** Wait between stream events. */
  chunkDelayMs?: number;
  /**
   * Streaming only: after this many events destroy the socket without a terminal event.
   * Capped so that the terminal event is never sent.
   */
  cutAfterChunks?: number;
}

/** An HTTP error reply, in the provider's own shape (see openai-errors.ts and each protocol). */
export interface FakeError {
  status: number;
  /** Default: the provider's usual message for the status. */
  message?: string;
  /**
   * Anthropic and OpenAI: a `retry-after` header (seconds; OpenAI also resets its exhausted
   * `x-ratelimit-reset-requests` then). Gemini sends no header: a `google.rpc.RetryInfo`
   * `retryDelay` in the body's `error.details` instead.
   */
  retryAfterSeconds?: number;
  /** OpenAI: a `retry-after-ms` header. */
  retryAfterMs?: number;
  /**
   * The provider's error type instead of the status's usual one: Anthropic `error.type`, OpenAI
   * `error.type` and `error.code` (`insufficient_quota` is a 429 that no retry fixes), Gemini `error.status`.
   */
  type?: string;
}

/** An error event inside a successful (HTTP 200) stream. */
export interface FakeStreamError {
  /** Events of the reply sent before the error. */
  afterChunks: number;
  /**
   * The provider's error type: Anthropic `overloaded_error` / `api_error` / …, OpenAI `code`
   * (`server_error`, `rate_limit_exceeded`, …), Gemini `status` (`INTERNAL`, `UNAVAILABLE`, …).
   */
  type: string;
  /** Default: the provider's usual message for the type. */
  message?: string;
  /** OpenAI Responses: an `error` event (default) or `response.failed` with `response.error`. */
  event?: 'error' | 'response.failed';
}

/** Decides the reply to a request. */
export type Scenario = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

/** Options of {@link consensus}. */
export interface ConsensusOptions {
  /** Content of the `new_answer` call; default 'Answer from <model>'. */
  answer?: (req: FakeRequest) => string;
  /** Final presentation text (no workflow tools offered); default 'Final answer from <model>'. */
  present?: (req: FakeRequest) => string;
  /** Becomes `firstByteDelayMs` of every reply. */
  latencyMs?: number;
}

const WORKFLOW_TOOLS = new Set(['new_answer', 'vote']);
const MCP_WORKFLOW_PREFIX = /^mcp__?massgen__?/;

/** Agent labels (`agent1`, `agent2`, …) tagged as `<agentN>` in user and tool messages, lowest number first. */
export function findAnswerLabels(req: FakeRequest): string[] {
  const labels = new Set<string>();
  for (const message of req.messages) {
    if (message.role !== 'user' && message.role !== 'tool') continue;
    for (const match of message.text.matchAll(/<(agent\d+)>/g)) {
      if (match[1] !== undefined) labels.add(match[1]);
    }
  }
  return [...labels].sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
}

/**
 * A bot that follows the multi-agent protocol: when `new_answer`/`vote` tools are offered it
 * answers (no `<agentN>` tags seen yet) or votes for the lowest-numbered agent whose answer it
 * saw; without workflow tools it presents a final text answer.
 */
export function consensus(options: ConsensusOptions = {}): Scenario {
  return (req) => {
    const timing = options.latencyMs === undefined ? {} : { firstByteDelayMs: options.latencyMs };
    // Agents that get the workflow tools over MCP (Claude Code) see them as `mcp__massgen__<name>`.
    const named = new Map(req.tools.map((tool) => [tool.name.replace(MCP_WORKFLOW_PREFIX, ''), tool.name]));
    const offered = new Set([...named.keys()].filter((name) => WORKFLOW_TOOLS.has(name)));
    const call = (name: string) => named.get(name) ?? name;
    if (offered.size === 0) {
      return { ...timing, text: options.present?.(req) ?? `Final answer from ${req.model}` };
    }
    const labels = findAnswerLabels(req);
    const canVote = offered.has('vote') && labels[0] !== undefined;
    if (canVote || !offered.has('new_answer')) {
      const agentId = labels[0] ?? 'agent1';
      return {
        ...timing,
        toolCalls: [{ name: call('vote'), args: { agent_id: agentId, reason: 'Most complete answer.' } }],
      };
    }
    const content = options.answer?.(req) ?? `Answer from ${req.model}`;
    return { ...timing, toolCalls: [{ name: call('new_answer'), args: { content } }] };
  };
}

/** One scripted step: a fixed reply or a function of the request. */
export type ScriptEntry = FakeReply | ((req: FakeRequest) => FakeReply);

/**
 * Per-model reply queues: each request for a model takes the next entry of that model's queue.
 * When the queue is empty, or the model is not listed, `fallback` (default `consensus()`) answers.
 */
export function scripted(script: Record<string, ScriptEntry[]>, fallback: Scenario = consensus()): Scenario {
  const queues = new Map(Object.entries(script).map(([model, entries]) => [model, [...entries]]));
  return (req) => {
    const entry = queues.get(req.model)?.shift();
    if (entry === undefined) return fallback(req);
    return typeof entry === 'function' ? entry(req) : entry;
  };
}

/** Route by wire protocol; protocols not listed go to `fallback` (default `consensus()`). */
export function byProtocol(
  scenarios: Partial<Record<Protocol, Scenario>>,
  fallback: Scenario = consensus(),
): Scenario {
  return (req) => (scenarios[req.protocol] ?? fallback)(req);
}
