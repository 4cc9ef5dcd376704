/**
 * A MassGen config that runs a CrewAI crew: `crew: DIR`, or `crew: { path, process, manager_llm,
 * inputs }`, with DIR relative to the config file. The file holds nothing else: the agents come from
 * the crew folder.
 */
import path from 'node:path';
import { isPlainObject } from '../config/schema-common.js';
import { didYouMean } from '../config/suggest.js';
import { CrewIssues } from './issues.js';
import { type CrewOverrides, PROCESSES, readInputs } from './read-json-crew.js';
import type { CrewProcess } from './types.js';

/** What a config's `crew:` asks for. */
export interface CrewConfig {
  dir: string;
  overrides: CrewOverrides;
  inputs: Record<string, string>;
}

const CREW_KEYS = ['path', 'process', 'manager_llm', 'inputs'];

/** Whether a parsed config file runs a crew (has a top-level `crew:`). */
export function isCrewConfig(raw: unknown): raw is Record<string, unknown> & { crew: unknown } {
  return isPlainObject(raw) && raw.crew !== undefined;
}

/** Reads the `crew:` of a config file `file`. Throws ConfigError naming each bad key. */
export function readCrewConfig(raw: Record<string, unknown>, file: string): CrewConfig {
  const issues = new CrewIssues();
  for (const key of Object.keys(raw)) {
    if (key === 'crew') continue;
    issues.error(
      file,
      key,
      `a config with \`crew:\` takes no other keys (found \`${key}\`)`,
      'the agents and tasks come from the crew folder; remove the key, or drop `crew:`',
    );
  }
  const block = typeof raw.crew === 'string' ? { path: raw.crew } : raw.crew;
  let dir = '';
  const overrides: CrewOverrides = {};
  let inputs: Record<string, string> = {};
  if (!isPlainObject(block)) {
    issues.error(
      file,
      'crew',
      '`crew` must be a folder path, or a mapping with `path`',
      'write `crew: ./my_crew`',
    );
  } else {
    for (const key of Object.keys(block)) {
      if (!CREW_KEYS.includes(key))
        issues.error(file, `crew.${key}`, `unknown key \`${key}\` of \`crew\``, didYouMean(key, CREW_KEYS));
    }
    if (typeof block.path !== 'string' || block.path === '') {
      issues.error(
        file,
        'crew.path',
        'missing required key `path` (the crew folder)',
        'write `path: ./my_crew`',
      );
    } else dir = path.resolve(path.dirname(file), block.path);
    if (block.process !== undefined) {
      if ((PROCESSES as unknown[]).includes(block.process)) overrides.process = block.process as CrewProcess;
      else
        issues.error(
          file,
          'crew.process',
          `not supported: process ${JSON.stringify(block.process)}`,
          'use `sequential` or `hierarchical`',
        );
    }
    if (block.manager_llm !== undefined) overrides.managerLlm = block.manager_llm;
    inputs = readInputs(block.inputs, file, 'crew.inputs', issues);
  }
  issues.throwIfAny();
  return { dir, overrides, inputs };
}
