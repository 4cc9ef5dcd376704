/**
 * CrewAI's classic form: `config/agents.yaml` (agents by name) and `config/tasks.yaml` (tasks by name,
 * in run order), under the crew folder or its `src/<project>/`. The process lives in `crew.py`
 * beside `config/` (`process=Process.hierarchical`, `manager_llm="…"`); MassGen-TS reads those
 * declarations as text — it never runs the file — and refuses the tools crew.py gives its agents.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { isPlainObject } from '../config/schema-common.js';
import { type RawTask, readAgent, readTask } from './definitions.js';
import type { CrewIssues } from './issues.js';
import { defaultManager } from './manager.js';
import { type CrewOverrides, PROCESSES, type ReadCrew } from './read-json-crew.js';
import type { CrewAgent, CrewProcess } from './types.js';

/** The `config/` folder of a classic crew in `dir`, if any. */
export function findClassicConfig(dir: string): string | undefined {
  const direct = path.join(dir, 'config');
  if (existsSync(path.join(direct, 'agents.yaml'))) return direct;
  const src = path.join(dir, 'src');
  if (!existsSync(src)) return undefined;
  const found = readdirSync(src, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(src, e.name, 'config'))
    .filter((c) => existsSync(path.join(c, 'agents.yaml')));
  return found.length === 1 ? found[0] : undefined;
}

function readYamlMapping(file: string, issues: CrewIssues): Record<string, unknown> | undefined {
  if (!existsSync(file)) {
    issues.error(
      file,
      '',
      `${path.basename(file)} not found`,
      `create ${path.basename(file)} beside agents.yaml`,
    );
    return undefined;
  }
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    issues.error(file, '', `invalid YAML: ${(error as Error).message.split('\n')[0]}`, 'fix the YAML syntax');
    return undefined;
  }
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    issues.error(
      file,
      '',
      'the file must map names to definitions (`name:` with the keys indented below)',
      'write `researcher:` followed by its indented keys',
    );
    return undefined;
  }
  return value;
}

/** 1-based line of a character offset. */
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** What crew.py declares: its process, manager model and agent tools (read as text). */
function readCrewPy(
  file: string,
  overrides: CrewOverrides,
  issues: CrewIssues,
): { process: CrewProcess; managerLlm?: string } {
  if (!existsSync(file)) return { process: overrides.process ?? 'sequential' };
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\btools\s*=\s*\[([^\]]*)\]/g)) {
    const names = m[1]!
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (names.length === 0) continue;
    issues.error(
      file,
      `line ${lineOf(text, m.index)}`,
      `not supported: Python tools ${names.map((n) => `\`${n}\``).join(', ')} given to an agent in crew.py`,
      'remove the tools from crew.py; MassGen-TS runs the declarative parts of a crew only',
    );
  }
  let process: CrewProcess = 'sequential';
  const declared = /\bprocess\s*=\s*Process\.(\w+)/.exec(text);
  if (declared) {
    if ((PROCESSES as string[]).includes(declared[1]!)) process = declared[1] as CrewProcess;
    else
      issues.error(
        file,
        `line ${lineOf(text, declared.index)}`,
        `not supported: Process.${declared[1]}`,
        'use Process.sequential or Process.hierarchical',
      );
  }
  const manager = /\bmanager_llm\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  return { process: overrides.process ?? process, managerLlm: manager };
}

/** Reads the classic form of a crew whose YAML files are in `configDir`. */
export function readClassicCrew(
  dir: string,
  configDir: string,
  overrides: CrewOverrides,
  issues: CrewIssues,
  env: NodeJS.ProcessEnv,
): ReadCrew | undefined {
  const agentsFile = path.join(configDir, 'agents.yaml');
  const tasksFile = path.join(configDir, 'tasks.yaml');
  const crewPy = path.join(path.dirname(configDir), 'crew.py');
  const agentDefs = readYamlMapping(agentsFile, issues);
  const taskDefs = readYamlMapping(tasksFile, issues);
  const { process, managerLlm } = readCrewPy(crewPy, overrides, issues);
  if (!agentDefs || !taskDefs) return undefined;
  const agents = Object.entries(agentDefs).flatMap(
    ([name, def]) => readAgent(name, def, { file: agentsFile, path: name }, issues, env) ?? [],
  );
  const tasks = Object.entries(taskDefs).flatMap(([name, def]): RawTask[] => {
    const task = readTask(name, def, { file: tasksFile, path: name }, issues);
    return task ? [task] : [];
  });
  let manager: CrewAgent | undefined;
  if (process === 'hierarchical') {
    const source = existsSync(crewPy)
      ? { file: crewPy, path: 'manager_llm' }
      : { file: agentsFile, path: '' };
    manager = defaultManager(overrides.managerLlm ?? managerLlm, source, issues, env);
  }
  return { name: path.basename(dir), process, agents, tasks, manager, inputs: {} };
}
