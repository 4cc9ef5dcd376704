/**
 * AG2 agents of MassGen configs (`backend: { type: ag2, agent_config | group_config }`) written as
 * native blocks before validation: `agent_config` becomes the agent's backend and system message,
 * `group_config` a team (`group_chat:`). The raw config is not changed; a translated copy is returned
 * with the errors and warnings found, and a map from translated key paths back to the AG2 ones.
 */
import type { ConfigIssue } from '../../errors.js';
import { isPlainObject } from '../schema-common.js';
import { readAg2Agent } from './agent-config.js';
import { groupConfigTeam } from './group-config.js';
import { Ag2Issues } from './issues.js';

/** The outcome of translating a config's AG2 agents. */
export interface Ag2Translation {
  /** The config with every AG2 backend written as native blocks (the input itself when there is none). */
  raw: Record<string, unknown>;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
  /** The key path of the file a path of `raw` comes from. */
  originalPath(path: string): string;
}

const AG2_BACKEND_KEYS = ['type', 'agent_config', 'group_config'];

/** A translated copy of one agent, or the agent itself when it is not an AG2 agent. */
function translateAgent(agent: unknown, at: string, issues: Ag2Issues): unknown {
  if (!isPlainObject(agent) || !isPlainObject(agent.backend) || agent.backend.type !== 'ag2') return agent;
  const backend = agent.backend;
  const backendAt = `${at}.backend`;
  for (const key of Object.keys(backend)) {
    if (AG2_BACKEND_KEYS.includes(key)) continue;
    issues.error(
      `${backendAt}.${key}`,
      `\`${key}\` is not a key of an AG2 backend (it takes \`agent_config\` or \`group_config\`)`,
      'move the setting into the AG2 agent (`llm_config`, `system_message`), or remove it',
    );
  }
  const { agent_config: single, group_config: group } = backend;
  if ((single === undefined) === (group === undefined)) {
    issues.error(
      backendAt,
      single === undefined
        ? 'an AG2 backend needs `agent_config` (one agent) or `group_config` (a group chat)'
        : 'an AG2 backend takes `agent_config` or `group_config`, not both',
      'keep one of them',
    );
    return agent;
  }
  if (group !== undefined) {
    const team = groupConfigTeam(group, `${backendAt}.group_config`, at, issues);
    if (team === undefined) return agent;
    const { backend: _ag2, ...rest } = agent;
    return { ...rest, group_chat: team };
  }
  const one = readAg2Agent(single, `${backendAt}.agent_config`, issues);
  if (one === undefined) return agent;
  issues.origin(backendAt, one.backend.from);
  if (agent.system_message !== undefined && isPlainObject(single) && single.system_message !== undefined) {
    issues.warn(
      `${backendAt}.agent_config.system_message`,
      `${at}.system_message is used; ${backendAt}.agent_config.system_message is ignored`,
      'keep one of the two system messages',
    );
  }
  return {
    ...agent,
    backend: one.backend.backend,
    system_message: agent.system_message ?? one.systemMessage,
    ...(agent.description === undefined && one.description !== undefined
      ? { description: one.description }
      : {}),
  };
}

/** Translates the AG2 agents of a raw config (a mapping, already prechecked). */
export function translateAg2(raw: Record<string, unknown>, file: string): Ag2Translation {
  const issues = new Ag2Issues(file);
  let out = raw;
  if (Array.isArray(raw.agents)) {
    const agents = raw.agents.map((a, i) => translateAgent(a, `agents[${i}]`, issues));
    if (agents.some((a, i) => a !== (raw.agents as unknown[])[i])) out = { ...raw, agents };
  } else if (raw.agent !== undefined) {
    const agent = translateAgent(raw.agent, 'agent', issues);
    if (agent !== raw.agent) out = { ...raw, agent };
  }
  return {
    raw: out,
    errors: issues.errors,
    warnings: issues.warnings,
    originalPath: (path) => issues.originalPath(path),
  };
}
