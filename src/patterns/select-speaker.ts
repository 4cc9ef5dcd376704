/**
 * Who speaks next: the round-robin successor of a speaker, and the `auto` pattern's selector LLM,
 * which answers with a `select_speaker(agent_id, reason)` tool call.
 */
import type { LanguageModelV3FunctionTool, LanguageModelV3Usage } from '@ai-sdk/provider';
import { SELECT_SPEAKER, selectorSystemPrompt, selectorUserMessage } from './prompts.js';
import { failureMessage, simplePrompt, streamReply } from './reply.js';
import type { ChatMember, ChatTurn } from './types.js';

/** The first member after `afterId` in config order (cyclic) that is not dropped. */
export function nextInOrder(
  members: readonly ChatMember[],
  afterId: string | undefined,
  dropped: ReadonlySet<string>,
): ChatMember | undefined {
  const from = afterId === undefined ? -1 : members.findIndex((m) => m.id === afterId);
  for (let step = 1; step <= members.length; step++) {
    const member = members[(from + step + members.length) % members.length]!;
    if (!dropped.has(member.id)) return member;
  }
  return undefined;
}

/** The `select_speaker` tool; `agent_id` is one of `ids`. */
export function selectSpeakerTool(ids: readonly string[]): LanguageModelV3FunctionTool {
  return {
    type: 'function',
    name: SELECT_SPEAKER,
    description: 'Choose the participant who speaks next in the group chat.',
    strict: true,
    inputSchema: {
      type: 'object',
      properties: {
        agent_id: { type: 'string', enum: [...ids], description: 'Id of the participant who speaks next.' },
        reason: { type: 'string', description: 'Why this participant should speak now.' },
      },
      required: ['agent_id', 'reason'],
      additionalProperties: false,
    },
  };
}

export interface SelectionInput {
  selector: ChatMember;
  /** Every member, for the role descriptions. */
  members: readonly ChatMember[];
  /** Members that may be chosen (not dropped). */
  candidates: readonly ChatMember[];
  task: string;
  transcript: readonly ChatTurn[];
  signal: AbortSignal;
  onUsage?: (usage: LanguageModelV3Usage) => void;
}

export type Selection =
  | { kind: 'chosen'; member: ChatMember; reason: string }
  | { kind: 'invalid'; why: string };

/** Asks the selector for the next speaker. Never throws, except when `signal` aborts. */
export async function selectSpeaker(input: SelectionInput): Promise<Selection> {
  const ids = input.candidates.map((m) => m.id);
  let reply: Awaited<ReturnType<typeof streamReply>>;
  try {
    reply = await streamReply({
      member: input.selector,
      prompt: simplePrompt(
        selectorSystemPrompt(input.members),
        selectorUserMessage(input.task, input.transcript),
      ),
      tools: [selectSpeakerTool(ids)],
      toolChoice: { type: 'required' },
      signal: input.signal,
      sink: { text() {}, reasoning() {}, usage: (u) => input.onUsage?.(u) },
    });
  } catch (error) {
    if (input.signal.aborted) throw error;
    return { kind: 'invalid', why: `the selector failed: ${failureMessage(error)}` };
  }
  const call = reply.toolCalls.find((c) => c.toolName === SELECT_SPEAKER);
  if (!call) return { kind: 'invalid', why: `the selector did not call ${SELECT_SPEAKER}` };
  let args: { agent_id?: unknown; reason?: unknown };
  try {
    args = JSON.parse(call.input) as typeof args;
  } catch {
    return { kind: 'invalid', why: `the arguments of ${SELECT_SPEAKER} are not valid JSON` };
  }
  const member = input.candidates.find((m) => m.id === args?.agent_id);
  if (!member) {
    return {
      kind: 'invalid',
      why: `the selector chose ${JSON.stringify(args?.agent_id)}, not one of ${ids.join(', ')}`,
    };
  }
  return { kind: 'chosen', member, reason: typeof args.reason === 'string' ? args.reason : '' };
}
