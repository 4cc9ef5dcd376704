/**
 * How a reply ended, and what the phases make of the endings that are not the happy ones: a reply
 * cut at the output token limit, one the provider blocked (a refusal, a safety filter), a function
 * call the provider could not parse (Gemini's MALFORMED_FUNCTION_CALL).
 */
import type { FinishReason } from 'ai';
import { MassGenError } from '../errors.js';
import type { EventInput } from '../events/types.js';

/** How a reply ended: the AI SDK's unified reason and the provider's own value (e.g. `max_tokens`). */
export interface StepFinish {
  unified: FinishReason;
  raw?: string;
}

/** What a finish means for the agent: `complete` covers stop, tool calls and anything unknown. */
export type FinishKind = 'complete' | 'truncated' | 'blocked' | 'malformed-call';

export function finishKind(finish: StepFinish): FinishKind {
  if (finish.unified === 'length') return 'truncated';
  if (finish.unified === 'content-filter') return 'blocked';
  if (finish.raw === 'MALFORMED_FUNCTION_CALL') return 'malformed-call';
  return 'complete';
}

function reasonText(finish: StepFinish): string {
  return finish.raw ?? finish.unified;
}

/** What happened to the reply, for a notice: `the reply was cut at the output token limit (max_tokens)`. */
export function finishText(finish: StepFinish, what = 'the reply'): string {
  switch (finishKind(finish)) {
    case 'truncated':
      return `${what} was cut at the output token limit (${reasonText(finish)})`;
    case 'blocked':
      return `the provider blocked ${what} (${reasonText(finish)})`;
    case 'malformed-call':
      return `the provider could not parse the function call in ${what} (${reasonText(finish)})`;
    case 'complete':
      return `${what} ended (${reasonText(finish)})`;
  }
}

/** A warning notice naming the agent, what happened to its reply and what happens next. */
export function finishNotice(agentId: string, finish: StepFinish, next: string, what?: string): EventInput {
  return {
    type: 'notice',
    level: 'warning',
    agentId,
    message: `${agentId}: ${finishText(finish, what)}; ${next}.`,
  };
}

/** Advice added where a cut reply is retried: the limit is the agent's own setting. */
export const RAISE_LIMIT = 'raise backend.max_tokens in the config if this repeats';

/**
 * The provider refused to produce the reply. The conversation that led to it cannot go on (the
 * provider asks for a fresh context), so the attempt fails and the agent starts again.
 */
export class ReplyBlockedError extends MassGenError {
  readonly finish: StepFinish;

  constructor(finish: StepFinish) {
    super(`${finishText(finish)}; if this repeats, rephrase the question or give the agent another model`);
    this.finish = finish;
  }
}
