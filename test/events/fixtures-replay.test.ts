/**
 * Recorded `events.jsonl` files of every event format version (test/fixtures/events/v1, v2 — see
 * record.ts there — and the packaged demo) replay to the same final state: status.json's reducer
 * and the terminal UI's reducer reach exactly the winner, statuses and answer counts of the run.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentAnswerLabels, EMPTY_ANSWER_BOARD, reduceAnswerBoard } from '../../src/events/answer-board.js';
import { streamEventLog } from '../../src/events/replay.js';
import { initialStatus, reduceStatus } from '../../src/events/status.js';
import type { CoordinationEvent } from '../../src/events/types.js';
import { reduceRun } from '../../src/ui/tui/reducer.js';
import { initialRunView } from '../../src/ui/tui/state.js';
import { lifecycle } from '../support/lifecycle.js';
import { DEMO_FILE } from '../ui/helpers.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/events');

/** What a replay must end with. Agents: [status.json status, answer count, latest label, vote, TUI status]. */
interface Expected {
  winner: string;
  attempt: number;
  final: string;
  agents: Record<string, [string, number, string | null, string | null, string]>;
  /** TUI vote rounds: `voter>target` per vote, and the choices shown. */
  rounds: Array<[string, string | undefined]>;
}

const EXPECTED: Record<string, Expected> = {
  consensus: {
    winner: 'alpha',
    attempt: 1,
    final: 'Event sourcing keeps every change as an immutable event; state is a fold over them.',
    agents: {
      alpha: ['completed', 1, 'agent1.1', 'alpha', 'done'],
      beta: ['completed', 1, 'agent2.1', 'alpha', 'done'],
      gamma: ['completed', 1, 'agent3.1', 'alpha', 'done'],
    },
    rounds: [['alpha>alpha,beta>alpha,gamma>alpha', 'agent1.1,agent2.1,agent3.1']],
  },
  'dropped-timeout': {
    winner: 'alpha',
    attempt: 1,
    final: 'Final answer from m-alpha',
    agents: {
      alpha: ['completed', 1, 'agent1.1', 'alpha', 'done'],
      beta: ['completed', 0, null, 'alpha', 'done'],
      gamma: ['dropped', 0, null, null, 'dropped'],
    },
    rounds: [['alpha>alpha,beta>alpha', 'agent1.1']],
  },
  restart: {
    winner: 'alpha',
    attempt: 2,
    final: 'Presentation two',
    agents: {
      alpha: ['completed', 1, 'agent1.1', 'alpha', 'done'],
      beta: ['completed', 1, 'agent2.1', 'alpha', 'done'],
    },
    rounds: [
      ['alpha>alpha,beta>alpha', 'agent1.1,agent2.1'],
      ['alpha>alpha,beta>alpha', 'agent1.1,agent2.1'],
    ],
  },
  'group-chat': {
    winner: 'analyst',
    attempt: 1,
    final: 'm-analyst (turn 4): it is 4.',
    agents: {
      researcher: ['completed', 2, 'agent1.2', null, 'done'],
      analyst: ['completed', 2, 'agent2.2', null, 'done'],
    },
    rounds: [['', undefined]],
  },
  demo: {
    winner: 'gemini',
    attempt: 1,
    final: '## Event sourcing: the trade-offs',
    agents: {
      gpt5mini: ['completed', 1, 'agent1.1', 'gemini', 'done'],
      claude: ['completed', 1, 'agent2.1', 'gemini', 'done'],
      gemini: ['completed', 2, 'agent3.2', 'gpt5mini', 'done'],
    },
    rounds: [
      ['gpt5mini>claude', 'agent1.1,agent2.1,agent3.1'],
      ['gemini>gpt5mini,claude>gpt5mini,gpt5mini>gemini,claude>gemini', 'agent1.1,agent2.1,agent3.2'],
    ],
  },
};

const RECORDINGS: Array<[version: string, name: string, file: string]> = [
  ...['consensus', 'dropped-timeout', 'restart', 'group-chat', 'demo'].map(
    (name) => ['v1', name, path.join(FIXTURES, 'v1', `${name}.jsonl`)] as [string, string, string],
  ),
  ...['consensus', 'dropped-timeout', 'restart', 'group-chat'].map(
    (name) => ['v2', name, path.join(FIXTURES, 'v2', `${name}.jsonl`)] as [string, string, string],
  ),
  ['v2', 'demo', DEMO_FILE],
];

async function replay(file: string) {
  const events: CoordinationEvent[] = [];
  let status = initialStatus({ runId: '', logDir: '', question: '', startTime: 0 });
  let view = initialRunView();
  for await (const event of streamEventLog(file)) {
    events.push(event);
    status = reduceStatus(status, event);
    view = reduceRun(view, event);
  }
  return { events, status, view };
}

describe('recorded events of every format version replay to the same final state', () => {
  it.each(RECORDINGS)('%s %s', async (version, name, file) => {
    const expected = EXPECTED[name]!;
    const { events, status, view } = await replay(file);
    const start = events[0]!;
    expect(start.type).toBe('run-start');
    expect(start.type === 'run-start' && start.schemaVersion).toBe(version === 'v1' ? undefined : 2);

    expect(status.results.winner).toBe(expected.winner);
    expect(status.run.status).toBe('completed');
    expect(status.coordination).toMatchObject({ phase: 'completed', attempt: expected.attempt });
    expect(status.results.final_answer_preview?.startsWith(expected.final)).toBe(true);
    expect(
      Object.fromEntries(
        Object.entries(status.agents).map(([id, a]) => [
          id,
          [a.status, a.answer_count, a.latest_answer_label, a.vote_cast?.voted_for_agent ?? null],
        ]),
      ),
    ).toEqual(Object.fromEntries(Object.entries(expected.agents).map(([id, a]) => [id, a.slice(0, 4)])));

    expect(view.phase).toBe('done');
    expect(view.end?.status).toBe('completed');
    expect(view.winner?.agentId).toBe(expected.winner);
    expect(view.final.text.startsWith(expected.final)).toBe(true);
    expect(view.final.fromStoredAnswer).toBe(false);
    expect(
      Object.fromEntries(
        view.order.map((id) => [id, [view.agents[id]!.status.kind, view.agents[id]!.answers]]),
      ),
    ).toEqual(Object.fromEntries(Object.entries(expected.agents).map(([id, a]) => [id, [a[4], a[1]]])));
    expect(
      view.rounds.map((r) => [
        r.votes.map((v) => `${v.voter}>${v.votedFor}`).join(','),
        r.votes[0]?.options.join(','),
      ]),
    ).toEqual(expected.rounds);

    if (version !== 'v1') lifecycle(events);
  });

  it.each(RECORDINGS.filter(([version, name]) => version === 'v1' && name !== 'group-chat'))(
    '%s %s: the answers listed in each agent-start and vote are the current answers of the stream',
    async (_version, _name, file) => {
      const { events } = await replay(file);
      let board = EMPTY_ANSWER_BOARD;
      let checked = 0;
      for (const event of events) {
        if (event.type === 'agent-start' && event.answersSeen) {
          expect(event.answersSeen).toEqual(currentAnswerLabels(board));
          checked++;
        }
        if (event.type === 'vote' && event.options) {
          expect(event.options).toEqual(currentAnswerLabels(board));
          checked++;
        }
        board = reduceAnswerBoard(board, event);
      }
      expect(checked).toBe(events.filter((e) => e.type === 'agent-start' || e.type === 'vote').length);
    },
  );

  it('version 2 recordings name their contexts by file and hold no context text', async () => {
    for (const [, , file] of RECORDINGS.filter(([version, name]) => version === 'v2' && name !== 'demo')) {
      const { events } = await replay(file);
      for (const event of events) expect(event).not.toHaveProperty('context');
      // Every answer, vote and presentation had a context; a group chat's final message has none of its own.
      const withContext = events.filter(
        (e) =>
          e.type === 'answer' ||
          e.type === 'vote' ||
          (e.type === 'final-answer' && !file.includes('group-chat')),
      );
      expect(withContext.length).toBeGreaterThan(0);
      for (const event of withContext) {
        expect(event).toHaveProperty(
          'contextFile',
          expect.stringMatching(/^(attempt_\d+\/)?(final\/)?[\w-]+\/([\d_]+\/)?context\.txt$/),
        );
      }
    }
  });
});
