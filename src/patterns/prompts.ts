/**
 * The texts the speakers, the speaker selector and the summary writer of a chat see. Every prompt is
 * one system message and one user message: the task, then the transcript as `[speaker]: message`
 * turns.
 */

import type { HistoryMessage } from '../types/history.js';
import type { ChatMember, ChatTurn } from './types.js';

/**
 * The task of a run's group chat: the question, after the conversation history if any, and followed
 * by a speaker's variant of it when paraphrasing is on (as a voting run shows it).
 */
export function chatTask(
  question: string,
  history: readonly HistoryMessage[] = [],
  paraphrase?: string,
): string {
  const blocks: string[] = [];
  if (history.length > 0) {
    const lines = history.map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`);
    blocks.push(`<CONVERSATION_HISTORY>\n${lines.join('\n')}\n<END OF CONVERSATION_HISTORY>`);
  }
  const original = `<ORIGINAL MESSAGE> ${question} <END OF ORIGINAL MESSAGE>`;
  blocks.push(
    paraphrase === undefined
      ? original
      : `${original}\n<PARAPHRASED MESSAGE> ${paraphrase} <END OF PARAPHRASED MESSAGE>`,
  );
  return blocks.join('\n\n');
}

/** The transcript as `[speaker]: message` turns. */
export function transcriptText(turns: readonly ChatTurn[]): string {
  return turns.map((t) => `[${t.speaker}]: ${t.text}`).join('\n\n');
}

/** The transcript in a tagged block (`title` names it), or a line saying it is empty. */
export function transcriptBlock(turns: readonly ChatTurn[], title = 'CHAT SO FAR'): string {
  const body = turns.length === 0 ? '(no messages yet)' : transcriptText(turns);
  return `<${title}>\n${body}\n<END OF ${title}>`;
}

/** `- id: description` lines of the participants. */
export function rosterText(members: readonly ChatMember[]): string {
  return members.map((m) => `- ${m.id}: ${m.description?.trim() || '(no role description)'}`).join('\n');
}

function withIdentity(systemMessage: string | undefined, body: string): string {
  return systemMessage?.trim() ? `${systemMessage.trim()}\n\n${body}` : body;
}

/** System message of a speaker: its own system message, the participants, its role, the rules. */
export function speakerSystemPrompt(
  member: ChatMember,
  members: readonly ChatMember[],
  terminationKeyword: string | undefined,
): string {
  const lines = [
    '## Group chat',
    `You are \`${member.id}\`, one of the participants of a group chat working together on the task in the user message.`,
    `Participants:\n${rosterText(members)}`,
    `Your role: ${member.description?.trim() || 'contribute your own expertise to the task'}.`,
    'When it is your turn, write one message that moves the work forward in your role: build on what the others said instead of repeating it, and correct them where they are wrong. Write the message itself, without a name prefix.',
  ];
  if (terminationKeyword) {
    lines.push(
      `When the task is fully answered and nothing is left to add, end your message with ${terminationKeyword}.`,
    );
  }
  return withIdentity(member.systemMessage, lines.join('\n\n'));
}

/** User message of a speaker's turn. */
export function speakerUserMessage(task: string, turns: readonly ChatTurn[], speaker: string): string {
  return `${task}\n\n${transcriptBlock(turns)}\n\nIt is your turn, ${speaker}.`;
}

/** The task of an inner chat (a team's or a nested chat's turn inside a larger chat). */
export function innerTask(task: string, outer: readonly ChatTurn[], owner: string): string {
  return `${task}\n\n${transcriptBlock(outer, 'OUTER CHAT SO FAR')}\n\nYour team speaks next in the outer chat, as \`${owner}\`: prepare that message together.`;
}

/** Name of the speaker-selection tool. */
export const SELECT_SPEAKER = 'select_speaker';

/** System message of the speaker selector. */
export function selectorSystemPrompt(members: readonly ChatMember[]): string {
  return [
    '## Speaker selection',
    'You moderate a group chat working on the task in the user message. Choose who speaks next: the participant whose role best fits what the conversation needs now to answer the task well.',
    `Participants:\n${rosterText(members)}`,
    `Call \`${SELECT_SPEAKER}\` with that participant's agent_id and a short reason.`,
  ].join('\n\n');
}

/** User message of the speaker selector. */
export function selectorUserMessage(task: string, turns: readonly ChatTurn[]): string {
  return `${task}\n\n${transcriptBlock(turns)}\n\nWho should speak next?`;
}

/** System message of the `llm_summary` writer. */
export function summarySystemPrompt(systemMessage: string | undefined): string {
  return withIdentity(
    systemMessage,
    '## Summary\nA group chat worked on the task in the user message. Write the final answer to the task from it: combine what the participants established, resolve their disagreements and leave out what was refuted. Reply with the answer itself, addressed to the user; do not mention the chat or its participants.',
  );
}

/** User message of the `llm_summary` writer. */
export function summaryUserMessage(task: string, turns: readonly ChatTurn[]): string {
  return `${task}\n\n${transcriptBlock(turns, 'GROUP CHAT')}\n\nWrite the final answer to the task.`;
}

/** Text of a two-message prompt, for the log's context.txt. */
export function promptContext(system: string, user: string): string {
  return `[system]\n${system}\n\n[user]\n${user}`;
}
