/**
 * Which settings of a config hold secrets, and the `${VAR}` references in them. A setting holds a
 * secret when its key is named like one (`api_key`, `token`, `Authorization`, …), when it is a
 * header (`headers:` of a backend or an MCP server), or when it is an `env:` entry whose variable is
 * named like a key (`*_API_KEY`, `*_TOKEN`, `*_SECRET`, …). `env:` entries with other names are
 * still checked for unset references, since they are handed to tools as they are.
 */

/** `${VAR}`; `$${VAR}` is a literal `${VAR}` (as in MCP server entries). */
const REFERENCE = /\$?\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Words that make a setting's key a secret one, whatever else its name says. */
const SECRET_WORDS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'authorization',
  'cookie',
  'credential',
  'credentials',
  'apikey',
]);

/** Words of a key: split at separators and camelCase boundaries, lower-cased. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * Whether a key names a secret: `api_key`, `apiKey`, `x-api-key`, `access_token`, `client_secret`,
 * `password`, `Authorization`, `Cookie`, `Set-Cookie`, `private_key`, any `*_KEY` (`SERVICE_KEY`,
 * `signingKey`), … (`max_tokens` and `key` alone do not).
 */
export function isSecretKey(name: string): boolean {
  let known = secretKeyCache.get(name);
  if (known === undefined) {
    const parts = words(name);
    known = parts.some(
      (w, i) =>
        SECRET_WORDS.has(w) ||
        (w === 'key' &&
          (parts[i - 1] === 'api' || parts[i - 1] === 'private' || (i > 0 && i === parts.length - 1))),
    );
    if (secretKeyCache.size < 1000) secretKeyCache.set(name, known);
  }
  return known;
}

/** Answers for the keys seen so far (the keys of events repeat: this runs for every event written). */
const secretKeyCache = new Map<string, boolean>();

/** Whether an environment variable's name looks like a key: `*_API_KEY`, `*_KEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`. */
export function isSecretVariable(name: string): boolean {
  return /(^|_)(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)(_|$)/i.test(name);
}

/** The variables a value refers to with `${VAR}`, in order (`$${VAR}` refers to none). */
export function referencedVariables(value: string): string[] {
  const names: string[] = [];
  for (const match of value.matchAll(REFERENCE)) {
    if (!match[0].startsWith('$$')) names.push(match[1]!);
  }
  return names;
}

/** `value` with every `${VAR}` replaced from `env`; `$${VAR}` becomes `${VAR}`. */
export function expandReferences(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(REFERENCE, (match, name: string) =>
    match.startsWith('$$') ? match.slice(1) : (env[name] ?? ''),
  );
}

/** The variables of `names` that are not set or are empty in `env`. */
export function unsetVariables(names: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return [...new Set(names.filter((name) => !env[name]))];
}

/**
 * Whether the value at a key path may be a secret, so messages must not repeat it: a path through a
 * secret-named key, a header, or an `env:` entry named like a key.
 */
export function isSecretPath(path: readonly PropertyKey[]): boolean {
  return path.some((segment, i) => {
    if (typeof segment !== 'string') return false;
    if (segment === 'headers' && i < path.length - 1) return true;
    const next = path[i + 1];
    if (segment === 'env' && typeof next === 'string') return isSecretVariable(next) || isSecretKey(next);
    return isSecretKey(segment);
  });
}

/** One string value of a setting the walk visits. */
export interface SettingValue {
  /** Key path in the file, e.g. `agents[1].backend.api_key` (0-based, as config errors print it). */
  path: string;
  /** The last key of the path: the setting's name, header name or variable name. */
  key: string;
  value: string;
  /** The agent (or team / nested-chat member) the setting belongs to, if any. */
  agentId?: string;
  /** True when the setting holds a secret; false for an `env:` entry with an ordinary name. */
  secret: boolean;
}

type Segment = string | number;

function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the walk knows about where it is. */
interface Place {
  path: Segment[];
  agentId?: string;
  /** Inside a setting that holds a secret: every string below it is visited. */
  secret?: boolean;
  /** Inside an `env:` mapping: its keys are variable names. */
  env?: boolean;
}

/** Id of an agent entry: its `id`, else MassGen's default for a top-level agent. */
function agentIdOf(entry: Record<string, unknown>, path: Segment[]): string | undefined {
  if (typeof entry.id === 'string') return entry.id;
  const [first, second] = path;
  if (path.length === 2 && first === 'agents' && typeof second === 'number') return `agent${second + 1}`;
  if (path.length === 1 && first === 'agent') return 'agent1';
  return undefined;
}

function walk(
  value: unknown,
  place: Place,
  visit: (setting: SettingValue) => void,
  open: Set<object> = new Set(),
): void {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    if (place.secret || place.env) {
      const last = place.path[place.path.length - 1];
      visit({
        path: formatPath(place.path),
        key: typeof last === 'string' ? last : '',
        value: String(value),
        agentId: place.agentId,
        secret: place.secret === true,
      });
    }
    return;
  }
  if (typeof value !== 'object' || value === null || open.has(value)) return;
  open.add(value);
  try {
    walkInside(value, place, visit, open);
  } finally {
    open.delete(value);
  }
}

function walkInside(value: object, place: Place, visit: (setting: SettingValue) => void, open: Set<object>) {
  const last = place.path[place.path.length - 1];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const path = [...place.path, i];
      const agentId = last === 'agents' && isRecord(item) ? agentIdOf(item, path) : place.agentId;
      walk(item, { ...place, path, agentId }, visit, open);
    });
    return;
  }
  if (!isRecord(value)) return;
  const agentId = last === 'agent' && place.path.length === 1 ? agentIdOf(value, place.path) : place.agentId;
  for (const [key, inner] of Object.entries(value)) {
    const path = [...place.path, key];
    if (place.secret) {
      walk(inner, { path, agentId, secret: true }, visit, open);
    } else if (place.env) {
      walk(inner, { path, agentId, secret: isSecretVariable(key), env: true }, visit, open);
    } else if (key === 'headers' && isRecord(inner)) {
      walk(inner, { path, agentId, secret: true }, visit, open);
    } else if (key === 'env' && isRecord(inner)) {
      walk(inner, { path, agentId, env: true }, visit, open);
    } else {
      walk(inner, { path, agentId, secret: isSecretKey(key) }, visit, open);
    }
  }
}

/**
 * Visits every string of a config (raw or normalised) that is a secret setting or an `env:` entry,
 * with its key path and agent. Numbers and booleans there are visited as strings.
 */
export function walkSecretSettings(config: unknown, visit: (setting: SettingValue) => void): void {
  walk(config, { path: [] }, visit);
}
