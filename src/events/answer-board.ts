/**
 * The current answers at each point of a run's event stream: the latest answer of every agent since
 * the run, or its latest orchestration attempt, began. They are what an agent reads when its
 * execution starts and what a voter chooses from, so events do not repeat them (version 1 logs did,
 * as `agent-start.answersSeen` and `vote.options`, which are preferred when present). Pure.
 */
import type { CoordinationEvent, EventOf } from './types.js';

/** The current answers. */
export interface AnswerBoard {
  /** Agent ids in config order (from `run-start`). */
  readonly order: readonly string[];
  /** The label (`agentK.N`) of each agent's latest answer. */
  readonly latest: Readonly<Record<string, string>>;
}

/** The board before `run-start`. */
export const EMPTY_ANSWER_BOARD: AnswerBoard = { order: [], latest: {} };

/** Applies one event; returns `board` itself for events that change nothing. */
export function reduceAnswerBoard(board: AnswerBoard, event: CoordinationEvent): AnswerBoard {
  switch (event.type) {
    case 'run-start':
      return { order: event.agents.map((a) => a.id), latest: {} };
    case 'attempt-start':
      return Object.keys(board.latest).length === 0 ? board : { ...board, latest: {} };
    case 'answer':
      return { ...board, latest: { ...board.latest, [event.agentId]: event.label } };
    default:
      return board;
  }
}

/** Labels of the current answers, in config order (agents missing from `run-start` last). */
export function currentAnswerLabels(board: AnswerBoard): string[] {
  const labels: string[] = [];
  for (const id of board.order) {
    const label = board.latest[id];
    if (label !== undefined) labels.push(label);
  }
  const ordered = new Set(board.order);
  for (const [id, label] of Object.entries(board.latest)) if (!ordered.has(id)) labels.push(label);
  return labels;
}

/** The answers an agent read at its `agent-start`, given the board before that event. */
export function answersSeenAt(board: AnswerBoard, event: EventOf<'agent-start'>): string[] {
  return event.answersSeen ?? currentAnswerLabels(board);
}

/** The answers a voter chose from, given the board before its `vote`. */
export function voteOptionsAt(board: AnswerBoard, event: EventOf<'vote'>): string[] {
  return event.options ?? currentAnswerLabels(board);
}
