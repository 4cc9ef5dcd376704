import { describe, expect, it } from 'vitest';
import { EVENT_SCHEMA_VERSION, openRun } from '../../src/coordination/run-scope.js';
import { EventChannel } from '../../src/events/channel.js';
import type { CoordinationEvent } from '../../src/events/types.js';
import { setup } from '../support/run-setup.js';
import { consensusResponder, runtime } from '../support/scripted-model.js';

describe('the run scope', () => {
  it('emits run-start with the event format version, then calls onStarted before returning', () => {
    const channel = new EventChannel('log_test');
    const events: CoordinationEvent[] = [];
    channel.subscribe((e) => events.push(e));
    const seen: string[] = [];
    const scope = openRun({
      agents: [],
      question: 'Q',
      channel,
      runTimeoutMs: 10_000,
      onStarted: (emit) => {
        seen.push(...events.map((e) => e.type));
        emit({ type: 'notice', level: 'info', message: 'services started' });
      },
    });
    scope.close();
    expect(seen).toEqual(['run-start']);
    expect(events.map((e) => e.type)).toEqual(['run-start', 'notice']);
    expect(events[0]).toMatchObject({ type: 'run-start', schemaVersion: EVENT_SCHEMA_VERSION });
    expect(EVENT_SCHEMA_VERSION).toBe(2);
  });

  it('a failing onStarted is thrown to the caller: the run does not start', () => {
    const channel = new EventChannel('log_test');
    const stop = new AbortController();
    expect(() =>
      openRun({
        agents: [],
        question: 'Q',
        channel,
        signal: stop.signal,
        runTimeoutMs: 10_000,
        onStarted: () => {
          throw new Error('cannot start');
        },
      }),
    ).toThrow('cannot start');
  });

  it('a coordination run starts its services right after run-start, once, before any agent', async () => {
    let calls = 0;
    const t = setup([runtime('a', 0, consensusResponder('a'))], {
      onStarted: (emit) => {
        calls++;
        emit({ type: 'notice', level: 'warning', message: 'tools ready' });
      },
    });
    await t.run();
    expect(calls).toBe(1);
    expect(t.events.slice(0, 3).map((e) => e.type)).toEqual(['run-start', 'notice', 'agent-start']);
  });
});
