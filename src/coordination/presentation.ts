/** The winner's final presentation: all answers and the votes with their reasons, then one reply. */
import type { ModelMessage } from 'ai';
import { contextText } from '../agent/context-text.js';
import { finishNotice, ReplyBlockedError } from '../agent/finish-reason.js';
import { MAX_TOOL_STEPS } from '../agent/tool-calls.js';
import { runToolLoop } from '../agent/tool-loop.js';
import { userContent } from '../agent/user-content.js';
import type { EventInput } from '../events/types.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import type { RestartFeedback } from '../types/coordination.js';
import type { HistoryMessage } from '../types/history.js';
import { presentationSystemPrompt, presentationUserMessage, restartBlock } from './prompts.js';
import { type CoordinationState, slot, snapshot } from './state.js';

export interface PresentationInput {
  agent: AgentRuntime;
  state: CoordinationState;
  question: string;
  history: readonly HistoryMessage[];
  isTie: boolean;
  /** Feedback from the previous attempt's evaluation, on a restarted attempt. */
  restart?: RestartFeedback;
  emit: (event: EventInput) => void;
  signal: AbortSignal;
}

export interface PresentationResult {
  text: string;
  context: string;
}

/** The messages of a presentation. With no answers (coordination skipped) the task is asked directly. */
export function presentationMessages(input: Omit<PresentationInput, 'emit' | 'signal'>): {
  system: string;
  messages: ModelMessage[];
} {
  const { agent, state } = input;
  const answers = snapshot(state).answers;
  const base = presentationSystemPrompt(agent.systemMessage);
  const system = input.restart ? `${restartBlock(input.restart)}\n\n${base}` : base;
  if (answers.length === 0) {
    const history: ModelMessage[] = input.history.map((m) => ({ role: m.role, content: m.content }));
    return {
      system: agent.systemMessage ?? 'You are a helpful assistant.',
      messages: [...history, { role: 'user', content: userContent(agent, input.question) }],
    };
  }
  const votes = state.agents
    .filter((a) => a.vote !== undefined)
    .map((a) => ({ voter: a.label, choice: slot(state, a.vote!.target).label, reason: a.vote!.reason }));
  const user = presentationUserMessage({
    question: input.question,
    history: input.history,
    presenterLabel: agent.label,
    answers,
    votes,
    isTie: input.isTie,
    planned: slot(state, agent.id).planned,
  });
  return { system, messages: [{ role: 'user', content: userContent(agent, user) }] };
}

/**
 * Streams the presentation (as `final-delta` events) and returns its text. The presenter has its own
 * tools (not the workflow tools): replies that call them are tool steps, up to the step limit; the
 * texts of all replies make the final answer. Failures are thrown, a blocked reply too (the stored
 * answer is used then); a reply cut at the output limit ends the presentation with what it streamed.
 */
export async function present(input: PresentationInput): Promise<PresentationResult> {
  const { system, messages } = presentationMessages(input);
  if (input.agent.adapter) {
    const { presentWithAdapter } = await import('../adapters/presentation-turn.js');
    const prompt = messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n\n');
    return presentWithAdapter(input, input.agent.adapter, { system, prompt });
  }
  const { agent, emit, signal } = input;
  const texts: string[] = [];
  const over = () => 'Not run: the presentation is over.';
  const done = () => ({
    kind: 'done' as const,
    result: { text: texts.join('\n\n'), context: contextText(system, messages) },
  });
  return runToolLoop<PresentationResult>({
    agent,
    system,
    messages,
    emit,
    signal,
    phase: 'presentation',
    maxToolSteps: MAX_TOOL_STEPS,
    limit: {
      message: 'You have used all tool steps. Do not call any more tools: write the final answer now.',
    },
    textPrefix: () => (texts.length > 0 ? '\n\n' : undefined),
    decide(step) {
      if (step.ending === 'blocked') throw new ReplyBlockedError(step.finish);
      if (step.text.trim()) texts.push(step.text.trim());
      if (step.ending !== 'complete') {
        const kept =
          texts.length > 0 ? 'the final answer is the text written so far, incomplete' : 'it wrote nothing';
        emit(finishNotice(agent.id, step.finish, kept, 'the presentation'));
        step.skip(step.calls, over);
        return done();
      }
      if (step.calls.length === 0) return done();
      if (!step.canRun(step.calls)) {
        step.skip(step.calls, over);
        return done();
      }
      return { kind: 'run-tools', calls: step.calls };
    },
  });
}
