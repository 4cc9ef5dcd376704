/**
 * The terminal UI's reducer: `(view, event) → view`, pure (no React, no clock, no I/O), so every
 * panel state is a unit test. Run-level events are handled here, an agent's own events in
 * `agent-reducer.ts`. Prices come from an injected {@link Pricer}. Every string of an event is
 * made safe for the terminal ({@link terminalSafe}) before it enters the view, so nothing the UI
 * draws from a model, a tool, the question or a log file holds a control sequence.
 */
import { reduceAnswerBoard } from '../../events/answer-board.js';
import { generatedFileOf } from '../../events/generated-files.js';
import { addOverhead } from '../../events/overhead-usage.js';
import type { CoordinationEvent, EventOf } from '../../events/types.js';
import { addUsage } from '../../events/usage-totals.js';
import { attachmentText } from '../attachment-text.js';
import type { Pricer } from '../cost.js';
import { terminalSafe } from '../terminal-text.js';
import { reduceAgentEvent } from './agent-reducer.js';
import { type AgentView, initialRunView, newAgentView, type RunView } from './state.js';
import { sanitize } from './text-buffer.js';
import { note, setAgent } from './view-update.js';

/** Characters of the final answer kept (it is shown in full, so the cap is generous). */
const FINAL_CAP = 400_000;
const MAX_NOTICES = 3;

/** Applies one event. Events of unknown agents or unknown types leave the view unchanged. */
export function reduceRun(view: RunView, event: CoordinationEvent, price?: Pricer): RunView {
  const safe = terminalSafe(event);
  const next = reduceEvent(view, safe, price);
  return {
    ...next,
    board: reduceAnswerBoard(next.board, safe),
    generated: reduceGenerated(next.generated, safe),
    lastEventAt: event.ts,
  };
}

/** Adds the file a generation tool made (once per agent and name). */
function reduceGenerated(generated: RunView['generated'], event: CoordinationEvent): RunView['generated'] {
  const found = generatedFileOf(event);
  if (!found) return generated;
  const files = generated[found.agentId] ?? [];
  return files.includes(found.file) ? generated : { ...generated, [found.agentId]: [...files, found.file] };
}

function reduceEvent(view: RunView, event: CoordinationEvent, price?: Pricer): RunView {
  switch (event.type) {
    case 'run-start':
      return runStart(event);
    case 'attempt-start':
      return attemptStart(view, event);
    case 'winner':
      return winner(view, event);
    case 'final-start':
      return {
        ...setAgent(view, event.agentId, (a) => ({ ...a, status: { kind: 'presenting' } })),
        phase: 'presenting',
      };
    case 'final-end':
      // The final answer and any fallback have their own events; the run's end settles the panels.
      return view;
    case 'final-delta': {
      const v = setAgent(view, event.agentId, (a) => ({ ...a, status: { kind: 'presenting' } }));
      const text = (view.final.text + sanitize(event.text)).slice(-FINAL_CAP);
      return { ...v, phase: 'presenting', final: { ...view.final, agentId: event.agentId, text } };
    }
    case 'final-answer':
      return {
        ...view,
        final: {
          agentId: event.agentId,
          text: sanitize(event.content).slice(-FINAL_CAP),
          done: true,
          fromStoredAnswer: event.fromStoredAnswer,
          ...(event.workspace ? { workspace: event.workspace } : {}),
        },
      };
    case 'question-paraphrased': {
      // Each agent's panel shows the variant it reads with the question.
      let v = view;
      for (const [id, variant] of Object.entries(event.assignments)) {
        v = note(v, id, 'note', `↻ paraphrase${event.cached ? ' (cached)' : ''}: ${variant}`);
      }
      if (event.calls === 0) return v;
      const cost = price?.(event.backend, event.model, event.usage);
      return { ...v, overheadUsage: addOverhead(v.overheadUsage, event.usage, cost) };
    }
    case 'notice': {
      const notices = [
        ...view.notices,
        { level: event.level, message: event.message, agentId: event.agentId },
      ];
      const v = { ...view, notices: notices.slice(-MAX_NOTICES) };
      if (!event.agentId || event.level === 'info') return v;
      return note(v, event.agentId, event.level === 'error' ? 'error' : 'note', `! ${event.message}`);
    }
    case 'run-end':
      return runEnd(view, event);
    case 'tool-server-status':
      if (event.status === 'starting') return view;
      return note(
        view,
        event.agentId,
        event.status === 'failed' || event.status === 'removed' ? 'error' : 'note',
        `🔌 ${event.server}: ${event.status}${event.error ? ` (${event.error})` : ''}`,
      );
    case 'attachment':
      return note(view, event.agentId, 'note', `📎 ${attachmentText(event)}`);
    case 'memory-compressed':
      return note(
        view,
        event.agentId,
        'note',
        `🗜️ ${event.scope} compressed: ${event.beforeTokens} → ${event.afterTokens} tokens`,
      );
    case 'memory-recalled':
      return event.memories.length === 0
        ? view
        : note(view, event.agentId, 'note', `🧠 recalled ${event.memories.length} memories`);
    case 'usage':
      if (event.priceAs && !view.agents[event.agentId]) {
        const cost = price?.(event.priceAs.backend, event.priceAs.model, event.usage);
        return { ...view, overheadUsage: addOverhead(view.overheadUsage, event.usage, cost) };
      }
      return setAgent(view, event.agentId, (a) => {
        const priced = a.priceAs ?? a;
        const cost = price?.(priced.backend, priced.model, event.usage);
        return {
          ...a,
          usage: addUsage(a.usage, event.usage),
          cost: cost === undefined ? a.cost : (a.cost ?? 0) + cost,
          unpriced: a.unpriced || cost === undefined,
        };
      });
    default:
      return 'agentId' in event ? reduceAgentEvent(view, event) : view;
  }
}

function runStart(event: EventOf<'run-start'>): RunView {
  const base = initialRunView();
  const agents: Record<string, AgentView> = {};
  for (const info of event.agents) agents[info.id] = newAgentView(info);
  return {
    ...base,
    runId: event.runId,
    question: event.question,
    logDir: event.logDir,
    startedAt: event.ts,
    phase: 'coordinating',
    order: event.agents.map((a) => a.id),
    agents,
  };
}

function attemptStart(view: RunView, event: EventOf<'attempt-start'>): RunView {
  const attempt = { number: event.attempt, max: event.maxAttempts };
  if (event.attempt <= 1) return { ...view, attempt };
  let v: RunView = {
    ...view,
    attempt,
    phase: 'coordinating',
    winner: undefined,
    final: { text: '', done: false, fromStoredAnswer: false },
    rounds: [...view.rounds, { number: view.rounds.length + 1, votes: [] }],
  };
  for (const id of v.order) {
    v = note(
      v,
      id,
      'note',
      `── attempt ${event.attempt}/${event.maxAttempts}: ${event.reason ?? 'restarted'} ──`,
    );
  }
  return v;
}

function winner(view: RunView, event: EventOf<'winner'>): RunView {
  let v: RunView = {
    ...view,
    phase: 'presenting',
    winner: { agentId: event.agentId, votes: event.votes, isTie: event.isTie, by: event.by },
  };
  for (const id of v.order) {
    v = setAgent(v, id, (a) => {
      if (id === event.agentId) return { ...a, status: { kind: 'presenting' } };
      return a.status.kind === 'dropped' ? a : { ...a, status: { kind: 'done', winner: false } };
    });
  }
  return v;
}

function runEnd(view: RunView, event: EventOf<'run-end'>): RunView {
  let v: RunView = {
    ...view,
    phase: 'done',
    end: { status: event.status, durationMs: event.durationMs, winner: event.winner, error: event.error },
  };
  for (const id of v.order) {
    v = setAgent(v, id, (a) => {
      if (id === event.winner) return { ...a, status: { kind: 'done', winner: true } };
      const keep = ['dropped', 'error', 'timeout', 'voted', 'answered'].includes(a.status.kind);
      return keep ? a : { ...a, status: { kind: 'done', winner: false } };
    });
  }
  return v;
}
