/**
 * What a recorded run used: calls, tokens, cost and time per agent, per model and per phase, read
 * off its events one at a time (`massgen stats` streams `events.jsonl` through it). Pure: the
 * pricer is given and every time comes from the events.
 *
 * Time: an agent's seconds are the spans it worked — its executions (`agent-start` → `agent-end`)
 * in coordination, its presentation (`final-start` → `final-end`), its post-evaluation
 * (`final-end` → `post-evaluation`); a phase's seconds are the sum of its agents' spans, and the
 * paraphrase phase's are `run-start` → `question-paraphrased`. A turn's wall time is `run-start` →
 * `run-end`.
 */
import { pricedAs } from './event-parts.js';
import type { CoordinationEvent, StreamPhase, TokenUsage } from './types.js';
import type { Pricer } from './usage-cost.js';

/** The phases stats are split by: MassGen's names for the stream phases. */
export type StatsPhase = 'paraphrase' | 'coordination' | 'presentation' | 'post-evaluation';

/** Calls, tokens, cost and time of one agent, model, phase, turn or of everything. */
export interface StatsRow {
  calls: number;
  input_tokens: number;
  /** All output tokens, reasoning included. */
  output_tokens: number;
  reasoning_tokens: number;
  cached_tokens: number;
  /** USD of the calls with a known price. */
  cost_usd: number;
  /** Calls whose model has no known price: not in `cost_usd`. */
  unpriced_calls: number;
  /** Seconds of work (see the module comment). */
  seconds: number;
}

/** One turn (one `events.jsonl`). */
export interface TurnStats {
  /** Where its events came from. */
  source: string;
  question: string;
  /** How the run ended; `running` when its log has no `run-end`. */
  status: string;
  winner: string | null;
  /** `run-start` → `run-end`. */
  wall_seconds: number;
  total: StatsRow;
}

/** The stats of one run or of a whole session. */
export interface RunStats {
  turns: TurnStats[];
  total: StatsRow & { wall_seconds: number };
  /** Keyed by real agent id. */
  agents: Record<string, StatsRow & { backend: string; model: string }>;
  /** Keyed by `backend/model`. */
  models: Record<string, StatsRow>;
  phases: Record<StatsPhase, StatsRow>;
}

export function emptyRow(): StatsRow {
  return {
    calls: 0,
    input_tokens: 0,
    output_tokens: 0,
    reasoning_tokens: 0,
    cached_tokens: 0,
    cost_usd: 0,
    unpriced_calls: 0,
    seconds: 0,
  };
}

export function emptyStats(): RunStats {
  return {
    turns: [],
    total: { ...emptyRow(), wall_seconds: 0 },
    agents: {},
    models: {},
    phases: {
      paraphrase: emptyRow(),
      coordination: emptyRow(),
      presentation: emptyRow(),
      'post-evaluation': emptyRow(),
    },
  };
}

const PHASES: Record<StreamPhase, StatsPhase> = {
  coordination: 'coordination',
  presentation: 'presentation',
  evaluation: 'post-evaluation',
};

/** USD with no float noise (8 decimals). */
function usd(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

function addCall<T extends StatsRow>(row: T, usage: TokenUsage, cost: number | undefined, calls = 1): T {
  return {
    ...row,
    calls: row.calls + calls,
    input_tokens: row.input_tokens + usage.inputTokens,
    output_tokens: row.output_tokens + usage.outputTokens,
    reasoning_tokens: row.reasoning_tokens + (usage.reasoningTokens ?? 0),
    cached_tokens: row.cached_tokens + (usage.cachedInputTokens ?? 0),
    cost_usd: usd(row.cost_usd + (cost ?? 0)),
    unpriced_calls: row.unpriced_calls + (cost === undefined ? calls : 0),
  };
}

function addSeconds<T extends StatsRow>(row: T, seconds: number): T {
  return { ...row, seconds: row.seconds + seconds };
}

/** Reads a session's or a run's turns one event at a time. */
export class StatsReader {
  private stats = emptyStats();
  private readonly price: Pricer;
  private turn: TurnStats | undefined;
  private turnStart = 0;
  private models: Record<string, { backend: string; model: string }> = {};
  /** Open spans per agent: when its execution, presentation or evaluation began. */
  private open = new Map<string, { phase: StatsPhase; since: number }>();

  constructor(price: Pricer) {
    this.price = price;
  }

  /** Starts the next turn (the next `events.jsonl`). */
  beginTurn(source: string): void {
    this.endTurn();
    this.turn = { source, question: '', status: 'running', winner: null, wall_seconds: 0, total: emptyRow() };
    this.open.clear();
  }

  /** Applies one event of the current turn. */
  read(event: CoordinationEvent): void {
    const turn = this.turn;
    if (!turn) throw new Error('StatsReader.read before beginTurn');
    switch (event.type) {
      case 'run-start':
        this.turnStart = event.ts;
        turn.question = event.question;
        this.models = Object.fromEntries(event.agents.map((a) => [a.id, pricedAs(a)]));
        for (const a of event.agents) {
          this.stats.agents[a.id] ??= { ...emptyRow(), ...pricedAs(a) };
        }
        break;
      case 'agent-start':
        this.open.set(event.agentId, { phase: 'coordination', since: event.ts });
        break;
      case 'final-start':
        this.open.set(event.agentId, { phase: 'presentation', since: event.ts });
        break;
      case 'agent-end':
        this.close(event.agentId, event.ts);
        break;
      case 'final-end':
        this.close(event.agentId, event.ts);
        // A post-evaluation, if one follows, starts now.
        this.open.set(event.agentId, { phase: 'post-evaluation', since: event.ts });
        break;
      case 'post-evaluation':
        this.close(event.agentId, event.ts);
        break;
      case 'attempt-start':
        this.open.clear();
        break;
      case 'usage':
        this.addUsage(event.agentId, event.phase, event.usage, event.priceAs);
        break;
      case 'question-paraphrased':
        if (event.calls > 0) this.addParaphrase(event, Math.max(0, (event.ts - this.turnStart) / 1000));
        break;
      case 'run-end':
        turn.status = event.status;
        turn.winner = event.winner ?? null;
        turn.wall_seconds = Math.max(0, (event.ts - this.turnStart) / 1000);
        this.open.clear();
        break;
      default:
        break;
    }
  }

  /** The stats of every turn read so far. */
  result(): RunStats {
    this.endTurn();
    return this.stats;
  }

  private endTurn(): void {
    if (!this.turn) return;
    this.stats.turns.push(this.turn);
    this.stats.total = {
      ...this.stats.total,
      wall_seconds: this.stats.total.wall_seconds + this.turn.wall_seconds,
    };
    this.turn = undefined;
  }

  private close(agentId: string, ts: number): void {
    const span = this.open.get(agentId);
    if (!span) return;
    this.open.delete(agentId);
    // Only a post-evaluation that happened counts: its span is closed by its event.
    const seconds = Math.max(0, (ts - span.since) / 1000);
    const s = this.stats;
    const agent = s.agents[agentId] ?? { ...emptyRow(), backend: '', model: '' };
    s.agents[agentId] = addSeconds(agent, seconds);
    s.phases[span.phase] = addSeconds(s.phases[span.phase], seconds);
    const key = modelKey(agent);
    s.models[key] = addSeconds(s.models[key] ?? emptyRow(), seconds);
    s.total = addSeconds(s.total, seconds);
    if (this.turn) this.turn.total = addSeconds(this.turn.total, seconds);
  }

  /**
   * The question paraphrasing's calls: their own phase and model, no agent; its time is from
   * `run-start` to the event.
   */
  private addParaphrase(
    event: { backend: string; model: string; calls: number; usage: TokenUsage },
    seconds: number,
  ): void {
    const cost = this.price(event.backend, event.model, event.usage);
    const add = <T extends StatsRow>(row: T) =>
      addSeconds(addCall(row, event.usage, cost, event.calls), seconds);
    const s = this.stats;
    const key = modelKey(event);
    s.models[key] = add(s.models[key] ?? emptyRow());
    s.phases.paraphrase = add(s.phases.paraphrase);
    s.total = add(s.total);
    if (this.turn) this.turn.total = add(this.turn.total);
  }

  private addUsage(
    agentId: string,
    phase: StreamPhase,
    usage: TokenUsage,
    priceAs?: { backend: string; model: string },
  ): void {
    const model = this.models[agentId] ?? priceAs;
    const cost = model ? this.price(model.backend, model.model, usage) : undefined;
    const s = this.stats;
    const agent = s.agents[agentId] ?? {
      ...emptyRow(),
      backend: model?.backend ?? '',
      model: model?.model ?? '',
    };
    s.agents[agentId] = addCall(agent, usage, cost);
    const key = modelKey(agent);
    s.models[key] = addCall(s.models[key] ?? emptyRow(), usage, cost);
    const p = PHASES[phase] ?? 'coordination';
    s.phases[p] = addCall(s.phases[p], usage, cost);
    s.total = addCall(s.total, usage, cost);
    if (this.turn) this.turn.total = addCall(this.turn.total, usage, cost);
  }
}

/** `backend/model`, or `unknown` for an agent the log never described. */
function modelKey(agent: { backend: string; model: string }): string {
  return agent.model === '' ? 'unknown' : `${agent.backend}/${agent.model}`;
}
