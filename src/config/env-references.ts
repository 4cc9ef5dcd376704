/**
 * The check made before a run: every `${VAR}` in a setting that holds a secret (`api_key`, headers,
 * `env:` entries of MCP servers and custom tools) must name a variable that is set and not empty.
 * A reference is never replaced by an empty string, and never by another variable.
 */
import { ConfigError, type ConfigIssue } from '../errors.js';
import { referencedVariables, unsetVariables, walkSecretSettings } from './secret-settings.js';

/** A `${VAR}` whose variable is not set or is empty. */
export interface UnsetReference {
  /** Key path in the file, e.g. `agents[1].backend.api_key`. */
  path: string;
  variable: string;
  /** The agent (or team / nested-chat member) whose setting it is. */
  agentId?: string;
}

/** Every unset reference of a config (raw or normalised), in file order. */
export function unsetReferences(config: unknown, env: NodeJS.ProcessEnv): UnsetReference[] {
  const found: UnsetReference[] = [];
  walkSecretSettings(config, ({ path, value, agentId }) => {
    for (const variable of unsetVariables(referencedVariables(value), env))
      found.push({ path, variable, agentId });
  });
  return found;
}

/** The issue reported for one unset reference. Values are never quoted. */
export function unsetReferenceIssue(file: string, ref: UnsetReference): ConfigIssue {
  const owner = ref.agentId === undefined ? '' : ` (agent "${ref.agentId}")`;
  return {
    file,
    path: ref.path,
    message: `\${${ref.variable}} is not set or is empty${owner}; it is never replaced by another variable`,
    suggestion: `set ${ref.variable} in the environment, in ./.env or in ~/.massgen/.env`,
  };
}

/** Throws a ConfigError (exit 1) naming every unset variable, its key path and its agent. */
export function checkEnvReferences(config: unknown, file: string, env: NodeJS.ProcessEnv): void {
  const refs = unsetReferences(config, env);
  if (refs.length === 0) return;
  const names = [...new Set(refs.map((ref) => ref.variable))];
  throw new ConfigError(
    `environment variable${names.length > 1 ? 's' : ''} not set: ${names.join(', ')}`,
    refs.map((ref) => unsetReferenceIssue(file, ref)),
  );
}
