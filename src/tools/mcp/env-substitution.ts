/**
 * `${VAR}` in MCP server entries (command, args, env values, cwd, url, headers), replaced from the
 * environment as MassGen does. `$${VAR}` keeps a literal `${VAR}`. A variable that is not set (or is
 * empty) is an error naming it, so a server never starts with an empty key by accident.
 */
import { MissingEnvVarError } from '../errors.js';

const PATTERN = /\$?\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** `value` with every `${VAR}` replaced. Throws MissingEnvVarError for an unset or empty variable. */
export function substituteEnv(value: string, env: NodeJS.ProcessEnv, where: string): string {
  return value.replace(PATTERN, (match, name: string) => {
    if (match.startsWith('$$')) return match.slice(1);
    const found = env[name];
    if (!found) throw new MissingEnvVarError(name, where, found === '');
    return found;
  });
}

/** Every value of a string map substituted (`where` names the map, e.g. `env`). */
export function substituteEnvMap(
  values: Record<string, string | number | boolean> | undefined,
  env: NodeJS.ProcessEnv,
  where: string,
): Record<string, string> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(
    Object.entries(values).map(([key, v]) => [key, substituteEnv(String(v), env, `${where}.${key}`)]),
  );
}
