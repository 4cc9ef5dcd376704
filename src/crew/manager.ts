/**
 * The manager of a hierarchical crew: a crew agent (`manager_agent`), or CrewAI's default manager on
 * the `manager_llm` model.
 */
import type { CrewIssues } from './issues.js';
import { crewLlmBackend } from './llm.js';
import type { CrewAgent, CrewSource } from './types.js';

/** CrewAI's default manager, in its own words. */
export const DEFAULT_MANAGER = {
  name: 'manager',
  role: 'Crew Manager',
  goal: 'Manage the team to complete the task in the best way possible.',
  backstory:
    "You are a seasoned manager with a knack for getting the best out of your team. You are also known for your ability to delegate work to the right people, and to ask the right questions to get the best out of your team. Even though you don't perform tasks by yourself, you have a lot of experience in the field, which allows you to properly evaluate the work of your team members.",
};

/** The default manager on `manager_llm` (at `source`); undefined when the llm has errors. */
export function defaultManager(
  managerLlm: unknown,
  source: CrewSource,
  issues: CrewIssues,
  env: NodeJS.ProcessEnv,
): CrewAgent | undefined {
  if (managerLlm === undefined) {
    issues.error(
      source.file,
      source.path,
      'a hierarchical crew needs `manager_llm` or `manager_agent`',
      'add `"manager_llm": "openai/gpt-4o"` (or a `manager_agent`)',
    );
    return undefined;
  }
  const backend = crewLlmBackend(managerLlm, source.file, source.path, issues, env);
  return backend ? { ...DEFAULT_MANAGER, backend, source } : undefined;
}
