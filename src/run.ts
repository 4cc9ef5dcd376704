/**
 * Running a config end to end: models for every agent, the log folder and its recorder, the
 * coordination run. Used by the CLI and by library users.
 */
import path from 'node:path';
import type { AgentRuntime } from './agent/runtime.js';
import type { MassGenConfig } from './config/schema.js';
import { agentLabel } from './coordination/labels.js';
import { type RunResult, runCoordination } from './coordination/orchestrator.js';
import type { HistoryMessage } from './coordination/prompts.js';
import { EventChannel, type EventListener } from './events/channel.js';
import { createRunLogDir } from './events/log-dir.js';
import type { ExecutionMetadata } from './events/recorder.js';
import { createModel } from './providers/create-model.js';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from './providers/retry.js';

export interface RunOptions {
  question: string;
  /** Earlier exchanges of a multi-turn session. */
  history?: HistoryMessage[];
  /** Where keys come from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Aborting it interrupts the run. */
  signal?: AbortSignal;
  /** Folder of the log folders (`log_<ts>/`); default `<cwd>/.massgen/massgen_logs`. `false`: no logs. */
  logRoot?: string | false;
  /** Written to `execution_metadata.yaml`. */
  metadata?: ExecutionMetadata;
  /** Called for every event, in order. */
  onEvent?: EventListener;
  /** Called once the log folder exists, before the first request. */
  onLogDir?: (turnDir: string) => void;
  /** Overrides the retry policy of provider calls. */
  retry?: RetryPolicy;
}

export interface RunOutcome extends RunResult {
  /** The turn's log folder, when logging is on. */
  logDir?: string;
  runId: string;
  /** Set when some log files could not be written (the run itself is unaffected). */
  logError?: string;
}

/** Creates the model of every agent. Throws a ConfigError (e.g. MissingApiKeyError) before anything runs. */
export async function createRuntimes(
  config: MassGenConfig,
  env: NodeJS.ProcessEnv = process.env,
  retry: RetryPolicy = defaultRetryPolicy(env),
): Promise<AgentRuntime[]> {
  return Promise.all(
    config.agents.map(async (agent, index) => {
      const resolved = await createModel(agent.id, agent.backend, env);
      return {
        id: agent.id,
        label: agentLabel(index),
        index,
        backendType: resolved.type,
        modelId: resolved.modelId,
        model: withRetry(resolved.model, retry),
        settings: resolved.settings,
        systemMessage: agent.system_message,
      };
    }),
  );
}

/** Runs one question through the config's agents. */
export async function runConfig(config: MassGenConfig, options: RunOptions): Promise<RunOutcome> {
  const env = options.env ?? process.env;
  const retry = options.retry ?? defaultRetryPolicy(env);
  const agents = await createRuntimes(config, env, retry);
  const logRoot =
    options.logRoot === false || !config.ui.logging_enabled
      ? undefined
      : (options.logRoot ?? path.resolve('.massgen', 'massgen_logs'));

  let runId = `run_${Date.now()}`;
  let logDir: string | undefined;
  let recorder: import('./events/recorder.js').LogRecorder | undefined;
  if (logRoot) {
    const dirs = await createRunLogDir(logRoot);
    runId = dirs.runId;
    logDir = dirs.turnDir;
    const { LogRecorder } = await import('./events/recorder.js');
    recorder = new LogRecorder({
      turnDir: logDir,
      runId,
      question: options.question,
      metadata: options.metadata,
    });
    options.onLogDir?.(logDir);
  }

  const channel = new EventChannel(runId);
  if (recorder) channel.subscribe((e) => recorder.handle(e));
  if (options.onEvent) channel.subscribe(options.onEvent);

  const orchestrator = config.orchestrator;
  let result: RunResult;
  try {
    result = await runCoordination({
      agents,
      question: options.question,
      history: options.history,
      rules: {
        novelty: orchestrator.answer_novelty_requirement,
        maxAnswersPerAgent: orchestrator.max_new_answers_per_agent ?? null,
        maxFailures: 3,
      },
      prompt: {
        votingSensitivity: orchestrator.voting_sensitivity,
        answerNovelty: orchestrator.answer_novelty_requirement,
      },
      skipCoordination: orchestrator.skip_coordination_rounds,
      maxRestarts: orchestrator.coordination.max_orchestration_restarts,
      debugFinalAnswer: orchestrator.debug_final_answer ?? undefined,
      runTimeoutMs: config.timeout_settings.orchestrator_timeout_seconds * 1000,
      agentTimeoutMs: config.timeout_settings.agent_timeout_seconds * 1000,
      retryBaseMs: retry.baseDelayMs,
      channel,
      signal: options.signal,
      logDir,
    });
  } finally {
    channel.end();
  }
  let logError: string | undefined;
  try {
    await recorder?.close();
  } catch (error) {
    logError = error instanceof Error ? error.message : String(error);
  }
  return { ...result, logDir, runId, logError };
}
