/**
 * Which session and which config a command runs with: `--session-id ID` or `--continue` resume a
 * saved session (its config unless `--config`/`--backend`/`--model` is given); a YAML top-level
 * `session_id` names a session that is resumed when saved and started otherwise; else a new session.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { isAbsolute } from 'node:path';
import { loadConfigFile } from '../config/load.js';
import { validateConfigObject } from '../config/validate.js';
import { ConfigError } from '../errors.js';
import { type ConfigSource, Conversation } from '../sessions/conversation.js';
import { SessionStore } from '../sessions/store.js';
import type { SessionInfo } from '../sessions/types.js';
import type { QuickSetup } from './quick-config.js';
import { type ResolvedConfig, resolveConfig } from './resolve-config.js';

/** The command-line flags that choose a session and a config. */
export interface SessionFlags extends QuickSetup {
  config?: string;
  /** `--continue`: resume the most recent session. */
  continue?: boolean;
  /** `--session-id ID`: resume that session. */
  sessionId?: string;
}

/** The config and the conversation a command runs with. */
export interface SessionStart {
  resolved: ResolvedConfig;
  conversation: Conversation;
}

/** The saved session named by the flags, if any. Throws a ConfigError for an unknown one. */
export async function findResumedSession(
  store: SessionStore,
  flags: SessionFlags,
): Promise<SessionInfo | undefined> {
  if (flags.continue && flags.sessionId !== undefined) {
    throw new ConfigError(
      '--continue and --session-id cannot be combined: --continue takes the latest session.',
    );
  }
  if (flags.sessionId !== undefined) return store.require(flags.sessionId);
  if (!flags.continue) return undefined;
  const latest = await store.latest();
  if (!latest) {
    throw new ConfigError(
      `No session to continue: none is saved in ${store.root}. Start one with: massgen "your question"`,
    );
  }
  return latest;
}

const SECRET_KEY = /^(api[_-]?key|secret|.*[_-]secret|password|(access|auth|bearer)[_-]?token)$/i;

/** A copy of a config object without secret-looking keys (they come from the environment again). */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]),
  );
}

function isFile(path: string | null | undefined): path is string {
  return typeof path === 'string' && isAbsolute(path) && existsSync(path);
}

/** What `session.json` keeps of a config: its file, or the config itself when it is not a file. */
export function configSource(resolved: ResolvedConfig): ConfigSource {
  if (isFile(resolved.path)) return { configPath: resolved.path };
  return { configPath: resolved.path, config: withoutSecrets(resolved.raw) };
}

/** The config of a resumed session: flags win, then its config file, then its saved config. */
async function resolveSessionConfig(
  flags: SessionFlags,
  session: SessionInfo | undefined,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedConfig | undefined> {
  if (!session || flags.config || flags.backend || flags.model) return resolveConfig(flags, env);
  const where = { cwd: process.cwd(), home: os.homedir() };
  if (isFile(session.config_path)) return loadConfigFile(session.config_path, where);
  if (session.config !== undefined) {
    const source = session.config_path ?? `config of session ${session.session_id}`;
    const result = validateConfigObject(session.config, source);
    if (!result.valid || !result.config) {
      throw new ConfigError(`The saved config of session ${session.session_id} is not valid.`, result.errors);
    }
    return { config: result.config, path: source, raw: session.config, warnings: result.warnings };
  }
  const resolved = await resolveConfig(flags, env);
  resolved?.warnings.push({
    file: session.config_path ?? '',
    path: '',
    message: `the config of session ${session.session_id} is gone; using ${resolved.path} (give --config to choose)`,
  });
  return resolved;
}

/**
 * Resolves the config and opens the conversation (resumed or new). Undefined when there is no
 * config at all (no file, no flags, no key). The new session's folder is reserved here.
 */
export async function startSession(
  flags: SessionFlags,
  env: NodeJS.ProcessEnv,
  store: SessionStore = SessionStore.inDirectory(),
): Promise<SessionStart | undefined> {
  let session = await findResumedSession(store, flags);
  const resolved = await resolveSessionConfig(flags, session, env);
  if (!resolved) return undefined;
  const named = resolved.config.session_id;
  if (!session && named !== undefined) session = await store.get(named);
  const source = configSource(resolved);
  const conversation = session
    ? await Conversation.resume(store, session, source)
    : await Conversation.start(store, source, { id: named });
  return { resolved, conversation };
}
