/**
 * CrewAI's JSON form: `crew.jsonc` (or `crew.json`) with the crew's settings, its agent names and its
 * tasks, and one `agents/<name>.jsonc` (or `.json`) per agent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isPlainObject } from '../config/schema-common.js';
import { closestMatch, didYouMean } from '../config/suggest.js';
import { type RawTask, readAgent, readTask } from './definitions.js';
import type { CrewIssues } from './issues.js';
import { parseJsonc } from './jsonc.js';
import { defaultManager } from './manager.js';
import { refusePythonRefs } from './python-refs.js';
import type { CrewAgent, CrewProcess } from './types.js';

/** What the JSON form yields before the tasks are resolved. */
export interface ReadCrew {
  name: string;
  process: CrewProcess;
  agents: CrewAgent[];
  tasks: RawTask[];
  manager?: CrewAgent;
  inputs: Record<string, string>;
}

/** Overrides of the crew's own settings (from the CLI or a MassGen config's `crew:`). */
export interface CrewOverrides {
  process?: CrewProcess;
  managerLlm?: unknown;
}

const CREW_KEYS = ['name', 'agents', 'tasks', 'process', 'manager_llm', 'manager_agent', 'inputs'];
const CREW_IGNORED = [
  'verbose',
  'memory',
  'cache',
  'max_rpm',
  'planning',
  'planning_llm',
  'share_crew',
  'output_log_file',
  'stream',
  'tracing',
  'chat_llm',
  'language',
];
export const PROCESSES: readonly CrewProcess[] = ['sequential', 'hierarchical'];

/** `crew.jsonc` or `crew.json` of a folder, if any. */
export function findJsonCrew(dir: string): string | undefined {
  return ['crew.jsonc', 'crew.json'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
}

/** A JSONC file as a mapping, or undefined (and an error naming the file). */
function readObject(file: string, issues: CrewIssues): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = parseJsonc(readFileSync(file, 'utf8'));
  } catch (error) {
    issues.error(
      file,
      '',
      (error as Error).message,
      'fix the JSON syntax (comments and trailing commas are allowed)',
    );
    return undefined;
  }
  if (!isPlainObject(value)) {
    issues.error(file, '', 'the file must hold one JSON object', 'write the definition as `{ … }`');
    return undefined;
  }
  return value;
}

/** Crew inputs: `{name: value}`, a value also written `{default: value, description}`. */
export function readInputs(
  value: unknown,
  file: string,
  at: string,
  issues: CrewIssues,
): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    issues.error(
      file,
      at,
      '`inputs` must be a mapping of names to values',
      'write `"inputs": { "topic": "AI agents" }`',
    );
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    const given = isPlainObject(v) ? v.default : v;
    if (given === undefined || given === null) continue;
    out[key] = typeof given === 'string' ? given : JSON.stringify(given);
  }
  return out;
}

export function readProcess(value: unknown, file: string, at: string, issues: CrewIssues): CrewProcess {
  if (value === undefined) return 'sequential';
  if (typeof value === 'string' && (PROCESSES as string[]).includes(value)) return value as CrewProcess;
  const close = typeof value === 'string' ? closestMatch(value, PROCESSES) : undefined;
  issues.error(
    file,
    at,
    `not supported: process ${JSON.stringify(value)}`,
    close ? `did you mean \`${close}\`?` : 'use `sequential` or `hierarchical`',
  );
  return 'sequential';
}

/** Reads the JSON form of the crew in `dir` (whose crew file is `crewFile`). */
export function readJsonCrew(
  dir: string,
  crewFile: string,
  overrides: CrewOverrides,
  issues: CrewIssues,
  env: NodeJS.ProcessEnv,
): ReadCrew | undefined {
  const crew = readObject(crewFile, issues);
  if (crew === undefined) return undefined;
  for (const key of Object.keys(crew)) {
    if (CREW_KEYS.includes(key)) continue;
    const ignored = CREW_IGNORED.includes(key);
    issues.warn(
      crewFile,
      key,
      ignored
        ? `ignored: \`${key}\` (a CrewAI crew setting without effect here)`
        : `ignored: unknown crew key \`${key}\``,
      ignored ? `remove \`${key}\` to silence this warning` : didYouMean(key, CREW_KEYS),
    );
  }
  refusePythonRefs(crew, crewFile, '', issues);
  const process = overrides.process ?? readProcess(crew.process, crewFile, 'process', issues);
  const agentsDir = path.join(dir, 'agents');
  const loadAgent = (name: string, at: string): CrewAgent | undefined => {
    const file = ['.jsonc', '.json']
      .map((e) => path.join(agentsDir, `${name}${e}`))
      .find((f) => existsSync(f));
    if (file === undefined) {
      issues.error(
        crewFile,
        at,
        `agent \`${name}\` not found: tried agents/${name}.jsonc and agents/${name}.json`,
        `create agents/${name}.jsonc with \`role\`, \`goal\`, \`backstory\` and \`llm\``,
      );
      return undefined;
    }
    const definition = readObject(file, issues);
    return definition && readAgent(name, definition, { file, path: '' }, issues, env);
  };
  const names = crew.agents;
  const agents: CrewAgent[] = [];
  if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string' || n === '')) {
    issues.error(
      crewFile,
      'agents',
      '`agents` must be a non-empty list of agent names (files in agents/)',
      'write `"agents": ["researcher", "writer"]`',
    );
  } else {
    names.forEach((name: string, i) => {
      const agent = loadAgent(name, `agents[${i}]`);
      if (agent) agents.push(agent);
    });
  }
  const tasks: RawTask[] = [];
  if (!Array.isArray(crew.tasks) || crew.tasks.length === 0) {
    issues.error(
      crewFile,
      'tasks',
      '`tasks` must be a non-empty list of tasks',
      'write `"tasks": [{ "name": …, "description": …, "expected_output": …, "agent": … }]`',
    );
  } else {
    crew.tasks.forEach((t, i) => {
      const task = readTask(undefined, t, { file: crewFile, path: `tasks[${i}]` }, issues, `task_${i + 1}`);
      if (task) tasks.push(task);
    });
  }
  let manager: CrewAgent | undefined;
  if (process === 'hierarchical') {
    const managerAgent = crew.manager_agent;
    if (typeof managerAgent === 'string' && managerAgent !== '')
      manager = loadAgent(managerAgent, 'manager_agent');
    else if (managerAgent === undefined)
      manager = defaultManager(
        overrides.managerLlm ?? crew.manager_llm,
        { file: crewFile, path: 'manager_llm' },
        issues,
        env,
      );
  }
  const inputs = readInputs(crew.inputs, crewFile, 'inputs', issues);
  const name = typeof crew.name === 'string' ? crew.name : path.basename(dir);
  return { name, process, agents, tasks, manager, inputs };
}
