/**
 * Tuning one agent with an Ax optimiser on the train split: the agent's system message becomes the
 * instruction of a `question -> answer` program run on the agent's own backend, scored with the
 * evaluation's scorer. Bootstrap few-shot keeps the instruction and finds demonstrations; GEPA also
 * rewrites the instruction by reflection (the agent's own model reflects).
 */
import type { AgentConfig } from '../config/schema.js';
import { errorText } from '../error-text.js';
import { scoreText } from '../eval/scorers.js';
import type { EvalTask } from '../eval/task.js';
import { agentAxService } from './ax-service.js';
import { type Demonstration, demonstrationsOf, systemMessageWith } from './demonstrations.js';
import { OptimizerError } from './errors.js';
import { withSeededRandom } from './seeded-random.js';
import type { SpendMeter } from './spend.js';

/** The optimisers `--optimizer` names. */
export const OPTIMIZERS = ['bootstrap', 'gepa'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** What tuning one agent needs. */
export interface TuneRequest {
  agent: AgentConfig;
  train: readonly EvalTask[];
  optimizer: OptimizerName;
  seed: number;
  /** Most demonstrations kept in the system message. */
  maxDemos: number;
  env: NodeJS.ProcessEnv;
  meter: SpendMeter;
  /** Aborted on Ctrl-C: no further optimiser call is made. */
  signal?: AbortSignal;
}

/** The outcome of tuning one agent. */
export interface TunedAgent {
  agentId: string;
  /** The agent's system message before tuning. */
  original: string;
  /** The instruction after tuning (the original one for bootstrap). */
  instruction: string;
  demonstrations: Demonstration[];
  /** The system message to write: instruction and demonstrations. */
  systemMessage: string;
  /** The optimiser's best score on the train split (0–1). */
  trainScore: number;
  /** The budget ran out while this agent was tuned (what was found so far is kept). */
  budgetReached: boolean;
}

/** The answer text of an Ax prediction. */
const predicted = (prediction: unknown) => {
  const answer = (prediction as { answer?: unknown } | null)?.answer;
  return typeof answer === 'string' ? answer : answer === undefined ? '' : String(answer);
};

/** Tunes `request.agent` on the train split. Imports Ax. */
export async function tuneAgent(request: TuneRequest): Promise<TunedAgent> {
  const { agent, train, meter } = request;
  const agentId = agent.id!;
  const original = agent.system_message ?? '';
  const phase = `optimize:${agentId}`;
  const service = await agentAxService(agent, request.env, meter, phase, request.signal);
  const { ax, AxBootstrapFewShot, AxGEPA } = await import('@ax-llm/ax');
  const program = ax('question:string -> answer:string');
  if (original.trim() !== '') program.setInstruction(original);
  const byQuestion = new Map(train.map((t) => [t.question, t]));
  const examples = train.map((t) => ({ question: t.question, answer: t.answers[0] ?? '' }));
  const metric = ({ prediction, example }: { prediction: unknown; example: Record<string, unknown> }) => {
    const task = byQuestion.get(String(example.question));
    return task ? scoreText(task, predicted(prediction)) : 0;
  };
  const quiet = { verbose: false, logger: () => {}, optimizerLogger: () => {} };
  let demos: Parameters<typeof demonstrationsOf>[0];
  let instruction = original;
  let trainScore = 0;
  try {
    if (request.optimizer === 'bootstrap') {
      const optimizer = new AxBootstrapFewShot({
        studentAI: service,
        seed: request.seed,
        ...quiet,
        options: { maxDemos: request.maxDemos, maxRounds: 1, verboseMode: false },
      });
      const result = await withSeededRandom(request.seed, () =>
        optimizer.compile(program, examples, metric as never, { maxDemos: request.maxDemos }),
      );
      demos = result.demos;
      trainScore = result.bestScore;
    } else {
      const optimizer = new AxGEPA({
        studentAI: service,
        teacherAI: service,
        seed: request.seed,
        numTrials: 4,
        minibatch: true,
        minibatchSize: Math.min(4, examples.length),
        ...quiet,
      });
      const result = await optimizer.compile(program, examples, metric as never, {
        maxMetricCalls: Math.max(8, examples.length * 6),
        maxDemos: request.maxDemos,
      });
      result.optimizedProgram?.applyTo(program as never);
      instruction = program.getInstruction() ?? original;
      demos = result.demos ?? result.optimizedProgram?.demos;
      trainScore = result.bestScore;
    }
  } catch (error) {
    if (!meter.exhausted && !request.signal?.aborted)
      throw new OptimizerError(
        `agent "${agentId}": the ${request.optimizer} optimiser failed: ${errorText(error)}`,
      );
    return {
      agentId,
      original,
      instruction: original,
      demonstrations: [],
      systemMessage: original,
      trainScore,
      budgetReached: meter.exhausted,
    };
  }
  const demonstrations = demonstrationsOf(demos, request.maxDemos);
  return {
    agentId,
    original,
    instruction,
    demonstrations,
    systemMessage: systemMessageWith(instruction, demonstrations),
    trainScore,
    budgetReached: meter.exhausted,
  };
}
