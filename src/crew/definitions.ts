/**
 * One CrewAI agent or task definition (the same fields in agents.yaml / tasks.yaml and in
 * agents/*.jsonc / crew.jsonc) → a {@link CrewAgent} or a raw task, with the problems found reported
 * at their file and key path.
 */
import { isPlainObject } from '../config/schema-common.js';
import { didYouMean } from '../config/suggest.js';
import type { CrewIssues } from './issues.js';
import { crewLlmBackend } from './llm.js';
import { PYTHON_VALUED_KEYS, refusePythonRefs } from './python-refs.js';
import type { CrewAgent, CrewSource } from './types.js';

/** CrewAI agent settings that have no effect here (warned about). */
const AGENT_IGNORED = [
  'verbose',
  'allow_delegation',
  'max_iter',
  'max_rpm',
  'max_execution_time',
  'max_retry_limit',
  'memory',
  'cache',
  'allow_code_execution',
  'code_execution_mode',
  'respect_context_window',
  'reasoning',
  'max_reasoning_attempts',
  'inject_date',
  'date_format',
  'multimodal',
  'use_system_prompt',
  'system_template',
  'prompt_template',
  'response_template',
  'apps',
  'mcps',
  'knowledge',
  'knowledge_config',
  'skills',
];
const AGENT_TYPES = ['agent', 'Agent', 'crewai.Agent', 'crewai.agent.core.Agent'];
const AGENT_KEYS = [
  'role',
  'goal',
  'backstory',
  'llm',
  'settings',
  'tools',
  'type',
  ...AGENT_IGNORED,
  ...Object.keys(PYTHON_VALUED_KEYS),
];

/** CrewAI task settings that have no effect here (warned about). */
const TASK_IGNORED = [
  'output_file',
  'async_execution',
  'human_input',
  'markdown',
  'create_directory',
  'config',
  'max_retries',
  'security_config',
];
const TASK_TYPES = ['task', 'Task', 'crewai.Task', 'crewai.task.Task'];
/** The task key asking for a MassGen voting run. */
export const VOTING_KEY = 'massgen';
const TASK_KEYS = [
  'name',
  'description',
  'expected_output',
  'agent',
  'context',
  'tools',
  'type',
  VOTING_KEY,
  ...TASK_IGNORED,
  ...Object.keys(PYTHON_VALUED_KEYS),
];

/** A task as read, before agents and context are resolved. */
export interface RawTask {
  name: string;
  description: string;
  expectedOutput: string;
  agent?: string;
  /** Undefined: no `context` key. */
  context?: string[];
  /** `massgen:` — true: every crew agent; a list: those agents. */
  voting?: true | string[];
  source: CrewSource;
}

const join = (at: string, key: string) => (at === '' ? key : `${at}.${key}`);

function checkKeys(
  definition: Record<string, unknown>,
  known: string[],
  ignored: string[],
  source: CrewSource,
  what: string,
  issues: CrewIssues,
): void {
  for (const key of Object.keys(definition)) {
    if (ignored.includes(key)) {
      issues.warn(
        source.file,
        join(source.path, key),
        `ignored: \`${key}\` (a CrewAI ${what} setting without effect here)`,
        `remove \`${key}\` to silence this warning`,
      );
    } else if (!known.includes(key)) {
      issues.warn(
        source.file,
        join(source.path, key),
        `ignored: unknown ${what} key \`${key}\``,
        didYouMean(key, known),
      );
    }
  }
}

function requiredString(
  definition: Record<string, unknown>,
  key: string,
  source: CrewSource,
  issues: CrewIssues,
  fix: string,
): string | undefined {
  const value = definition[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  const message =
    value === undefined ? `missing required key \`${key}\`` : `\`${key}\` must be a non-empty string`;
  issues.error(source.file, join(source.path, key), message, fix);
  return undefined;
}

function checkType(
  definition: Record<string, unknown>,
  aliases: string[],
  source: CrewSource,
  issues: CrewIssues,
): boolean {
  const type = definition.type;
  if (type === undefined || (typeof type === 'string' && aliases.includes(type))) return true;
  if (isPlainObject(type)) return true; // a {"python": …} reference, refused with the others
  issues.error(
    source.file,
    join(source.path, 'type'),
    `not supported: ${typeof type === 'string' ? `class \`${type}\`` : 'this `type`'} — only CrewAI's own \`${aliases[0]}\` can be declared`,
    'remove `type`',
  );
  return false;
}

/** Reads an agent definition; undefined when it has errors. */
export function readAgent(
  name: string,
  value: unknown,
  source: CrewSource,
  issues: CrewIssues,
  env: NodeJS.ProcessEnv,
): CrewAgent | undefined {
  if (!isPlainObject(value)) {
    issues.error(
      source.file,
      source.path,
      `agent \`${name}\` must be a mapping with \`role\`, \`goal\` and \`backstory\``,
      'write the agent as `role: …`, `goal: …`, `backstory: …`, `llm: …`',
    );
    return undefined;
  }
  const before = issues.errors.length;
  checkKeys(value, AGENT_KEYS, AGENT_IGNORED, source, 'agent', issues);
  refusePythonRefs(value, source.file, source.path, issues);
  checkType(value, AGENT_TYPES, source, issues);
  const role = requiredString(value, 'role', source, issues, 'add `role:` (e.g. `role: Senior Researcher`)');
  const goal = requiredString(value, 'goal', source, issues, 'add `goal:` (what the agent tries to achieve)');
  const backstory = requiredString(value, 'backstory', source, issues, 'add `backstory:` (who the agent is)');
  // `settings.llm` is where CrewAI's inline agent definitions put the model.
  const settings = isPlainObject(value.settings) ? value.settings : {};
  const [llm, llmAt] =
    value.llm === undefined && settings.llm !== undefined
      ? [settings.llm, join(source.path, 'settings.llm')]
      : [value.llm, join(source.path, 'llm')];
  const backend = crewLlmBackend(llm, source.file, llmAt, issues, env);
  if (issues.errors.length > before || !role || !goal || !backstory || !backend) return undefined;
  return { name, role, goal, backstory, backend, source };
}

/**
 * Reads a task definition; undefined when it has errors. `name` is its key (classic), else its `name`
 * field, else `fallback`.
 */
export function readTask(
  name: string | undefined,
  value: unknown,
  source: CrewSource,
  issues: CrewIssues,
  fallback = 'task',
): RawTask | undefined {
  if (!isPlainObject(value)) {
    issues.error(
      source.file,
      source.path,
      'a task must be a mapping with `description` and `expected_output`',
      'write the task as `description: …`, `expected_output: …`, `agent: …`',
    );
    return undefined;
  }
  const before = issues.errors.length;
  checkKeys(value, TASK_KEYS, TASK_IGNORED, source, 'task', issues);
  refusePythonRefs(value, source.file, source.path, issues);
  checkType(value, TASK_TYPES, source, issues);
  const description = requiredString(
    value,
    'description',
    source,
    issues,
    'add `description:` (what the task asks)',
  );
  const expectedOutput = requiredString(
    value,
    'expected_output',
    source,
    issues,
    'add `expected_output:` (what the answer should be)',
  );
  const taskName = name ?? (typeof value.name === 'string' ? value.name : undefined);
  const agent = value.agent;
  if (agent !== undefined && (typeof agent !== 'string' || agent === '')) {
    issues.error(
      source.file,
      join(source.path, 'agent'),
      '`agent` must be the name of a crew agent',
      'write `agent: researcher`',
    );
  }
  const context = value.context;
  if (context !== undefined && (!Array.isArray(context) || context.some((c) => typeof c !== 'string'))) {
    issues.error(
      source.file,
      join(source.path, 'context'),
      '`context` must be a list of task names',
      'write `context: [research_task]`',
    );
  }
  const voting = value[VOTING_KEY];
  const votingOk =
    voting === undefined ||
    voting === false ||
    voting === true ||
    (Array.isArray(voting) && voting.length > 0 && voting.every((v) => typeof v === 'string'));
  if (!votingOk) {
    issues.error(
      source.file,
      join(source.path, VOTING_KEY),
      '`massgen` must be `true` (every crew agent) or a list of agent names',
      'write `massgen: true` or `massgen: [researcher, analyst]`',
    );
  }
  if (issues.errors.length > before || !description || !expectedOutput) return undefined;
  return {
    name: taskName ?? fallback,
    description,
    expectedOutput,
    agent: agent as string | undefined,
    context: context as string[] | undefined,
    voting: voting === true || Array.isArray(voting) ? (voting as true | string[]) : undefined,
    source,
  };
}
