/** Builders for UI tests: events with stamps, a run view from events, the recorded demo, frame polling. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CoordinationEvent, EventInput } from '../../src/events/types.js';
import type { Pricer } from '../../src/ui/cost.js';
import { reduceRun } from '../../src/ui/tui/reducer.js';
import { initialRunView, type RunView } from '../../src/ui/tui/state.js';

export const DEMO_FILE = path.resolve(import.meta.dirname, '../../examples/demo/events.jsonl');

let seq = 0;
const T0 = 1_700_000_000_000;

/** Stamps an event input like the channel does (`ts` grows 100 ms per event unless given). */
export function ev(input: EventInput, ts?: number): CoordinationEvent {
  seq++;
  return { ...input, runId: 'log_test', seq, ts: ts ?? T0 + seq * 100 } as CoordinationEvent;
}

/** A run-start of agents `ids` (backend openai, model gpt-5-mini unless given). */
export function runStart(ids: string[], question = 'What is 2+2?'): CoordinationEvent {
  return ev(
    {
      type: 'run-start',
      question,
      agents: ids.map((id, i) => ({ id, label: `agent${i + 1}`, backend: 'openai', model: 'gpt-5-mini' })),
      logDir: '/logs/log_test/turn_1',
    },
    T0,
  );
}

/** Folds events into a run view. */
export function viewOf(events: CoordinationEvent[], price?: Pricer): RunView {
  return events.reduce((view, e) => reduceRun(view, e, price), initialRunView());
}

/** The recorded demo's events. */
export function demoEvents(): CoordinationEvent[] {
  return readFileSync(DEMO_FILE, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CoordinationEvent);
}

/** Polls `frame()` until `predicate` holds; throws with the last frame after `timeoutMs`. */
export async function waitForFrame(
  frame: () => string | undefined,
  predicate: (text: string) => boolean,
  timeoutMs = 2000,
): Promise<string> {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeoutMs) {
    last = frame() ?? '';
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error(`frame did not match within ${timeoutMs} ms; last frame:\n${last}`);
}
