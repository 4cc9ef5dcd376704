/**
 * Config → runtime for agents that are chats: an agent with `group_chat` (a team) or `nested_chat`
 * becomes an `AgentRuntime` whose model is a {@link ChatModel} over its members' models.
 */

import { isAdapterType } from '../adapters/registry.js';
import type { AgentConfig, BackendConfig, ChatMemberConfig } from '../config/schema.js';
import { agentLabel } from '../coordination/labels.js';
import { createModel } from '../providers/create-model.js';
import { defaultRetryPolicy, type RetryNotice, type RetryPolicy, withRetry } from '../providers/retry.js';
import type { RetryReport } from '../providers/retry-event.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import { ChatModel } from './chat-model.js';
import type { ChatMember, ChatSpec, SpeakingOrder } from './types.js';

/** Whether a config agent is a team or runs a nested chat. */
export function isChatAgent(agent: AgentConfig): boolean {
  return agent.group_chat !== undefined || agent.nested_chat !== undefined;
}

/**
 * A chat member from a backend block; `name` is how a missing key is reported (`team/critic`).
 * Retries of its requests go to `onRetry` (reported as the owning agent's).
 */
export async function createMember(
  name: string,
  member: { id: string; description?: string; system_message?: string; backend: BackendConfig },
  env: NodeJS.ProcessEnv,
  retry: RetryPolicy,
  onRetry?: (notice: RetryNotice) => void,
): Promise<ChatMember> {
  const resolved = isAdapterType(member.backend.type)
    ? await (await import('../adapters/member-model.js')).adapterMemberModel(name, member.backend, env)
    : await createModel(name, member.backend, env);
  return {
    id: member.id,
    description: member.description,
    model: withRetry(resolved.model, retry, onRetry),
    settings: resolved.settings,
    systemMessage: member.system_message,
  };
}

/** The chat spec of a team or nested-chat agent. Throws a ConfigError (e.g. a missing key). */
export async function createChatSpec(
  agent: AgentConfig,
  env: NodeJS.ProcessEnv = process.env,
  retry: RetryPolicy = defaultRetryPolicy(env),
  reportRetry?: RetryReport,
): Promise<ChatSpec> {
  const onRetry = reportRetry && ((notice: RetryNotice) => reportRetry(agent.id, notice));
  const inline = (m: ChatMemberConfig) => createMember(`${agent.id}/${m.id}`, m, env, retry, onRetry);
  const team = agent.group_chat;
  if (team) {
    const members = await Promise.all(team.agents.map(inline));
    let order: SpeakingOrder = { kind: 'round_robin' };
    if (team.pattern === 'auto') {
      const selector = team.selector
        ? await createMember(
            `${agent.id}/selector`,
            { id: 'selector', backend: team.selector },
            env,
            retry,
            onRetry,
          )
        : members[0]!;
      order = { kind: 'auto', selector };
    }
    return {
      kind: 'group_chat',
      owner: agent.id,
      members,
      order,
      maxRounds: team.max_rounds,
      terminationKeyword: team.termination_keyword ?? undefined,
      initialAgent: team.initial_agent,
      summaryMethod: team.summary_method,
      summaryAgent: team.summary_agent,
    };
  }
  const nested = agent.nested_chat!;
  const self = await createMember(agent.id, agent, env, retry, onRetry);
  const members = [self, ...(await Promise.all(nested.agents.map(inline)))];
  return {
    kind: 'nested_chat',
    owner: agent.id,
    members,
    order: { kind: 'sequence', sequence: nested.sequence.map((name) => (name === 'self' ? agent.id : name)) },
    maxRounds: 1,
    summaryMethod: nested.summary_method,
    self: agent.id,
  };
}

/** The runtime of a team or nested-chat agent at config position `index`. */
export async function createChatRuntime(
  agent: AgentConfig,
  index: number,
  env: NodeJS.ProcessEnv = process.env,
  retry: RetryPolicy = defaultRetryPolicy(env),
  reportRetry?: RetryReport,
): Promise<AgentRuntime> {
  const spec = await createChatSpec(agent, env, retry, reportRetry);
  const modelId = spec.members.map((m) => m.id).join(', ');
  return {
    id: agent.id,
    label: agentLabel(index),
    index,
    backendType: spec.kind,
    modelId,
    model: new ChatModel(modelId, spec),
    // Tools go to the members with their `strict` flags; each member's call keeps them or not.
    settings: { strictTools: true },
    systemMessage: agent.system_message,
  };
}
