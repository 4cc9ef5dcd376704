/** Checks of the event stream's lifecycle pairs (agent-start/agent-end, final-start/final-end). */
import { expect } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';

/**
 * Asserts that every `agent-start` is closed by exactly one `agent-end` of the same agent and
 * execution before that agent starts again and before `run-end`, and likewise every `final-start`
 * by one `final-end`. Returns the executions' outcomes (`agentId:execution:outcome`) and the
 * presentations' (`agentId:outcome`), in stream order.
 */
export function lifecycle(events: readonly CoordinationEvent[]): { agents: string[]; finals: string[] } {
  const open = new Map<string, number>();
  let presenting: string | undefined;
  const agents: string[] = [];
  const finals: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'agent-start':
        expect(open.has(event.agentId), `${event.agentId} started again before its agent-end`).toBe(false);
        open.set(event.agentId, event.execution);
        break;
      case 'agent-end':
        expect(open.get(event.agentId), `agent-end of ${event.agentId} without its agent-start`).toBe(
          event.execution,
        );
        open.delete(event.agentId);
        agents.push(`${event.agentId}:${event.execution}:${event.outcome}`);
        break;
      case 'final-start':
        expect(presenting, 'final-start while a presentation is open').toBeUndefined();
        presenting = event.agentId;
        break;
      case 'final-end':
        expect(presenting).toBe(event.agentId);
        presenting = undefined;
        finals.push(`${event.agentId}:${event.outcome}`);
        break;
      case 'run-end':
        expect([...open.keys()], 'executions still open at run-end').toEqual([]);
        expect(presenting, 'presentation still open at run-end').toBeUndefined();
        break;
    }
  }
  expect(events.at(-1)?.type).toBe('run-end');
  return { agents, finals };
}
