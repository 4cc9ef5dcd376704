/**
 * Python references in a crew definition — `{"python": "module.attribute"}` values, tool references
 * (`crewai_tools:SerperDevTool`, `custom:name`, `module:Class`), callbacks, guardrails and model
 * classes — which only CrewAI's Python process can load: each is refused, naming it and its key.
 */
import { isPlainObject } from '../config/schema-common.js';
import type { CrewIssues } from './issues.js';

/** Keys whose value is a Python callable or class in CrewAI. */
export const PYTHON_VALUED_KEYS: Readonly<Record<string, string>> = {
  step_callback: 'callback',
  callbacks: 'callbacks',
  callback: 'callback',
  guardrail: 'guardrail',
  guardrails: 'guardrails',
  condition: 'condition',
  output_json: 'output model class',
  output_pydantic: 'output model class',
  response_model: 'output model class',
  converter_cls: 'converter class',
  agent_executor: 'agent executor class',
  function_calling_llm: 'LLM object',
  knowledge_sources: 'knowledge source objects',
  embedder: 'embedder object',
  task_callback: 'callback',
  before_kickoff_callbacks: 'callbacks',
  after_kickoff_callbacks: 'callbacks',
};

/** `{"python": "module.attribute"}` values anywhere under `value`, with their key paths. */
function pythonRefs(value: unknown, at: string, out: Array<[string, string]>): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pythonRefs(v, `${at}[${i}]`, out);
  } else if (isPlainObject(value)) {
    if (typeof value.python === 'string') out.push([at, value.python]);
    else for (const [k, v] of Object.entries(value)) pythonRefs(v, at === '' ? k : `${at}.${k}`, out);
  }
}

/** Refuses every Python reference of a definition (an agent, a task or the crew) at `at` of `file`. */
export function refusePythonRefs(
  definition: Record<string, unknown>,
  file: string,
  at: string,
  issues: CrewIssues,
): void {
  const join = (key: string) => (at === '' ? key : `${at}.${key}`);
  const found: Array<[string, string]> = [];
  pythonRefs(definition, at, found);
  for (const [path, ref] of found) {
    issues.error(
      file,
      path,
      `not supported: Python reference \`${ref}\` — Python code cannot run in MassGen-TS`,
      'remove the reference; MassGen-TS runs the declarative parts of a crew only',
    );
  }
  for (const [key, what] of Object.entries(PYTHON_VALUED_KEYS)) {
    const value = definition[key];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    if (found.some(([p]) => p.startsWith(join(key)))) continue;
    issues.error(
      file,
      join(key),
      `not supported: Python ${what} \`${key}\` — Python code cannot run in MassGen-TS`,
      `remove \`${key}\``,
    );
  }
  const tools = definition.tools;
  if (Array.isArray(tools) && tools.length > 0) {
    const names = tools.map((t) =>
      typeof t === 'string' ? t : isPlainObject(t) && typeof t.name === 'string' ? t.name : JSON.stringify(t),
    );
    issues.error(
      file,
      join('tools'),
      `not supported: Python tools ${names.map((n) => `\`${n}\``).join(', ')} — CrewAI tools are Python classes`,
      'remove `tools`; to give agents tools, run them as MassGen agents with MCP servers or JS/TS custom tools',
    );
  }
}
