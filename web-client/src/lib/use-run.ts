/**
 * A run's state for the run page: its summary from the API, then its events over SSE — applied as
 * they come while it runs, or, for a past run, gathered and handed to a replay player.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CoordinationEvent } from '../../../src/events/types.js';
import { usageCost } from '../../../src/events/usage-cost.js';
import { api } from '../api/client.js';
import { openEventStream } from '../api/event-stream.js';
import type { RunDetail } from '../api/types.js';
import { ReplayPlayer } from '../state/replay-player.js';
import type { RunState } from '../state/run-state.js';
import { RunStore } from '../state/run-store.js';

export type RunMode = 'loading' | 'live' | 'replay' | 'error';

export interface RunHandle {
  state: RunState;
  detail?: RunDetail;
  mode: RunMode;
  error?: string;
  /** The replay of a past run (once its events are in). */
  player?: ReplayPlayer;
  /** Bumped when the player's position or speed changes. */
  playerTick: number;
  /** The stream is reconnecting. */
  reconnecting: boolean;
  /** The event stream has ended: the run is over and its log folder (final workspace too) written. */
  streamEnded: boolean;
}

const frame = (flush: () => void) => {
  requestAnimationFrame(flush);
};

const timers = {
  setTimeout: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
  clearTimeout: (h: unknown) => window.clearTimeout(h as number),
};

export function useRun(runId: string): RunHandle {
  const [store] = useState(() => new RunStore(frame, usageCost));
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const [detail, setDetail] = useState<RunDetail>();
  const [mode, setMode] = useState<RunMode>('loading');
  const [error, setError] = useState<string>();
  const [player, setPlayer] = useState<ReplayPlayer>();
  const [playerTick, setPlayerTick] = useState(0);
  const [reconnecting, setReconnecting] = useState(false);
  const [streamEnded, setStreamEnded] = useState(false);

  useEffect(() => {
    let closed = false;
    let close = () => {};
    let replay: ReplayPlayer | undefined;
    setStreamEnded(false);
    api
      .getRun(runId)
      .then((d) => {
        if (closed) return;
        setDetail(d);
        const live = d.status === 'running';
        setMode(live ? 'live' : 'replay');
        const recorded: CoordinationEvent[] = [];
        close = openEventStream(runId, {
          onEvent: (event) => {
            setReconnecting(false);
            if (live) store.apply([event]);
            else recorded.push(event);
          },
          onEnd: () => {
            if (!closed) setStreamEnded(true);
            api
              .getRun(runId)
              .then((fresh) => !closed && setDetail(fresh))
              .catch(() => {});
            if (live || closed) return;
            replay = new ReplayPlayer(recorded, store, {
              speed: 'instant',
              timers,
              onChange: () => setPlayerTick((t) => t + 1),
            });
            setPlayer(replay);
            replay.restart();
          },
          onError: (gaveUp) => setReconnecting(!gaveUp),
        });
      })
      .catch((e: unknown) => {
        if (closed) return;
        setMode('error');
        setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      closed = true;
      close();
      replay?.dispose();
    };
  }, [runId, store]);

  const handle: RunHandle = { state, mode, playerTick, reconnecting, streamEnded };
  if (detail) handle.detail = detail;
  if (error) handle.error = error;
  if (player) handle.player = player;
  return handle;
}
