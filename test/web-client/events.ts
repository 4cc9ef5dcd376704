/** Builders for the page's state tests: stamped events, a state from events, the recorded demo. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CoordinationEvent, EventInput } from '../../src/events/types.js';
import { reduceEvents } from '../../web-client/src/state/run-reducer.js';
import type { Pricer } from '../../web-client/src/state/run-state.js';
import { initialRunState, type RunState } from '../../web-client/src/state/run-state.js';

export const DEMO_FILE = path.resolve(import.meta.dirname, '../../examples/demo/events.jsonl');
export const T0 = 1_700_000_000_000;

/** Stamps inputs like the run's channel does: seq 1, 2, 3 …, `ts` 100 ms apart. */
export function stamp(inputs: EventInput[]): CoordinationEvent[] {
  return inputs.map(
    (input, i) => ({ ...input, runId: 'log_test', seq: i + 1, ts: T0 + i * 100 }) as CoordinationEvent,
  );
}

/** A run-start of agents `ids` (backend openai, model gpt-5-mini). */
export function start(ids: string[], question = 'What is 2+2?'): EventInput {
  return {
    type: 'run-start',
    question,
    sessionId: 'session_1',
    agents: ids.map((id, i) => ({ id, label: `agent${i + 1}`, backend: 'openai', model: 'gpt-5-mini' })),
  };
}

/** Folds stamped inputs into a run state. */
export function stateOf(inputs: EventInput[], price?: Pricer): RunState {
  return reduceEvents(initialRunState(), stamp(inputs), price);
}

/** The recorded demo's events. */
export function demoEvents(): CoordinationEvent[] {
  return readFileSync(DEMO_FILE, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CoordinationEvent);
}
