/**
 * A scripted language model for testing configs, hooks and displays without keys: each call takes
 * the next reply of its script (or asks a function), and streams it as a provider would. In strict
 * mode (the default) a call with no reply left and a reply never used are both failures that
 * {@link ScriptedModel.verify} reports.
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { MassGenError } from '../errors.js';

/** One scripted reply. */
export interface ScriptedReply {
  text?: string;
  /** Streamed as reasoning before the text. */
  reasoning?: string;
  /** Function calls; `args` is sent as JSON (a string is sent as it is, so it may be malformed). */
  toolCalls?: Array<{ name: string; args: unknown }>;
  /** The call fails with this error (after any text), as a broken stream does. */
  error?: unknown;
  /** Default `tool-calls` with tool calls, else `stop`. */
  finishReason?: LanguageModelV3FinishReason['unified'];
  /** Reported token usage; default 10 in, 5 out. */
  usage?: { inputTokens?: number; outputTokens?: number; reasoningTokens?: number };
}

/** What a model call asked, as a script function sees it. */
export interface ScriptedCall {
  /** 0-based number of the call on this model. */
  index: number;
  /**
   * `coordination` (new_answer/vote offered), `evaluation` (submit offered), else `presentation`
   * (no workflow tool: the final answer, a summary or a memory call).
   */
  phase: 'coordination' | 'presentation' | 'evaluation';
  /** Names of the tools offered. */
  tools: string[];
  /** The system prompt. */
  system: string;
  /** All user and tool-result text, in order. */
  text: string;
  /** Answer labels the prompt shows (`agent1`, `agent2`, …), lowest first. */
  answerLabels: string[];
  /** The call's options as the AI SDK passed them. */
  options: LanguageModelV3CallOptions;
}

/** A script entry: a fixed reply or one computed from the call. */
export type ScriptEntry = ScriptedReply | ((call: ScriptedCall) => ScriptedReply | Promise<ScriptedReply>);

export interface ScriptedModelOptions {
  /** Default `scripted`. */
  modelId?: string;
  /** Fail on calls beyond the script and on unused replies (see `verify`); default true. */
  strict?: boolean;
  /** Answers the calls beyond the script when not strict (default: an empty text reply). */
  fallback?: (call: ScriptedCall) => ScriptedReply | Promise<ScriptedReply>;
}

/** A strict scripted model was called with no reply left, or left replies unused. */
export class ScriptMismatchError extends MassGenError {}

function describeCall(prompt: LanguageModelV3Prompt): { system: string; text: string } {
  const system: string[] = [];
  const text: string[] = [];
  for (const message of prompt) {
    if (message.role === 'system') {
      system.push(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') text.push(part.text);
      if (part.type === 'tool-result') text.push(JSON.stringify(part.output));
    }
  }
  return { system: system.join('\n\n'), text: text.join('\n') };
}

function phaseOf(tools: readonly string[]): ScriptedCall['phase'] {
  if (tools.includes('vote') || tools.includes('new_answer')) return 'coordination';
  if (tools.includes('submit')) return 'evaluation';
  return 'presentation';
}

function labelsIn(text: string): string[] {
  const labels = new Set([...text.matchAll(/<(agent\d+)(?:\.\d+)?>/g)].map((m) => m[1]!));
  return [...labels].sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
}

/** A language model that replies from a script. */
export class ScriptedModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'massgen.testing';
  readonly modelId: string;
  readonly supportedUrls = {};
  /** Every call so far, in order. */
  readonly calls: ScriptedCall[] = [];
  private readonly script: ScriptEntry[];
  private readonly strict: boolean;
  private readonly fallback?: ScriptedModelOptions['fallback'];
  private readonly problems: string[] = [];

  constructor(script: readonly ScriptEntry[], options: ScriptedModelOptions = {}) {
    this.script = [...script];
    this.modelId = options.modelId ?? 'scripted';
    this.strict = options.strict ?? true;
    this.fallback = options.fallback;
  }

  /** Replies not used yet. */
  get remaining(): number {
    return this.script.length;
  }

  /** Throws a {@link ScriptMismatchError} naming every unexpected call and every unused reply (strict mode). */
  verify(): void {
    const problems = [...this.problems];
    if (this.strict && this.script.length > 0) {
      problems.push(
        `${this.script.length} scripted repl${this.script.length === 1 ? 'y was' : 'ies were'} never used`,
      );
    }
    if (problems.length > 0) throw new ScriptMismatchError(`${this.modelId}: ${problems.join('; ')}`);
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const reply = await this.next(options);
    if (reply.error !== undefined) throw reply.error;
    const content: LanguageModelV3GenerateResult['content'] = [];
    if (reply.reasoning) content.push({ type: 'reasoning', text: reply.reasoning });
    if (reply.text) content.push({ type: 'text', text: reply.text });
    reply.toolCalls?.forEach((call, i) => {
      content.push({
        type: 'tool-call',
        toolCallId: this.callId(i),
        toolName: call.name,
        input: argsText(call.args),
      });
    });
    return { content, finishReason: finishOf(reply), usage: usageOf(reply), warnings: [] };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const reply = await this.next(options);
    const parts: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
    if (reply.reasoning) {
      parts.push(
        { type: 'reasoning-start', id: 'r' },
        { type: 'reasoning-delta', id: 'r', delta: reply.reasoning },
        { type: 'reasoning-end', id: 'r' },
      );
    }
    if (reply.text) {
      parts.push(
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: reply.text },
        { type: 'text-end', id: 't' },
      );
    }
    reply.toolCalls?.forEach((call, i) => {
      parts.push({
        type: 'tool-call',
        toolCallId: this.callId(i),
        toolName: call.name,
        input: argsText(call.args),
      });
    });
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        if (reply.error !== undefined) {
          controller.error(reply.error);
          return;
        }
        controller.enqueue({ type: 'finish', finishReason: finishOf(reply), usage: usageOf(reply) });
        controller.close();
      },
    });
    return { stream };
  }

  private callId(i: number): string {
    return `call_${this.calls.length}_${i}`;
  }

  private async next(options: LanguageModelV3CallOptions): Promise<ScriptedReply> {
    options.abortSignal?.throwIfAborted();
    const tools = (options.tools ?? []).map((t) => t.name);
    const { system, text } = describeCall(options.prompt);
    const call: ScriptedCall = {
      index: this.calls.length,
      phase: phaseOf(tools),
      tools,
      system,
      text,
      answerLabels: labelsIn(text),
      options,
    };
    this.calls.push(call);
    const entry = this.script.shift();
    if (entry === undefined) {
      if (this.strict) {
        const problem = `unexpected call #${call.index + 1} (${call.phase}): no scripted reply left`;
        this.problems.push(problem);
        throw new ScriptMismatchError(`${this.modelId}: ${problem}`);
      }
      return (await this.fallback?.(call)) ?? { text: '' };
    }
    return typeof entry === 'function' ? entry(call) : entry;
  }
}

function argsText(args: unknown): string {
  return typeof args === 'string' ? args : JSON.stringify(args);
}

function finishOf(reply: ScriptedReply): LanguageModelV3FinishReason {
  return { unified: reply.finishReason ?? (reply.toolCalls?.length ? 'tool-calls' : 'stop'), raw: undefined };
}

function usageOf(reply: ScriptedReply) {
  const input = reply.usage?.inputTokens ?? 10;
  const output = reply.usage?.outputTokens ?? 5;
  const reasoning = reply.usage?.reasoningTokens ?? 0;
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output - reasoning, reasoning },
  };
}

/** A model replying from `script`; strict by default. */
export function scriptedModel(script: readonly ScriptEntry[], options?: ScriptedModelOptions): ScriptedModel {
  return new ScriptedModel(script, options);
}
