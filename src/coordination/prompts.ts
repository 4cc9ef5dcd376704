/**
 * The texts models see during coordination and presentation. Delimiters follow MassGen's so that
 * prompts tuned for MassGen keep working.
 */

import { TOOL_OUTPUT_RULE } from '../agent/tool-output.js';
import type { PlannedAction } from '../events/types.js';
import type { AnswerView, PromptSettings, RestartFeedback, Strictness } from '../types/coordination.js';
import type { HistoryMessage } from '../types/history.js';

/** The block that opens every prompt of a restarted attempt. */
export function restartBlock(feedback: RestartFeedback): string {
  const parts = [
    'The previous attempt at this task was reviewed and restarted.',
    `Reason: ${feedback.reason}`,
    `Instructions for this attempt: ${feedback.instructions}`,
  ];
  if (feedback.previousFinalAnswer) {
    parts.push(`The previous final answer, for reference:\n${feedback.previousFinalAnswer}`);
  }
  if (feedback.previousAnswers.length > 0) {
    const answers = feedback.previousAnswers.map(
      (a) => `<${a.answerLabel}> ${a.content} <end of ${a.answerLabel}>`,
    );
    parts.push(`The previous attempt's answers:\n${answers.join('\n\n')}`);
  }
  parts.push('Address these issues in this attempt.');
  return `<PREVIOUS ATTEMPT FEEDBACK>\n${parts.join('\n\n')}\n<END OF PREVIOUS ATTEMPT FEEDBACK>`;
}

function section(tag: string, priority: string, body: string): string {
  return `<${tag} priority="${priority}">\n${body.trim()}\n</${tag}>`;
}

function localTime(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}`;
}

const EVALUATION: Record<Strictness, string> = {
  lenient:
    'Does the best CURRENT ANSWER address the ORIGINAL MESSAGE well? If YES, use the `vote` tool to vote for the best answer and do not call `new_answer`.',
  balanced:
    'Is the best CURRENT ANSWER comprehensive, accurate and complete for the ORIGINAL MESSAGE, or could it be meaningfully improved? Only if it is strong and complete, use the `vote` tool to vote for it.',
  strict:
    'Does the best CURRENT ANSWER handle every aspect and edge case of the ORIGINAL MESSAGE, with sound reasoning and reliable references? Only if it is excellent, use the `vote` tool to vote for it.',
};

const NOVELTY: Record<Strictness, string> = {
  lenient: '',
  balanced:
    'A new answer must be meaningfully different from the existing ones: rephrasing or small edits will be rejected. If you cannot improve substantially, vote instead.',
  strict:
    'A new answer must take a substantially different approach from the existing ones; otherwise it will be rejected and you should vote instead.',
};

/** System message for an agent during coordination. */
export function coordinationSystemPrompt(
  systemMessage: string | undefined,
  settings: PromptSettings,
  now = new Date(),
): string {
  const sections: string[] = [];
  if (systemMessage?.trim()) sections.push(section('agent_identity', 'critical', systemMessage));
  if (settings.restart)
    sections.push(section('previous_attempt', 'critical', restartBlock(settings.restart)));
  sections.push(
    section(
      'massgen_coordination',
      'critical',
      [
        'You are evaluating answers from multiple agents (who may have different tools and knowledge) to produce the best final response to the ORIGINAL MESSAGE.',
        EVALUATION[settings.votingSensitivity],
        'Otherwise, digest the existing answers, combine their strengths, fix their weaknesses with your own work, and call `new_answer` with a better, self-contained answer.',
        NOVELTY[settings.answerNovelty],
        'Every reply must end with exactly one call of `vote` or `new_answer`: describing the call in text does not count.',
        `Current time: ${localTime(now)}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    ),
  );
  if (settings.memory?.trim()) sections.push(section('memory', 'medium', settings.memory));
  sections.push(
    section(
      'core_behaviors',
      'high',
      `Act rather than suggest: infer the intent of the message and use your tools to fill gaps. Call independent tools in parallel and dependent ones in order. Never guess tool parameters.\n\n${TOOL_OUTPUT_RULE}`,
    ),
  );
  return `<system_prompt>\n${sections.join('\n\n')}\n</system_prompt>`;
}

function historyBlock(history: readonly HistoryMessage[]): string {
  const lines = history.map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`);
  return `<CONVERSATION_HISTORY>\n${lines.join('\n')}\n<END OF CONVERSATION_HISTORY>`;
}

/** The answers block: each answer as `<agentK> … <end of agentK>`. */
export function answersBlock(answers: readonly AnswerView[]): string {
  const body =
    answers.length === 0
      ? '(no answers available yet)'
      : answers.map((a) => `<${a.label}> ${a.content} <end of ${a.label}>`).join('\n\n');
  return `<CURRENT ANSWERS from the agents>\n${body}\n<END OF CURRENT ANSWERS>`;
}

/** First user message of a coordination execution. */
export function coordinationUserMessage(
  question: string,
  answers: readonly AnswerView[],
  history: readonly HistoryMessage[] = [],
  /** A variant of the question for this agent (`orchestrator.dspy`), shown after it as in MassGen. */
  paraphrase?: string,
): string {
  const blocks: string[] = [];
  if (history.length > 0) blocks.push(historyBlock(history));
  const original = `<ORIGINAL MESSAGE> ${question} <END OF ORIGINAL MESSAGE>`;
  blocks.push(
    paraphrase === undefined
      ? original
      : `${original}\n<PARAPHRASED MESSAGE> ${paraphrase} <END OF PARAPHRASED MESSAGE>`,
  );
  blocks.push(answersBlock(answers));
  return blocks.join('\n\n');
}

/** Sent when a reply used no workflow tool. */
export const ENFORCEMENT_MESSAGE =
  'Finish your work by calling either the `vote` tool or the `new_answer` tool. Make sure you actually call the tool.';

/** Tool result for a vote cast against out-of-date answers. */
export const STALE_VOTE_RESULT =
  'Vote not recorded: new answers arrived while you were working. Read them below, then vote again or give a new answer.';

/** Delivered to a busy agent at its next turn boundary when other agents gave new answers. */
export function updateMessage(newAnswers: readonly AnswerView[], all: readonly AnswerView[]): string {
  const fresh = newAnswers.map((a) => `<${a.label}> ${a.content} <end of ${a.label}>`).join('\n\n');
  return [
    'New answers arrived while you were working.',
    `<NEW ANSWERS>\n${fresh}\n<END OF NEW ANSWERS>`,
    `The current answers are now from: ${all.map((a) => a.label).join(', ')}.`,
    'You may continue your own approach, build on or refine the new answers, or vote for the best answer. Then call `new_answer` or `vote`.',
  ].join('\n\n');
}

export interface PresentationInput {
  question: string;
  history?: readonly HistoryMessage[];
  /** The presenter's own label. */
  presenterLabel: string;
  answers: readonly AnswerView[];
  /** Valid votes: voter label → chosen label and reason. */
  votes: ReadonlyArray<{ voter: string; choice: string; reason: string }>;
  isTie: boolean;
  /** Actions planned with the presenter's answer, not carried out yet. */
  planned?: readonly PlannedAction[];
}

/** The presenter's planned actions, to carry out now. */
export function plannedBlock(planned: readonly PlannedAction[]): string {
  const lines = planned.map((p, i) => `${i + 1}. ${p.toolName} ${JSON.stringify(p.input)}`);
  return (
    'PLANNED ACTIONS (recorded with your answer during coordination, not carried out yet):\n' +
    `${lines.join('\n')}\n` +
    'Carry out those the final answer needs by calling the tools now; each runs at most once and is checked ' +
    'against the safety policy (it may need approval or be refused). Then write the final answer, saying what was done.'
  );
}

/** System message for the winner's final presentation. */
export function presentationSystemPrompt(systemMessage: string | undefined): string {
  const identity = systemMessage?.trim() ? `${systemMessage.trim()}\n\n` : '';
  return (
    `${identity}## Instructions\n` +
    'You were selected by the other agents to present the final answer. Present the best coordinated answer to the ORIGINAL MESSAGE, ' +
    'combining the strengths of all the answers below and fixing their weaknesses. Reply with the final answer itself, ' +
    'addressed to the user: do not mention agents, votes or this selection process.\n\n' +
    TOOL_OUTPUT_RULE
  );
}

/** User message for the final presentation: the task, the votes with reasons, and every answer. */
export function presentationUserMessage(input: PresentationInput): string {
  const own = input.votes.filter((v) => v.choice === input.presenterLabel).length;
  const voteLines = input.votes.map((v) => `- ${v.voter} voted for ${v.choice}: ${v.reason}`);
  const blocks: string[] = [];
  if (input.history && input.history.length > 0) blocks.push(historyBlock(input.history));
  blocks.push(`<ORIGINAL MESSAGE> ${input.question} <END OF ORIGINAL MESSAGE>`);
  blocks.push(
    `VOTING RESULTS:\nYou (${input.presenterLabel}) received ${own} vote(s)${input.isTie ? ' (tie broken by agent order)' : ''}.` +
      (voteLines.length > 0 ? `\n${voteLines.join('\n')}` : ''),
  );
  blocks.push(
    'All answers provided during coordination:\n' +
      input.answers
        .map(
          (a) =>
            `<${a.label}>${a.label === input.presenterLabel ? ' (YOUR ANSWER)' : ''} ${a.content} <end of ${a.label}>`,
        )
        .join('\n\n'),
  );
  if (input.planned && input.planned.length > 0) blocks.push(plannedBlock(input.planned));
  blocks.push('Present the final answer to the ORIGINAL MESSAGE, based on the coordination above.');
  return blocks.join('\n\n');
}

/** System message of the post-evaluation: check the presented answer, then submit or restart. */
export function evaluationSystemPrompt(systemMessage: string | undefined): string {
  const identity = systemMessage?.trim() ? `${systemMessage.trim()}\n\n` : '';
  return (
    `${identity}## Post-evaluation\n` +
    'You have just presented a final answer. Verify that it fully and accurately addresses the ORIGINAL MESSAGE, ' +
    'using your tools where they help. Then call exactly one tool: `submit` if the answer is complete and correct, or ' +
    '`restart_orchestration` with a concrete reason and actionable instructions if it is incomplete or wrong. ' +
    'Be honest: a restart gives all agents another attempt with your feedback.\n\n' +
    TOOL_OUTPUT_RULE
  );
}

/** User message of the post-evaluation. */
export function evaluationUserMessage(question: string, finalAnswer: string): string {
  return [
    `<ORIGINAL MESSAGE> ${question} <END OF ORIGINAL MESSAGE>`,
    `<FINAL ANSWER TO EVALUATE>\n${finalAnswer}\n<END OF FINAL ANSWER TO EVALUATE>`,
    'Evaluate the final answer, then call `submit` or `restart_orchestration`.',
  ].join('\n\n');
}
