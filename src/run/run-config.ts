/**
 * Running a config end to end: the agents' runtimes (models, tools, memory) composed in one pass,
 * the log folder and its recorder, the run under one deadline, and every service closed on every
 * path. Used by the CLI, by `streamRun` and by library users.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { MassGenConfig } from '../config/schema.js';
import { runCoordination } from '../coordination/orchestrator.js';
import { armDeadline } from '../coordination/run-scope.js';
import { errorText } from '../error-text.js';
import { EventChannel } from '../events/channel.js';
import type { LogRecorder } from '../events/recorder.js';
import type { CoordinationEvent } from '../events/types.js';
import type { Pricer } from '../events/usage-cost.js';
import { WhenQuiet } from '../events/when-quiet.js';
import { defaultRetryPolicy, type RetryPolicy } from '../providers/retry.js';
import { lateRetryReport, type RetryReport } from '../providers/retry-event.js';
import { type LateAuditSink, lateAuditSink } from '../safety/audit/late-audit-sink.js';
import { configUsesTools } from '../tools/uses-tools.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import type { RunResult } from '../types/run-result.js';
import { BudgetMeter, hasLimits } from './budget-meter.js';
import { type ConfigSource, resolveConfigSource } from './config-source.js';
import { openLogDir } from './log-folder.js';

import type { RunOptions, RunOutcome } from './run-options.js';
import { checkOverrideIds, createRuntimes } from './runtimes.js';
import { initialTally, reduceTallyWith, TALLY_EVENTS } from './tally.js';

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

/** The agents of a run with everything they use: models, then tools and memory on the same runtimes. */
async function composeAgents(
  config: MassGenConfig,
  options: RunOptions,
  env: NodeJS.ProcessEnv,
  retry: RetryPolicy,
  cwd: string,
  reportRetry: RetryReport,
  audit: LateAuditSink | undefined,
) {
  const configPath = options.configPath ?? options.metadata?.config_path;
  const agents: AgentRuntime[] = await createRuntimes(
    config,
    env,
    retry,
    reportRetry,
    options.models,
    options.wrapModel,
    {
      given: options.adapters,
      baseDir: configPath ? path.dirname(path.resolve(cwd, configPath)) : cwd,
    },
  );
  // Question paraphrasing (orchestrator.dspy) loads only when it is on; a missing key stops the run here.
  const dspy = config.orchestrator.dspy;
  const paraphrase = dspy?.enabled
    ? await (await import('../paraphrase/paraphraser.js')).createParaphraser(dspy, {
        env,
        cacheDir: path.join(cwd, '.massgen', 'cache', 'paraphrases'),
      })
    : undefined;
  const given = options.tools ?? {};
  checkOverrideIds(config, given, 'tools');
  // Tools (src/tools) and memory (src/memory) load only when the run uses them. A custom tool
  // that cannot be loaded is a ConfigError here, before anything runs.
  const tools =
    configUsesTools(config) || Object.keys(given).length > 0 || agents.some((a) => a.adapter)
      ? await (await import('../tools/run-tools.js')).prepareRunTools(config, agents, {
          env,
          cwd,
          configPath,
          retryBaseMs: retry.baseDelayMs,
          onElicitation: options.onElicitation,
          onAuthorizationUrl: options.onAuthorizationUrl,
          homeDir: options.homeDir,
          injected: given,
          audit,
          safety: { approve: options.onApproval, approvalDir: options.approvalDir },
        })
      : undefined;
  let memory: import('../memory/run-memory.js').RunMemory | undefined;
  try {
    memory =
      config.memory !== undefined || config.agents.some((a) => a.memory !== undefined)
        ? await (await import('../memory/run-memory.js')).RunMemory.create({ config, agents, env, cwd })
        : undefined;
  } catch (error) {
    await tools?.close();
    throw error;
  }
  const coordinateRun =
    config.orchestrator.mode === 'group_chat'
      ? await (await import('../patterns/mode.js')).groupChatRunner(config, env, retry)
      : runCoordination;
  return { agents, tools, memory, coordinateRun, paraphrase };
}

/**
 * Runs one question through the config's agents. `source` is a config object (checked with its key
 * paths), a validated config or a loaded config file. Resolves with the outcome once the logs are
 * flushed; a ConfigError (bad config, missing key) rejects before anything runs.
 */
export async function runConfig(source: ConfigSource, options: RunOptions): Promise<RunOutcome> {
  const resolved = resolveConfigSource(source);
  const config = resolved.config;
  const configPath = options.configPath ?? resolved.configPath;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const retry = options.retry ?? defaultRetryPolicy(env);
  const retries = lateRetryReport();
  // The tools get the audit sink now; its ledgers open once the log folder exists.
  const audit = options.audit === false ? undefined : lateAuditSink();
  // Attachments are read and converted once, before anything else is prepared: a file that cannot
  // be used stops the run before any agent starts.
  const attached = await prepareAttachments(config, options, cwd, env);
  const { agents, tools, memory, coordinateRun, paraphrase } = await composeAgents(
    config,
    { ...options, configPath },
    env,
    retry,
    cwd,
    retries.report,
    audit,
  );
  const logRoot =
    options.logRoot === false || !config.ui.logging_enabled
      ? undefined
      : path.resolve(cwd, options.logRoot ?? path.join('.massgen', 'massgen_logs'));

  let runId = `run_${Date.now()}`;
  let logDir: string | undefined;
  let runDir: string | undefined;
  let recorder: LogRecorder | undefined;
  if (logRoot) {
    try {
      ({ runId, runDir, logDir } = await openLogDir(logRoot, options.logDir));
    } catch (error) {
      // Nothing has run yet: release what was prepared for the run.
      await settleAll([() => tools?.close(), () => memory?.close()]);
      throw error;
    }
    const { LogRecorder } = await import('../events/recorder.js');
    recorder = new LogRecorder({
      turnDir: logDir,
      runId,
      question: options.question,
      metadata: { cwd, ...options.metadata, ...(configPath ? { config_path: configPath } : {}) },
      env,
      config,
    });
  }
  if (audit && tools) {
    // Every tool call in the turn's audit.jsonl, the decisions also in the user's ledger.
    const [{ createRunAudit }, { createRedactor }] = await Promise.all([
      import('../safety/audit/run-audit.js'),
      import('../events/redaction.js'),
    ]);
    audit.bind(
      createRunAudit({
        turnDir: logDir,
        homeDir: options.homeDir ?? os.homedir(),
        redactor: createRedactor({ env, config: [config, options.metadata?.config] }),
        runId,
      }),
    );
  }

  // Approval request ids name the run and the turn: unique in a folder that runs share (without a
  // log folder the run id is only a timestamp, so a random part is added).
  tools?.bindRun(logDir ? `${runId}_${path.basename(logDir)}` : `${runId}_${randomBytes(3).toString('hex')}`);
  if (attached) {
    const { giveAttachments } = await import('../patterns/chat-attachments.js');
    for (const agent of agents) giveAttachments(agent, attached.parts);
  }
  const channel = new EventChannel(runId);
  let ended = false;
  // The outcome's tally is reduced when the run is over: pricing needs the price table, a large
  // module loaded while the run waits on its providers, not while requests are being made.
  const tallied: CoordinationEvent[] = [];
  const prices = new WhenQuiet(loadPrices);
  channel.subscribe((e) => {
    prices.poke();
    if (TALLY_EVENTS.has(e.type)) tallied.push(e);
    if (e.type === 'run-end') ended = true;
  });
  const budget = await budgetMeter(config);
  if (budget) channel.subscribe((e) => budget.observe(e));
  retries.bind((event) => channel.emit(event));
  if (recorder) channel.subscribe((e) => recorder.handle(e));
  if (options.onEvent) channel.subscribe(options.onEvent);

  const orchestrator = config.orchestrator;
  const sessionId = options.sessionId ?? config.session_id ?? runId;
  // One signal for everything the run awaits: the caller's interrupt or the run deadline, armed now
  // so that history compaction and memory count against it too.
  const runTimeoutMs = config.timeout_settings.orchestrator_timeout_seconds * 1000;
  const deadline = armDeadline(runTimeoutMs, options.signal);
  memory?.connect((event) => channel.emit(event), sessionId, deadline.signal);
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
      budget,
      paraphrase,
      workspaces: tools?.workspaces,
      // MCP servers start with the run, right after run-start (their events follow it).
      onStarted:
        tools || attached
          ? (emit) => {
              for (const delivery of attached?.deliveries ?? []) emit({ type: 'attachment', ...delivery });
              tools?.start(emit);
            }
          : undefined,
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
    () => Promise.all(agents.map((a) => a.adapter?.close?.())), // external agents' sessions
    () => audit?.close(), // after the tools: no call is recorded later
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
  const outcome = result ?? { status: 'failed', answers: {}, durationMs: 0 };
  const price = await prices.get();
  const tally = tallied.reduce((t, e) => reduceTallyWith(t, e, price), initialTally());
  return {
    ...outcome,
    winner: outcome.winner ?? tally.winner,
    usage: tally.usage,
    votes: tally.votes,
    logDir,
    runDir,
    runId,
    logError,
    memoryErrors,
  };
}

/** The meter of the config's `budget:`, if it sets a limit (a cost limit loads the price table). */
async function budgetMeter(config: MassGenConfig): Promise<BudgetMeter | undefined> {
  const limits = { maxCostUsd: config.budget?.max_cost_usd, maxTokens: config.budget?.max_tokens };
  if (!hasLimits(limits)) return undefined;
  return new BudgetMeter(limits, limits.maxCostUsd !== undefined ? await loadPrices() : undefined);
}

/** The run's attachments planned for each agent, or undefined when there are none. */
async function prepareAttachments(
  config: MassGenConfig,
  options: RunOptions,
  cwd: string,
  env: NodeJS.ProcessEnv,
) {
  const { attachmentPlan, sharedSources } = await import('../media/config-attachments.js');
  const plan = attachmentPlan(config);
  if ((options.attachments?.length ?? 0) === 0 && Object.keys(plan.perAgent).length === 0) return undefined;
  const { prepareRunAttachments } = await import('../media/run-attachments.js');
  const media = config.orchestrator.media_input;
  const configured = media?.transcription_model;
  return prepareRunAttachments({
    shared: sharedSources(options.attachments),
    perAgent: plan.perAgent,
    agents: plan.agents,
    cwd,
    // The configured model is made only when some audio needs a transcript (a missing key fails then).
    transcriptionModel:
      options.transcriptionModel ??
      (configured
        ? async () =>
            (await import('../media/transcription-model.js')).openAITranscriptionModel(
              configured,
              env,
              'orchestrator.media_input.transcription_model:',
            )
        : undefined),
    video: {
      mode: options.video?.mode ?? media?.extraction_mode,
      maxFrames: options.video?.maxFrames ?? media?.max_frames,
    },
    pdfPagesAsImages: media?.pdf_pages_as_images,
    urlTimeoutMs: media ? media.url_timeout_seconds * 1000 : undefined,
    signal: options.signal,
  });
}

/** The price table's pricer (a large module, loaded on demand). */
function loadPrices(): Promise<Pricer> {
  return import('../events/usage-cost.js').then((m) => m.usageCost);
}
