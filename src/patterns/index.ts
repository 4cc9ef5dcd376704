/**
 * Orchestration patterns other than voting: group chats (round robin or LLM-selected speakers),
 * nested chats, and teams standing as one agent of a voting run. See README "Group chat".
 */
export {
  type ChatEnd,
  type ChatHooks,
  type ChatOutcome,
  type ChatRun,
  runChat,
  type TurnFailure,
} from './chat.js';
export { ChatModel } from './chat-model.js';
export { createChatRuntime, createChatSpec, isChatAgent } from './chat-runtime.js';
export { type GroupChatRunOptions, type GroupChatSettings, runGroupChat } from './group-chat-run.js';
export { type CoordinationRunner, groupChatRunner } from './mode.js';
export { type ChatSummary, summarizeChat } from './summary.js';
export type { ChatMember, ChatSpec, ChatTurn, ReplySink, SpeakingOrder, SummaryMethod } from './types.js';
