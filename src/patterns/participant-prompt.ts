/**
 * The prompts of a team or nested chat standing as one agent: the task its members discuss (the
 * coordination prompt as text) and the prompt of the member who then writes the agent's reply, with
 * the discussion appended.
 */
import type { LanguageModelV3Message, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { transcriptText } from './prompts.js';
import type { ChatMember, ChatSpec, ChatTurn } from './types.js';

/** The non-system messages of a prompt as plain text (tool calls and results as one line each). */
export function promptAsText(prompt: LanguageModelV3Prompt): string {
  const parts: string[] = [];
  for (const message of prompt) {
    if (message.role === 'system') continue;
    for (const part of message.content) {
      if (part.type === 'text') parts.push(part.text);
      else if (part.type === 'tool-call')
        parts.push(`[tool call ${part.toolName}] ${JSON.stringify(part.input)}`);
      else if (part.type === 'tool-result')
        parts.push(`[tool result ${part.toolName}] ${JSON.stringify(part.output)}`);
    }
  }
  return parts.join('\n\n');
}

/** The task the members of a participant discuss before it replies. */
export function participantTask(prompt: LanguageModelV3Prompt, spec: ChatSpec): string {
  const who =
    spec.kind === 'nested_chat'
      ? `\`${spec.owner}\` consults before replying`
      : `your team \`${spec.owner}\` acts as ONE participant`;
  return [
    promptAsText(prompt),
    `This is a conversation in which ${who}. Discuss the task above (and any answers shown in it) so that the reply that follows — a new answer, or a vote for the best existing answer — is as good as possible.`,
  ].join('\n\n');
}

/** The member who writes the reply: the agent itself (nested chat), else the summary agent / last speaker. */
export function pickReplier(spec: ChatSpec, transcript: readonly ChatTurn[]): ChatMember {
  const byId = (id: string | undefined) => spec.members.find((m) => m.id === id);
  const lastSpeaker = spec.summaryMethod === 'last_message' ? transcript.at(-1)?.speaker : undefined;
  return byId(spec.self) ?? byId(lastSpeaker) ?? byId(spec.summaryAgent) ?? spec.members[0]!;
}

function teamNote(spec: ChatSpec, replier: ChatMember, discussed: boolean): string {
  const others = spec.members.filter((m) => m.id !== replier.id).map((m) => m.id);
  const lines =
    spec.kind === 'nested_chat'
      ? [`## Nested chat\nYou are \`${spec.owner}\`; you consult ${others.join(', ')} before replying.`]
      : [
          `## Team\nYou write the replies of \`${spec.owner}\`, a team of ${spec.members.map((m) => m.id).join(', ')}.`,
        ];
  if (discussed) {
    lines.push(
      'The discussion you just had is at the end of the conversation: build your reply on it, in the form the instructions below ask for.',
    );
  }
  return lines.join('\n');
}

/**
 * The replier's prompt: its own system message and a note on the team before the original system
 * text, its attachments before the first user message's text, and the discussion (if any) appended
 * to the last user message.
 */
export function replierPrompt(
  prompt: LanguageModelV3Prompt,
  spec: ChatSpec,
  replier: ChatMember,
  discussion: readonly ChatTurn[] | undefined,
): LanguageModelV3Prompt {
  const original = prompt
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const identity = replier.systemMessage?.trim();
  const system = [
    identity && !original.includes(identity) ? identity : undefined,
    teamNote(spec, replier, discussion !== undefined),
    original,
  ]
    .filter(Boolean)
    .join('\n\n');
  const messages: LanguageModelV3Message[] = prompt.filter((m) => m.role !== 'system');
  // The replier's own attachments (in its backend's form) open the first user message.
  const first = messages.findIndex((m) => m.role === 'user');
  const own = messages[first];
  if (replier.attachments?.length && own?.role === 'user') {
    messages[first] = { ...own, content: [...replier.attachments, ...own.content] };
  }
  if (discussion !== undefined) {
    const body = discussion.length > 0 ? transcriptText(discussion) : '(nobody managed to speak)';
    const text = `<DISCUSSION>\n${body}\n<END OF DISCUSSION>\n\nNow reply as instructed.`;
    const last = messages.at(-1);
    if (last?.role === 'user') {
      messages[messages.length - 1] = {
        ...last,
        content: [...last.content, { type: 'text', text: `\n\n${text}` }],
      };
    } else {
      messages.push({ role: 'user', content: [{ type: 'text', text }] });
    }
  }
  return [{ role: 'system', content: system }, ...messages];
}
