/** The report of an optimisation: `KEY: value` lines for the terminal and `optimize.json`. */
import type { HeldOutScore } from './held-out-score.js';
import type { SpendMeter } from './spend.js';
import type { TaskSplit } from './split.js';
import type { TunedAgent } from './tune-agent.js';

/** What the report is made of. */
export interface ReportInput {
  settings: { metric: string; optimizer: string; seed: number; budget?: number; heldOut: number };
  split: TaskSplit;
  before: HeldOutScore;
  /** Absent when the budget ran out before the optimised config was scored. */
  after?: HeldOutScore;
  tuned: TunedAgent[];
  /** Every agent of the config, in order (those not in `tuned` were not reached). */
  agents: string[];
  meter: SpendMeter;
  /** The optimised config file. */
  out: string;
  /** The optimisation folder. */
  dir: string;
}

const usd = (x: number) => `$${x.toFixed(6)}`;

function scoreLine(score: HeldOutScore): string {
  const s = score.system;
  return `${s.accuracy.toFixed(3)} (${score.correct}/${s.tasks}) · tokens ${s.totals.tokens} · ${usd(score.summary.cost_usd)}${score.summary.stopped ? ` · stopped: ${score.summary.stopped}` : ''}`;
}

/** The report's text (ends with a newline) and its JSON form. */
export function optimizeReport(input: ReportInput): { text: string; json: Record<string, unknown> } {
  const { settings, split, before, after, tuned, meter } = input;
  let optimizerTokens = 0;
  let optimizerCost = 0;
  let optimizerCalls = 0;
  for (const [phase, entry] of meter.phases) {
    if (!phase.startsWith('optimize:')) continue;
    optimizerTokens += entry.tokens;
    optimizerCost += entry.cost_usd;
    optimizerCalls += entry.calls;
  }
  const budgetReached = meter.exhausted;
  const lines = [
    `METRIC: ${settings.metric}`,
    `SPLIT: ${split.train.length} train, ${split.heldOut.length} held-out (seed ${settings.seed})`,
    `BEFORE: ${scoreLine(before)}`,
    `AFTER: ${after ? scoreLine(after) : 'not scored (budget reached)'}`,
    ...input.agents.map((id) => {
      const t = tuned.find((a) => a.agentId === id);
      if (!t) return `AGENT ${id}: not tuned (budget reached)`;
      const rewritten = t.instruction !== t.original ? ' · instruction rewritten' : '';
      return `AGENT ${id}: ${t.demonstrations.length} demonstrations${rewritten} · train score ${t.trainScore.toFixed(3)}`;
    }),
    `OPTIMIZER: ${settings.optimizer} · ${optimizerCalls} calls · tokens ${optimizerTokens} · ${usd(optimizerCost)}`,
    `SPENT: ${usd(meter.spentUsd)}${settings.budget !== undefined ? ` of budget $${settings.budget}` : ''}${budgetReached ? ' (budget reached)' : ''}`,
    `CONFIG: ${input.out}`,
    `BEFORE_EVAL: ${before.dir}`,
    ...(after ? [`AFTER_EVAL: ${after.dir}`] : []),
  ];
  const figures = (score: HeldOutScore) => ({
    accuracy: score.system.accuracy,
    correct: score.correct,
    tasks: score.system.tasks,
    tokens: score.system.totals.tokens,
    cost_usd: score.summary.cost_usd,
    complete: score.summary.complete,
    eval_dir: score.dir,
  });
  const json = {
    metric: settings.metric,
    optimizer: settings.optimizer,
    seed: settings.seed,
    held_out_fraction: settings.heldOut,
    train: split.train.map((t) => t.id),
    held_out: split.heldOut.map((t) => t.id),
    before: figures(before),
    after: after ? figures(after) : null,
    agents: tuned.map((t) => ({
      id: t.agentId,
      instruction: t.instruction,
      train_score: t.trainScore,
      demonstrations: t.demonstrations,
      system_message: t.systemMessage,
    })),
    optimizer_usage: {
      calls: optimizerCalls,
      tokens: optimizerTokens,
      cost_usd: Number(optimizerCost.toFixed(8)),
    },
    spent_usd: Number(meter.spentUsd.toFixed(8)),
    budget_usd: settings.budget ?? null,
    budget_reached: budgetReached,
    config: input.out,
  };
  return { text: `${lines.join('\n')}\n`, json };
}
