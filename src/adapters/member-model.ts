/**
 * The model of a chat member (a team's agent, a nested chat's) whose backend is an adapter type: a
 * member speaks one model reply per turn, so it gets the provider model of its backend
 * (direct-model.ts); an adapter without one cannot be a member.
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { BackendConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import type { CallSettings } from '../types/agent-runtime.js';
import { providerModelOf } from './direct-model.js';

/** The member `name`'s model. Throws a ConfigError for an adapter backend without a provider model. */
export async function adapterMemberModel(
  name: string,
  backend: BackendConfig,
  env: NodeJS.ProcessEnv,
): Promise<{ model: LanguageModelV3; settings: CallSettings }> {
  const block = backend as BackendConfig & Record<string, unknown>;
  const provided = await providerModelOf(name, block, env, `chat member "${name}" backend`);
  if (!provided) {
    throw new ConfigError(
      `chat member "${name}": a \`type: ${backend.type}\` backend speaks in a chat only through a provider model; add \`provider:\` (e.g. openai) with \`model:\`, or make the agent a top-level agent`,
    );
  }
  return { model: provided.model, settings: provided.settings };
}
