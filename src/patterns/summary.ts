/**
 * The result of a chat: its last message (`last_message`), or a summary of the whole transcript
 * written by the summary agent (`llm_summary`), falling back to the last message when that fails.
 */
import { promptContext, summarySystemPrompt, summaryUserMessage } from './prompts.js';
import { failureMessage, simplePrompt, streamReply } from './reply.js';
import { type ChatMember, type ChatSpec, type ChatTurn, type ReplySink, summaryWriter } from './types.js';

export interface SummaryInput {
  spec: ChatSpec;
  task: string;
  transcript: readonly ChatTurn[];
  signal: AbortSignal;
  /** Where the summary streams to. */
  sink: ReplySink;
  /** Writer of an `llm_summary`; default the chat's summary writer. */
  writer?: ChatMember;
}

export interface ChatSummary {
  text: string;
  /** Who wrote it: the summary writer, or the last speaker. */
  writer: string;
  /** The summary writer's prompt as text (llm_summary). */
  context?: string;
  /** Set when the llm_summary failed or was empty and the last message is used instead. */
  fallback?: string;
}

/** The chat's result; undefined when the transcript is empty. Throws only when `signal` aborts. */
export async function summarizeChat(input: SummaryInput): Promise<ChatSummary | undefined> {
  const last = input.transcript.at(-1);
  if (!last) return undefined;
  const lastMessage = { text: last.text, writer: last.speaker };
  if (input.spec.summaryMethod === 'last_message') return lastMessage;
  const writer = input.writer ?? summaryWriter(input.spec);
  const system = summarySystemPrompt(writer.systemMessage);
  const user = summaryUserMessage(input.task, input.transcript);
  try {
    const reply = await streamReply({
      member: writer,
      prompt: simplePrompt(system, user, writer.attachments),
      signal: input.signal,
      sink: input.sink,
    });
    const text = reply.text.trim();
    if (text) return { text, writer: writer.id, context: promptContext(system, user) };
    return { ...lastMessage, fallback: `the summary by ${writer.id} was empty` };
  } catch (error) {
    if (input.signal.aborted) throw error;
    return { ...lastMessage, fallback: `the summary by ${writer.id} failed (${failureMessage(error)})` };
  }
}
