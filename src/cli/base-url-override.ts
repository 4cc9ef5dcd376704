/**
 * `--base-url` on a loaded config. The URL replaces the `base_url` of every agent backend of one
 * backend type (members of teams and nested chats included): the type given with `--backend`, or,
 * without `--backend`, the one type all the agents share. A config whose agents use several types
 * needs `--backend`; the flag is never ignored silently.
 */
import type { MassGenConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { BACKEND_TYPES, type BackendType } from '../providers/catalog.js';

type Backend = MassGenConfig['agents'][number]['backend'];

/** The flags the override reads. */
export interface BaseUrlFlags {
  baseUrl?: string;
  backend?: string;
}

/** Every backend block that talks to a provider for the config's agents, each once, with its owner. */
export function agentBackends(config: MassGenConfig): Array<{ owner: string; backend: Backend }> {
  const found = new Map<Backend, string>();
  const add = (owner: string, backend: Backend | undefined) => {
    if (backend && !found.has(backend)) found.set(backend, owner);
  };
  for (const agent of config.agents) {
    if (agent.group_chat) {
      for (const member of agent.group_chat.agents) add(`${agent.id}/${member.id}`, member.backend);
      continue;
    }
    add(agent.id, agent.backend);
    for (const member of agent.nested_chat?.agents ?? []) add(`${agent.id}/${member.id}`, member.backend);
  }
  return [...found].map(([backend, owner]) => ({ owner, backend }));
}

function checkUrl(url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ConfigError(
      '--base-url must be an http(s) URL, such as http://localhost:11434/v1 or https://host/v1.',
    );
  }
}

/** Types and the agents using each, e.g. `openai (gpt, gpt2), claude (claude)`. */
function describeTypes(backends: ReturnType<typeof agentBackends>): string {
  const byType = new Map<string, string[]>();
  for (const { owner, backend } of backends)
    byType.set(backend.type, [...(byType.get(backend.type) ?? []), owner]);
  return [...byType].map(([type, owners]) => `${type} (${owners.join(', ')})`).join(', ');
}

/**
 * Applies `--base-url` (with `--backend`, to that type's agents) to a config. Idempotent. Throws
 * ConfigError for a malformed URL, an unknown or unused `--backend`, or several types without one.
 */
export function applyBaseUrlOverride(config: MassGenConfig, flags: BaseUrlFlags): void {
  if (flags.baseUrl === undefined) return;
  checkUrl(flags.baseUrl);
  const backends = agentBackends(config);
  let targets = backends;
  if (flags.backend !== undefined) {
    if (!BACKEND_TYPES.includes(flags.backend as BackendType)) {
      throw new ConfigError(
        `Unknown --backend "${flags.backend}". Valid backends: ${BACKEND_TYPES.join(', ')}.`,
      );
    }
    targets = backends.filter((b) => b.backend.type === flags.backend);
    if (targets.length === 0) {
      throw new ConfigError(
        `--backend ${flags.backend} --base-url: no agent of the config uses backend type ${flags.backend}; ` +
          `its agents use ${describeTypes(backends)}.`,
      );
    }
  } else if (new Set(backends.map((b) => b.backend.type)).size > 1) {
    throw new ConfigError(
      `--base-url applies to the agents of one backend type, and this config's agents use several: ` +
        `${describeTypes(backends)}. Add --backend TYPE to choose which agents it applies to.`,
    );
  }
  for (const { backend } of targets) backend.base_url = flags.baseUrl;
}
