/**
 * One AG2 agent definition (`agent_config`, or an entry of `group_config.agents`) → its name, role
 * description, system message and native backend. Python references (registered functions, code
 * executors) cannot run here: functions are errors, code execution a warning (the agent answers
 * without running code), each naming its key path.
 */
import { isPlainObject } from '../schema-common.js';
import { didYouMean, listNames } from '../suggest.js';
import type { Ag2Issues } from './issues.js';
import { type Ag2Backend, llmConfigBackend } from './llm-config.js';

/** AG2's default system message of an agent without one (as MassGen sets it). */
export const AG2_DEFAULT_SYSTEM_MESSAGE = 'You are a helpful AI assistant.';

/** `type` of an AG2 agent definition. */
const AGENT_TYPES = ['assistant', 'conversable'];

/** Keys naming Python callables, which only a Python process can load. */
const PYTHON_KEYS: Readonly<Record<string, string>> = {
  functions: 'functions registered with the agent',
  tools: 'tools registered with the agent',
  function_map: 'functions registered with the agent',
  is_termination_msg: 'termination check',
};

/** Keys without effect here (MassGen's AG2 agents never ask a human). */
const IGNORED: Readonly<Record<string, string>> = {
  human_input_mode: 'agents never wait for human input',
  max_consecutive_auto_reply: 'the group chat or the coordination decides when an agent speaks',
  default_auto_reply: 'the group chat or the coordination decides when an agent speaks',
};

const KNOWN = [
  'type',
  'name',
  'system_message',
  'description',
  'llm_config',
  'code_execution_config',
  ...Object.keys(PYTHON_KEYS),
  ...Object.keys(IGNORED),
];

/** A translated AG2 agent. */
export interface Ag2Agent {
  name: string;
  description?: string;
  systemMessage: string;
  /** Its own `llm_config`, else the group's. */
  backend: Ag2Backend;
}

function checkCodeExecution(value: unknown, at: string, issues: Ag2Issues): void {
  if (value === undefined || value === false || value === null) return;
  const executor = isPlainObject(value) ? value.executor : undefined;
  if (isPlainObject(executor) && executor.functions !== undefined) {
    issues.error(
      `${at}.executor.functions`,
      `not supported: Python functions given to the code executor (${at}.executor.functions)`,
      'remove `functions`; give the agent tools as MCP servers or JS/TS custom tools of a MassGen agent',
    );
    return;
  }
  const kind =
    isPlainObject(executor) && typeof executor.type === 'string' ? executor.type : 'a code executor';
  issues.warn(
    at,
    `not supported: Python code execution (${at}: AG2 runs the code blocks of the agent's replies with ${kind}) — the agent answers without running code`,
    'remove `code_execution_config` to silence this warning, or use a MassGen agent with `enable_mcp_command_line: true`',
  );
}

/**
 * Reads the AG2 agent at `at`. `defaultLlm` is the group's `llm_config` (with its path), used when the
 * agent has none. Returns undefined when the definition has errors (reported to `issues`).
 */
export function readAg2Agent(
  value: unknown,
  at: string,
  issues: Ag2Issues,
  defaultLlm?: Ag2Backend,
): Ag2Agent | undefined {
  if (!isPlainObject(value)) {
    issues.error(
      at,
      'an AG2 agent must be a mapping (`name`, `system_message`, `llm_config`, …)',
      'write `- name: Coder` with its keys indented below',
    );
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(value)) {
    if (KNOWN.includes(key)) continue;
    issues.error(`${at}.${key}`, `unknown key \`${key}\` in an AG2 agent`, didYouMean(key, KNOWN));
    ok = false;
  }
  for (const [key, what] of Object.entries(PYTHON_KEYS)) {
    if (value[key] === undefined) continue;
    issues.error(
      `${at}.${key}`,
      `not supported: Python ${what} (${at}.${key}) — Python code cannot run in MassGen-TS`,
      'remove the key; give the agent tools as MCP servers, or use a MassGen agent with JS/TS custom tools',
    );
    ok = false;
  }
  for (const [key, what] of Object.entries(IGNORED)) {
    if (value[key] === undefined || (key === 'human_input_mode' && value[key] === 'NEVER')) continue;
    issues.warn(
      `${at}.${key}`,
      `not supported: ${at}.${key} (${what}) — the key is ignored`,
      'remove the key to silence this warning',
    );
  }
  checkCodeExecution(value.code_execution_config, `${at}.code_execution_config`, issues);
  if (value.type !== undefined && !AGENT_TYPES.includes(value.type as string)) {
    issues.error(
      `${at}.type`,
      `not supported: AG2 agent type ${JSON.stringify(value.type)}`,
      `use one of ${listNames(AGENT_TYPES)}`,
    );
    ok = false;
  }
  if (typeof value.name !== 'string' || value.name === '') {
    issues.error(
      `${at}.name`,
      'missing required key `name` of an AG2 agent',
      'add `name:` (e.g. `name: Coder`)',
    );
    ok = false;
  }
  for (const key of ['system_message', 'description']) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      issues.error(`${at}.${key}`, `\`${key}\` must be a string`, `write \`${key}: "…"\``);
      ok = false;
    }
  }
  let backend = defaultLlm;
  if (value.llm_config !== undefined)
    backend = llmConfigBackend(value.llm_config, `${at}.llm_config`, issues);
  else if (defaultLlm === undefined) {
    issues.error(
      at,
      'missing required key `llm_config` of an AG2 agent',
      'add `llm_config: { api_type: openai, model: gpt-4o }`',
    );
  }
  if (!ok || backend === undefined) return undefined;
  return {
    name: value.name as string,
    description: value.description as string | undefined,
    systemMessage: (value.system_message as string | undefined) ?? AG2_DEFAULT_SYSTEM_MESSAGE,
    backend: { backend: { ...backend.backend }, from: backend.from },
  };
}
