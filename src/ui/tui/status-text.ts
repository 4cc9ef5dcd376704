/**
 * An agent's status as one short coloured line, and its tokens and cost. Symbols are single-width
 * characters so panel borders stay aligned in every terminal.
 */
import { formatCost, formatTokens } from '../cost.js';
import { retryStatusText } from '../retry-text.js';
import type { AgentStatus, AgentView } from './state.js';

/** Ink colour names used by the UI. */
export type Tone = 'gray' | 'yellow' | 'green' | 'cyan' | 'blue' | 'magenta' | 'red' | 'white';

export interface StatusLine {
  symbol: string;
  text: string;
  tone: Tone;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner frame for a clock value (ms). */
export function spinner(now: number): string {
  return SPINNER[Math.floor(now / 100) % SPINNER.length]!;
}

/**
 * The status line of an agent. `stopped` marks a run that ended without completing (an agent still
 * marked done was stopped, not finished); `now` animates the working spinner.
 */
export function statusLine(status: AgentStatus, now = 0, stopped = false): StatusLine {
  switch (status.kind) {
    case 'waiting':
      return { symbol: '·', text: 'waiting', tone: 'gray' };
    case 'working':
      return {
        symbol: spinner(now),
        text: status.execution > 1 ? `working (turn ${status.execution})` : 'working',
        tone: 'yellow',
      };
    case 'answered':
      return { symbol: '✓', text: `answered #${status.answerNumber} (${status.label})`, tone: 'green' };
    case 'voted':
      return { symbol: '→', text: `voted for ${status.votedFor}: ${status.reason}`, tone: 'cyan' };
    case 'vote-ignored':
      return { symbol: '≠', text: `vote for ${status.votedFor} not counted`, tone: 'magenta' };
    case 'update':
      return { symbol: '⇣', text: `receiving update: ${status.newAnswers.join(', ')}`, tone: 'blue' };
    case 'restarting':
      return { symbol: '↻', text: `restarting: new answer from ${status.by}`, tone: 'yellow' };
    case 'retrying':
      return { symbol: '↻', text: retryStatusText(status), tone: 'yellow' };
    case 'error':
      return {
        symbol: '✗',
        text: `error${status.willRetry ? ` (retry ${status.failures})` : ''}: ${status.message}`,
        tone: 'red',
      };
    case 'timeout':
      return {
        symbol: '◷',
        text: `timed out after ${status.seconds}s${status.willRetry ? ', retrying' : ''}`,
        tone: 'red',
      };
    case 'dropped':
      return { symbol: '⊘', text: `dropped: ${status.reason}`, tone: 'red' };
    case 'presenting':
      return { symbol: '★', text: 'presenting the final answer', tone: 'green' };
    case 'evaluating':
      return { symbol: '?', text: 'checking the final answer', tone: 'green' };
    case 'done':
      if (status.winner) return { symbol: '★', text: 'winner', tone: 'green' };
      return stopped
        ? { symbol: '■', text: 'stopped', tone: 'gray' }
        : { symbol: '✓', text: 'done', tone: 'gray' };
  }
}

/** `1.2k tok · $0.0012`, or `1.2k tok` when the model has no price; '' before the first call. */
export function usageText(agent: AgentView): string {
  const tokens = agent.usage.inputTokens + agent.usage.outputTokens;
  if (agent.usage.calls === 0) return '';
  const cost = agent.cost === undefined ? '' : ` · ${formatCost(agent.cost)}`;
  return `${formatTokens(tokens)} tok${cost}`;
}
