/**
 * The entry point of `orchestrator.mode: group_chat` for `runConfig`: a runner with the same call
 * shape as `runCoordination`, bound to the config's `orchestrator.group_chat` settings.
 */
import type { MassGenConfig } from '../config/schema.js';
import { defaultRetryPolicy, type RetryPolicy } from '../providers/retry.js';
import type { OrchestratorOptions } from '../types/orchestrator-options.js';
import type { RunResult } from '../types/run-result.js';
import { createMember } from './chat-runtime.js';
import { type GroupChatSettings, runGroupChat } from './group-chat-run.js';
import { plainMember } from './types.js';

/** Runs a config's agents as a group chat, with the options `runCoordination` takes. */
export type CoordinationRunner = (options: OrchestratorOptions) => Promise<RunResult>;

/**
 * The group-chat runner of a config. Creates the speaker selector's model (`selector`, else the first
 * agent's) up front, so a missing key is a ConfigError before anything runs.
 */
export async function groupChatRunner(
  config: MassGenConfig,
  env: NodeJS.ProcessEnv = process.env,
  retry: RetryPolicy = defaultRetryPolicy(env),
): Promise<CoordinationRunner> {
  const chat = config.orchestrator.group_chat;
  const descriptions = Object.fromEntries(config.agents.map((a) => [a.id, a.description]));
  const selector =
    chat.pattern === 'auto' && chat.selector
      ? await createMember('selector', { id: 'selector', backend: chat.selector }, env, retry)
      : undefined;
  return (options) => {
    let order: GroupChatSettings['order'] = { kind: 'round_robin' };
    let selectorBilling: GroupChatSettings['selectorBilling'];
    if (chat.pattern === 'auto') {
      const first = options.agents[0]!;
      const fallback = plainMember({ id: first.id, model: first.model, settings: first.settings });
      order = {
        kind: 'auto',
        selector: selector ?? { ...fallback, id: 'selector', systemMessage: undefined },
      };
      selectorBilling =
        selector && chat.selector
          ? { agentId: 'selector', priceAs: { backend: chat.selector.type, model: chat.selector.model } }
          : { agentId: first.id };
    }
    return runGroupChat({
      agents: options.agents,
      descriptions,
      settings: {
        order,
        maxRounds: chat.max_rounds,
        terminationKeyword: chat.termination_keyword ?? undefined,
        initialAgent: chat.initial_agent,
        summaryMethod: chat.summary_method,
        summaryAgent: chat.summary_agent,
        selectorBilling,
      },
      question: options.question,
      history: options.history,
      runTimeoutMs: options.runTimeoutMs,
      agentTimeoutMs: options.agentTimeoutMs,
      channel: options.channel,
      signal: options.signal,
      logDir: options.logDir,
      sessionId: options.sessionId,
      onStarted: options.onStarted,
      maxFailures: options.rules.maxFailures,
      budget: options.budget,
      paraphrase: options.paraphrase,
    });
  };
}
