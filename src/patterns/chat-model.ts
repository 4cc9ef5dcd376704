/**
 * A team or nested chat as ONE `LanguageModelV3`, so it can stand as an agent of a voting run with the
 * orchestrator and the execution loop unchanged.
 *
 * Given a coordination prompt (one offering the workflow tools, at the start of an execution), the
 * members first discuss it — their messages stream out as text parts prefixed `**[member]** `, so the
 * agent's panel shows the discussion — then one member (the agent itself for a nested chat, else the
 * summary agent for `llm_summary` or the last speaker for `last_message`) replies to the original
 * prompt WITH its tools and the discussion appended; that reply (tool calls included) ends the stream,
 * with the usage of every inner call summed. Any other call (a follow-up within the same execution,
 * the final presentation, the post-evaluation) goes straight to the summary writer.
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { WORKFLOW_TOOL_NAMES } from '../coordination/workflow-tools.js';
import { labelledSinks, runChat } from './chat.js';
import { PartWriter } from './part-writer.js';
import { participantTask, pickReplier, replierPrompt } from './participant-prompt.js';
import { memberCallOptions } from './reply.js';
import { attachChatSpec, type ChatSpec, type ChatTurn, summaryWriter } from './types.js';

/** Whether a call is the start of a coordination execution (workflow tools, no earlier reply). */
export function startsExecution(options: LanguageModelV3CallOptions): boolean {
  const workflow = options.tools?.some((t) => WORKFLOW_TOOL_NAMES.has(t.name)) ?? false;
  return workflow && !options.prompt.some((m) => m.role === 'assistant');
}

export class ChatModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'massgen.patterns';
  readonly supportedUrls = {};

  constructor(
    readonly modelId: string,
    readonly spec: ChatSpec,
  ) {
    attachChatSpec(this, spec);
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    let controller!: ReadableStreamDefaultController<LanguageModelV3StreamPart>;
    // A consumer that cancels the stream stops the discussion and the inner requests.
    const cancelled = new AbortController();
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start: (c) => {
        controller = c;
      },
      cancel: (reason) => cancelled.abort(reason),
    });
    const abortSignal = options.abortSignal
      ? AbortSignal.any([options.abortSignal, cancelled.signal])
      : cancelled.signal;
    void this.produce({ ...options, abortSignal }, controller);
    return { stream };
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { stream } = await this.doStream(options);
    const content: LanguageModelV3Content[] = [];
    let finish: Extract<LanguageModelV3StreamPart, { type: 'finish' }> | undefined;
    const append = (type: 'text' | 'reasoning', delta: string) => {
      const last = content.at(-1);
      if (last?.type === type) last.text += delta;
      else content.push({ type, text: delta });
    };
    for await (const part of stream) {
      if (part.type === 'text-delta') append('text', part.delta);
      else if (part.type === 'reasoning-delta') append('reasoning', part.delta);
      else if (part.type === 'tool-call' || part.type === 'tool-result' || part.type === 'source')
        content.push(part);
      else if (part.type === 'finish') finish = part;
      else if (part.type === 'error') throw part.error;
    }
    return {
      content,
      finishReason: finish?.finishReason ?? { unified: 'other', raw: undefined },
      usage: finish!.usage,
      warnings: [],
    };
  }

  private async produce(
    options: LanguageModelV3CallOptions,
    out: ReadableStreamDefaultController<LanguageModelV3StreamPart>,
  ): Promise<void> {
    const writer = new PartWriter(out);
    const signal = options.abortSignal!;
    try {
      out.enqueue({ type: 'stream-start', warnings: [] });
      const discuss = startsExecution(options);
      let transcript: ChatTurn[] | undefined;
      const labelled = labelledSinks(writer.sink);
      if (discuss) {
        const outcome = await runChat({
          spec: this.spec,
          task: participantTask(options.prompt, this.spec),
          signal,
          hooks: {
            sink: (m) => labelled(m.id),
            failure: (m, f) => writer.sink.text(`\n\n_(${m.id}'s turn failed: ${f.message})_`),
            overheadUsage: (u) => writer.sink.usage(u),
          },
        });
        if (signal.aborted) throw signal.reason;
        transcript = outcome.transcript;
      }
      const replier = discuss ? pickReplier(this.spec, transcript ?? []) : summaryWriter(this.spec);
      const finishReason = await this.reply(
        options,
        replier.id,
        transcript,
        writer,
        discuss ? labelled(replier.id) : writer.sink,
      );
      writer.write({ type: 'finish', usage: writer.usage, finishReason });
      out.close();
    } catch (error) {
      try {
        out.error(signal.aborted ? (signal.reason ?? error) : error);
      } catch {
        // The consumer already cancelled the stream.
      }
    }
  }

  /** Streams the replier's answer to the original prompt through `writer`; returns its finish reason. */
  private async reply(
    options: LanguageModelV3CallOptions,
    replierId: string,
    transcript: ChatTurn[] | undefined,
    writer: PartWriter,
    sink: { text(delta: string): void; reasoning(delta: string): void },
  ): Promise<LanguageModelV3FinishReason> {
    const replier = this.spec.members.find((m) => m.id === replierId)!;
    const prompt = replierPrompt(options.prompt, this.spec, replier, transcript);
    const { stream } = await replier.model.doStream(memberCallOptions(replier, { ...options, prompt }));
    let finishReason: LanguageModelV3FinishReason = { unified: 'other', raw: undefined };
    for await (const part of stream) {
      switch (part.type) {
        case 'text-delta':
          sink.text(part.delta);
          break;
        case 'reasoning-delta':
          sink.reasoning(part.delta);
          break;
        case 'finish':
          writer.sink.usage(part.usage);
          finishReason = part.finishReason;
          break;
        case 'error':
          throw part.error;
        case 'stream-start':
        case 'text-start':
        case 'text-end':
        case 'reasoning-start':
        case 'reasoning-end':
        case 'response-metadata':
        case 'raw':
          break;
        default:
          // Tool input, tool calls and results, sources, files: passed through unchanged.
          writer.write(part);
      }
    }
    return finishReason;
  }
}
