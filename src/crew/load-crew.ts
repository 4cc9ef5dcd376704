/**
 * Loading a crew folder: the JSON form (`crew.jsonc` / `crew.json` + `agents/`) when present, else the
 * classic form (`config/agents.yaml` + `config/tasks.yaml`); every problem is collected and thrown as
 * one ConfigError naming each file and key.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { CrewIssues } from './issues.js';
import { findClassicConfig, readClassicCrew } from './read-classic-crew.js';
import { type CrewOverrides, findJsonCrew, readJsonCrew } from './read-json-crew.js';
import { resolveTasks } from './resolve.js';
import type { CrewSpec } from './types.js';

/** A loaded crew and the warnings found (ignored settings). */
export interface LoadedCrew {
  crew: CrewSpec;
  warnings: ConfigIssue[];
}

/** Reads and checks the crew in `dir`. Throws ConfigError. */
export function loadCrew(
  dir: string,
  overrides: CrewOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): LoadedCrew {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    const message = `crew folder not found: ${root}`;
    throw new ConfigError(message, [
      {
        file: root,
        path: '',
        message,
        suggestion: 'pass the folder holding crew.jsonc, or config/agents.yaml and config/tasks.yaml',
      },
    ]);
  }
  const issues = new CrewIssues();
  const jsonFile = findJsonCrew(root);
  const configDir = jsonFile ? undefined : findClassicConfig(root);
  if (!jsonFile && !configDir) {
    const message = `no crew found in ${root}: expected crew.jsonc (or crew.json) with agents/, or config/agents.yaml and config/tasks.yaml`;
    throw new ConfigError(message, [
      {
        file: root,
        path: '',
        message,
        suggestion: 'create crew.jsonc and agents/<name>.jsonc, or the classic config/ YAML files',
      },
    ]);
  }
  const read = jsonFile
    ? readJsonCrew(root, jsonFile, overrides, issues, env)
    : readClassicCrew(root, configDir!, overrides, issues, env);
  issues.throwIfAny();
  const tasks = resolveTasks(read!.tasks, read!.agents, read!.process, issues);
  issues.throwIfAny();
  const { tasks: _raw, ...rest } = read!;
  return {
    crew: { ...rest, dir: root, form: jsonFile ? 'json' : 'classic', tasks: tasks! },
    warnings: issues.warnings,
  };
}
