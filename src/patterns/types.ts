/**
 * The contracts of the group-chat patterns: who takes part in a chat, in which order they speak, how
 * the chat ends and how its result is written, and where a speaker's streamed reply goes.
 */
import type {
  LanguageModelV3,
  LanguageModelV3FilePart,
  LanguageModelV3TextPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import type { CallSettings } from '../types/agent-runtime.js';

/** One participant of a chat: a model with its settings, system message and role description. */
export interface ChatMember {
  id: string;
  /** Role description, shown to the other speakers and to the speaker selector. */
  description?: string;
  /** A provider model, or a {@link ChatSpec}-carrying composite model (a team or nested chat). */
  model: LanguageModelV3;
  settings: CallSettings;
  systemMessage?: string;
  /** The run's attachments in the form its backend takes; they open its user message (src/media). */
  attachments?: ReadonlyArray<LanguageModelV3TextPart | LanguageModelV3FilePart>;
}

/** How the next speaker is chosen. */
export type SpeakingOrder =
  /** Members in config order from the initial agent, once per round. */
  | { kind: 'round_robin' }
  /** The first turn goes to the initial agent; an LLM picks every later speaker. */
  | { kind: 'auto'; selector: ChatMember }
  /** A fixed list of member ids, each speaking once in that order (nested chats). */
  | { kind: 'sequence'; sequence: string[] };

export type SummaryMethod = 'last_message' | 'llm_summary';

/** A chat: its members, speaking order, termination and summary. */
export interface ChatSpec {
  /** `group_chat`: a group chat (of the run, or of a team); `nested_chat`: an agent's inner chat. */
  kind: 'group_chat' | 'nested_chat';
  /** Id of the agent the chat belongs to (the team or the agent running the nested chat). */
  owner: string;
  members: ChatMember[];
  order: SpeakingOrder;
  /** round_robin: rounds of one turn per member; auto: at most `maxRounds × members` turns. */
  maxRounds: number;
  /** A message containing it ends the chat (it is stripped from the message); none: no such end. */
  terminationKeyword?: string;
  /** Who speaks first (round_robin, auto); default the first member. */
  initialAgent?: string;
  summaryMethod: SummaryMethod;
  /** Writes the `llm_summary`, and a team's replies outside a discussion; default the first member. */
  summaryAgent?: string;
  /** Nested chat: id of the agent itself (`self`), who writes its summary and its replies. */
  self?: string;
}

/** One message of a chat transcript. */
export interface ChatTurn {
  speaker: string;
  text: string;
}

/** Where the streamed reply of a speaker goes. */
export interface ReplySink {
  text(delta: string): void;
  reasoning(delta: string): void;
  usage(usage: LanguageModelV3Usage): void;
}

/** A sink that drops everything. */
export const NULL_SINK: ReplySink = { text() {}, reasoning() {}, usage() {} };

const CHAT_SPEC = Symbol.for('massgen.chat-spec');

/** Marks a composite model as running `spec` (see chat-model.ts). */
export function attachChatSpec(model: LanguageModelV3, spec: ChatSpec): void {
  Object.defineProperty(model, CHAT_SPEC, { value: spec, enumerable: false });
}

/** The chat a composite model runs, or undefined for a provider model. */
export function chatSpecOf(model: LanguageModelV3): ChatSpec | undefined {
  return (model as unknown as Record<symbol, ChatSpec | undefined>)[CHAT_SPEC];
}

/** The member who writes a chat's summary and its replies outside a discussion. */
export function summaryWriter(spec: ChatSpec): ChatMember {
  const id = spec.self ?? spec.summaryAgent;
  return spec.members.find((m) => m.id === id) ?? spec.members[0]!;
}

/** A member with a provider model: composites resolve to their summary writer (recursively). */
export function plainMember(member: ChatMember): ChatMember {
  const inner = chatSpecOf(member.model);
  return inner ? plainMember(summaryWriter(inner)) : member;
}
