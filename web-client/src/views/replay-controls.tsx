import type { ReplayPlayer, ReplaySpeed } from '../state/replay-player.js';

const SPEEDS: Array<{ value: ReplaySpeed; label: string }> = [
  { value: 1, label: '1×' },
  { value: 4, label: '4×' },
  { value: 16, label: '16×' },
  { value: 'instant', label: 'instant' },
];

/**
 * Replay a past run at a chosen speed: the views follow the events as they are played. `tick`
 * changes whenever the player moves, so the controls show where it is.
 */
export function ReplayControls({ player }: { player: ReplayPlayer; tick: number }) {
  const { done, total } = player.progress;
  const choose = (value: string) => {
    const speed = SPEEDS.find((s) => String(s.value) === value)!.value;
    player.setSpeed(speed);
    if (speed !== 'instant') player.restart();
  };
  return (
    <div className="replay" data-testid="replay-controls">
      <label>
        Replay speed
        <select
          value={String(player.speed)}
          onChange={(e) => choose(e.target.value)}
          data-testid="replay-speed"
        >
          {SPEEDS.map((s) => (
            <option key={s.label} value={String(s.value)}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => player.restart()} data-testid="replay-restart">
        Replay
      </button>
      {player.playing ? (
        <button type="button" onClick={() => player.pause()} data-testid="replay-pause">
          Pause
        </button>
      ) : (
        done < total && (
          <button type="button" onClick={() => player.play()} data-testid="replay-play">
            Play
          </button>
        )
      )}
      <span className="muted" data-testid="replay-progress" data-done={done} data-total={total}>
        {done} / {total} events
      </span>
    </div>
  );
}
