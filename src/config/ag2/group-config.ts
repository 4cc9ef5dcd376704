/**
 * An AG2 `group_config` → a team (`group_chat:` of a MassGen agent). The AG2 agents become the
 * members; the user agent (`user_agent`, by default a `User` on the group's `llm_config`) joins them
 * and, as in MassGen, gives the team's answer or vote after the discussion (`summary_agent: User`).
 * `pattern.type` `auto` (AutoPattern) picks speakers with the group manager's model (`selector`),
 * `round_robin` goes in order; AG2's `max_rounds` counts messages, a team counts rounds of one turn
 * per member, so it is divided by the number of members (rounded up).
 */
import { isPlainObject } from '../schema-common.js';
import { didYouMean, listNames } from '../suggest.js';
import { AG2_DEFAULT_SYSTEM_MESSAGE, type Ag2Agent, readAg2Agent } from './agent-config.js';
import type { Ag2Issues } from './issues.js';
import { llmConfigBackend } from './llm-config.js';

/** AG2 patterns and the team pattern each maps to. */
const PATTERNS: Readonly<Record<string, 'auto' | 'round_robin'>> = {
  auto: 'auto',
  round_robin: 'round_robin',
};
/** MassGen's default `max_rounds` of an AG2 group chat (messages). */
export const AG2_DEFAULT_MAX_ROUNDS = 20;
/** The user agent's name; AG2's termination relies on it. */
export const AG2_USER = 'User';
const USER_DESCRIPTION =
  "Makes the final decision after reviewing the experts' discussion and gives the team's answer.";

const KNOWN = ['llm_config', 'agents', 'pattern', 'user_agent', 'max_rounds'];
const PATTERN_KEYS = [
  'type',
  'initial_agent',
  'group_manager_args',
  'exclude_transit_message',
  'summary_method',
];

function checkKeys(
  block: Record<string, unknown>,
  known: string[],
  at: string,
  what: string,
  issues: Ag2Issues,
): boolean {
  let ok = true;
  for (const key of Object.keys(block)) {
    if (known.includes(key)) continue;
    issues.error(`${at}.${key}`, `unknown key \`${key}\` in ${what}`, didYouMean(key, known));
    ok = false;
  }
  return ok;
}

function member(agent: Ag2Agent): Record<string, unknown> {
  return {
    id: agent.name,
    ...(agent.description === undefined ? {} : { description: agent.description }),
    system_message: agent.systemMessage,
    backend: agent.backend.backend,
  };
}

/**
 * The team block of the `group_config` at `at`, for the agent at `agentAt`; undefined when it has
 * errors (reported to `issues`).
 */
export function groupConfigTeam(
  value: unknown,
  at: string,
  agentAt: string,
  issues: Ag2Issues,
): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) {
    issues.error(
      at,
      '`group_config` must be a mapping (`llm_config`, `agents`, `pattern`, …)',
      'see the AG2 example in the README',
    );
    return undefined;
  }
  let ok = checkKeys(value, KNOWN, at, 'an AG2 `group_config`', issues);
  if (value.llm_config === undefined) {
    issues.error(
      at,
      "missing required key `llm_config` (the default of the group's agents)",
      'add `llm_config: { api_type: openai, model: gpt-4o }`',
    );
    return undefined;
  }
  const defaultLlm = llmConfigBackend(value.llm_config, `${at}.llm_config`, issues);
  if (defaultLlm === undefined) return undefined;

  const rawAgents = value.agents;
  if (!Array.isArray(rawAgents) || rawAgents.length === 0) {
    issues.error(
      `${at}.agents`,
      '`group_config.agents` must be a list of at least one AG2 agent',
      'add `agents:` with `- name: …` entries',
    );
    return undefined;
  }
  const agents = rawAgents.map((a, i) => readAg2Agent(a, `${at}.agents[${i}]`, issues, defaultLlm));
  const userAt = `${at}.user_agent`;
  const user: Ag2Agent | undefined =
    value.user_agent === undefined
      ? {
          name: AG2_USER,
          description: USER_DESCRIPTION,
          systemMessage: AG2_DEFAULT_SYSTEM_MESSAGE,
          backend: defaultLlm,
        }
      : readAg2Agent(value.user_agent, userAt, issues, defaultLlm);
  if (user !== undefined && user.name !== AG2_USER) {
    issues.error(
      `${userAt}.name`,
      `the user agent must be called \`${AG2_USER}\`, got \`${user.name}\``,
      `write \`name: ${AG2_USER}\``,
    );
    ok = false;
  }
  const names = new Map<string, number>();
  agents.forEach((a, i) => {
    if (a === undefined) return;
    const first = names.get(a.name);
    if (a.name === AG2_USER) {
      issues.error(
        `${at}.agents[${i}].name`,
        `\`${AG2_USER}\` is the user agent's name`,
        'give the agent another `name`, or configure it as `user_agent`',
      );
      ok = false;
    } else if (first !== undefined) {
      issues.error(
        `${at}.agents[${i}].name`,
        `duplicate AG2 agent name \`${a.name}\`: agents[${first}] has it too`,
        'give every agent of the group a unique `name`',
      );
      ok = false;
    } else names.set(a.name, i);
  });

  const pattern = value.pattern;
  const patternAt = `${at}.pattern`;
  if (!isPlainObject(pattern)) {
    issues.error(
      patternAt,
      'missing required key `pattern` (a mapping with `type` and `initial_agent`)',
      'add `pattern: { type: auto, initial_agent: <name> }`',
    );
    return undefined;
  }
  ok = checkKeys(pattern, PATTERN_KEYS, patternAt, 'an AG2 `pattern`', issues) && ok;
  const kind = typeof pattern.type === 'string' ? PATTERNS[pattern.type] : undefined;
  if (kind === undefined) {
    issues.error(
      `${patternAt}.type`,
      `not supported: AG2 pattern type ${JSON.stringify(pattern.type ?? null)}`,
      `use one of ${listNames(Object.keys(PATTERNS))}`,
    );
    ok = false;
  }
  for (const key of ['exclude_transit_message', 'summary_method']) {
    if (pattern[key] === undefined) continue;
    issues.warn(
      `${patternAt}.${key}`,
      `not supported: ${patternAt}.${key} (an AG2 pattern option) — the key is ignored`,
      'remove the key to silence this warning',
    );
  }
  const initial = pattern.initial_agent;
  if (typeof initial !== 'string') {
    issues.error(
      `${patternAt}.initial_agent`,
      'missing required key `initial_agent` (the name of the agent that speaks first)',
      'add `initial_agent:` naming one of the agents',
    );
    ok = false;
  } else if (names.size > 0 && !names.has(initial)) {
    issues.error(
      `${patternAt}.initial_agent`,
      `\`initial_agent\` names \`${initial}\`, which is not an agent of the group`,
      didYouMean(initial, [...names.keys()], 'agents of the group'),
    );
    ok = false;
  }
  const manager = pattern.group_manager_args;
  const managerAt = `${patternAt}.group_manager_args`;
  let selector = defaultLlm;
  if (manager !== undefined) {
    if (!isPlainObject(manager)) {
      issues.error(
        managerAt,
        '`group_manager_args` must be a mapping',
        'write `group_manager_args: { llm_config: { … } }`',
      );
      ok = false;
    } else {
      ok = checkKeys(manager, ['llm_config'], managerAt, '`group_manager_args`', issues) && ok;
      if (manager.llm_config !== undefined) {
        const chosen = llmConfigBackend(manager.llm_config, `${managerAt}.llm_config`, issues);
        if (chosen === undefined) ok = false;
        else selector = chosen;
      }
    }
  }
  const maxRounds = value.max_rounds ?? AG2_DEFAULT_MAX_ROUNDS;
  if (typeof maxRounds !== 'number' || !Number.isInteger(maxRounds) || maxRounds < 1) {
    issues.error(
      `${at}.max_rounds`,
      '`max_rounds` must be a whole number of at least 1',
      `write \`max_rounds: ${AG2_DEFAULT_MAX_ROUNDS}\``,
    );
    ok = false;
  }
  if (!ok || user === undefined || agents.some((a) => a === undefined)) return undefined;

  const all = [...(agents as Ag2Agent[]), user];
  const teamAt = `${agentAt}.group_chat`;
  issues.origin(teamAt, at);
  issues.origin(`${teamAt}.selector`, selector.from);
  all.forEach((a, i) => {
    const from =
      a === user && value.user_agent !== undefined ? userAt : i < agents.length ? `${at}.agents[${i}]` : at;
    issues.origin(`${teamAt}.agents[${i}]`, from);
    issues.origin(`${teamAt}.agents[${i}].backend`, a.backend.from);
  });
  return {
    pattern: kind,
    max_rounds: Math.ceil((maxRounds as number) / all.length),
    initial_agent: initial,
    ...(kind === 'auto' ? { selector: { ...selector.backend } } : {}),
    summary_method: 'llm_summary',
    summary_agent: AG2_USER,
    agents: all.map(member),
  };
}
