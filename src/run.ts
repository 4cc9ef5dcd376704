/**
 * Running a config end to end: models for every agent, the log folder and its recorder, the
 * coordination run. Used by the CLI and by library users.
 */
import path from 'node:path';
import type { MassGenConfig } from './config/schema.js';
import { agentLabel } from './coordination/labels.js';
import { runCoordination } from './coordination/orchestrator.js';
import { armDeadline } from './coordination/run-scope.js';
import { errorText } from './error-text.js';
import { EventChannel, type EventListener } from './events/channel.js';
import { createRunLogDir, createTurnLogDir } from './events/log-dir.js';
import type { ExecutionMetadata } from './events/recorder.js';
import { createModel } from './providers/create-model.js';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from './providers/retry.js';
import { lateRetryReport, type RetryReport } from './providers/retry-event.js';
import type { ElicitationHandler } from './tools/mcp/elicitation.js';
import type { AuthorizationUrlHandler } from './tools/mcp/oauth-browser.js';
import { configUsesTools } from './tools/uses-tools.js';
import type { AgentRuntime } from './types/agent-runtime.js';
import type { HistoryMessage } from './types/history.js';
import type { RunResult } from './types/run-result.js';

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
  /**
   * Where the turn's log folder goes; default a fresh `<logRoot>/log_<ts>/turn_1/`. With `runDir`, an
   * existing run folder (e.g. a session's, created if missing): the run logs to `<runDir>/turn_<turn>/`
   * and its run id is the folder's name. With `turn` alone: a fresh run folder with `turn_<turn>/`.
   */
  logDir?: { runDir?: string; turn?: number };
  /** Called once the log folder exists, before the first request. */
  onLogDir?: (turnDir: string) => void;
  /** Overrides the retry policy of provider calls. */
  retry?: RetryPolicy;
  /** Session the run belongs to, for memory scoping; default `session_id` of the config, else the run id. */
  sessionId?: string;
  /** The config file: custom tool paths resolve against its folder; default `metadata.config_path`. */
  configPath?: string;
  /**
   * Answers MCP servers' elicitation requests (a form for the user, e.g. the terminal UI's prompt).
   * Without it every request is declined at once. Both sides are events (`elicitation-request`,
   * `elicitation-response`).
   */
  onElicitation?: ElicitationHandler;
  /** Shows the user an MCP server's OAuth authorization URL; default: printed on stderr and opened in the browser. */
  onAuthorizationUrl?: AuthorizationUrlHandler;
  /** Home folder: MCP OAuth tokens are kept in `<home>/.massgen/mcp-auth/`; default `os.homedir()`. */
  homeDir?: string;
}

export interface RunOutcome extends RunResult {
  /** The turn's log folder, when logging is on. */
  logDir?: string;
  /** The run folder holding it (`log_<ts>`), when logging is on. */
  runDir?: string;
  runId: string;
  /** Set when some log files could not be written (the run itself is unaffected). */
  logError?: string;
  /** Memory failures, e.g. a corrupted or locked memory database (the run itself is unaffected). */
  memoryErrors?: string[];
}

/**
 * Creates the model of every agent. Throws a ConfigError (e.g. MissingApiKeyError) before anything
 * runs. `reportRetry` hears of every retry of an agent's provider requests.
 */
export async function createRuntimes(
  config: MassGenConfig,
  env: NodeJS.ProcessEnv = process.env,
  retry: RetryPolicy = defaultRetryPolicy(env),
  reportRetry?: RetryReport,
): Promise<AgentRuntime[]> {
  return Promise.all(
    config.agents.map(async (agent, index) => {
      if (agent.group_chat || agent.nested_chat) {
        // A team or nested-chat agent: its model is a composite over its members (src/patterns).
        const { createChatRuntime } = await import('./patterns/chat-runtime.js');
        return createChatRuntime(agent, index, env, retry, reportRetry);
      }
      const resolved = await createModel(agent.id, agent.backend, env);
      return {
        id: agent.id,
        label: agentLabel(index),
        index,
        backendType: resolved.type,
        modelId: resolved.modelId,
        model: withRetry(resolved.model, retry, reportRetry && ((notice) => reportRetry(agent.id, notice))),
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
  const retries = lateRetryReport();
  const agents = await createRuntimes(config, env, retry, retries.report);
  // Tools (src/tools) load only when a config asks for them; they set `agent.tools`. Throws a
  // ConfigError for a custom tool that cannot be loaded.
  const tools = configUsesTools(config)
    ? await (await import('./tools/run-tools.js')).prepareRunTools(config, agents, {
        env,
        configPath: options.configPath ?? options.metadata?.config_path,
        retryBaseMs: retry.baseDelayMs,
        onElicitation: options.onElicitation,
        onAuthorizationUrl: options.onAuthorizationUrl,
        homeDir: options.homeDir,
      })
    : undefined;
  // Memory (src/memory) is loaded only when a config asks for it; it sets `agent.memory` hooks.
  const memory =
    config.memory !== undefined || config.agents.some((a) => a.memory !== undefined)
      ? await (await import('./memory/run-memory.js')).RunMemory.create({ config, agents, env })
      : undefined;
  const coordinateRun =
    config.orchestrator.mode === 'group_chat'
      ? await (await import('./patterns/mode.js')).groupChatRunner(config, env, retry)
      : runCoordination;
  const logRoot =
    options.logRoot === false || !config.ui.logging_enabled
      ? undefined
      : (options.logRoot ?? path.resolve('.massgen', 'massgen_logs'));

  let runId = `run_${Date.now()}`;
  let logDir: string | undefined;
  let runDir: string | undefined;
  let recorder: import('./events/recorder.js').LogRecorder | undefined;
  if (logRoot) {
    try {
      ({ runId, runDir, logDir } = await openLogDir(logRoot, options.logDir));
    } catch (error) {
      // Nothing has run yet: release what was prepared for the run.
      await settleAll([() => tools?.close(), () => memory?.close()]);
      throw error;
    }
    const { LogRecorder } = await import('./events/recorder.js');
    recorder = new LogRecorder({
      turnDir: logDir,
      runId,
      question: options.question,
      metadata: options.metadata,
      env,
      config,
    });
  }

  const channel = new EventChannel(runId);
  let ended = false;
  channel.subscribe((e) => {
    if (e.type === 'run-end') ended = true;
  });
  retries.bind((event) => channel.emit(event));
  if (recorder) channel.subscribe((e) => recorder.handle(e));
  if (options.onEvent) channel.subscribe(options.onEvent);
  tools?.attach(channel);

  const orchestrator = config.orchestrator;
  const sessionId = options.sessionId ?? config.session_id ?? runId;
  // One signal for everything the run awaits: the caller's interrupt or the run deadline, armed now
  // so that history compaction and memory count against it too.
  const runTimeoutMs = config.timeout_settings.orchestrator_timeout_seconds * 1000;
  const deadline = armDeadline(runTimeoutMs, options.signal);
  memory?.connect(channel, sessionId, deadline.signal);
  let result: RunResult | undefined;
  let failure: unknown;
  try {
    if (logDir) options.onLogDir?.(logDir);
    const history =
      memory && options.history
        ? await memory.compactHistory(options.history, deadline.signal)
        : options.history;
    result = await coordinateRun({
      agents,
      question: options.question,
      history,
      sessionId,
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
      runTimeoutMs,
      agentTimeoutMs: config.timeout_settings.agent_timeout_seconds * 1000,
      retryBaseMs: retry.baseDelayMs,
      channel,
      signal: deadline.signal,
      logDir,
      workspaces: tools?.workspaces,
    });
    await memory?.finish(options.question, result, deadline.signal);
  } catch (error) {
    failure = error;
  } finally {
    deadline.clear();
  }
  if (!ended) {
    // The run stopped before its end was announced: the log still gets a final status.
    const message = errorText(failure ?? new Error('the run ended without a result'));
    channel.emit({ type: 'run-end', status: 'failed', durationMs: 0, error: message });
  }
  // Every step runs, whatever the others do; the first failure of the run itself wins.
  const cleanup = await settleAll([
    () => tools?.close(), // MCP servers end with the run, also when it was interrupted.
    () => channel.end(),
    () => memory?.close(),
  ]);
  let logError: string | undefined;
  try {
    await recorder?.close();
  } catch (error) {
    logError = errorText(error);
  }
  if (failure !== undefined) throw failure;
  if (cleanup.length > 0) {
    const problems = cleanup.map(errorText).join('; ');
    logError = logError ? `${logError}; ${problems}` : problems;
  }
  const memoryErrors = memory?.errors.length ? memory.errors : undefined;
  result ??= { status: 'failed', answers: {}, durationMs: 0 };
  return { ...result, logDir, runDir, runId, logError, memoryErrors };
}

/** Creates the turn's log folder: a fresh `<logRoot>/log_<ts>/turn_<turn>/`, or one in a given run folder. */
async function openLogDir(
  logRoot: string,
  where: RunOptions['logDir'],
): Promise<{ runId: string; runDir: string; logDir: string }> {
  const turn = where?.turn ?? 1;
  if (where?.runDir) {
    const runDir = path.resolve(where.runDir);
    return { runId: path.basename(runDir), runDir, logDir: await createTurnLogDir(runDir, { turn }) };
  }
  const dirs = await createRunLogDir(logRoot, { turn });
  return { runId: dirs.runId, runDir: dirs.runDir, logDir: dirs.turnDir };
}

/** Runs every step, even when an earlier one throws; returns the failures. */
async function settleAll(steps: Array<() => unknown>): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  return failures;
}
