/** The in-memory config of quick setup: `--backend`, `--model`, `--base-url`, `--system-message`. */
import { ConfigError } from '../errors.js';
import { BACKEND_TYPES, type BackendType, backendInfo, inferBackendType } from '../providers/catalog.js';

export interface QuickSetup {
  backend?: string;
  model?: string;
  baseUrl?: string;
  systemMessage?: string;
}

export function quickConfig(flags: QuickSetup): Record<string, unknown> {
  let type = flags.backend as BackendType | undefined;
  if (type !== undefined && !BACKEND_TYPES.includes(type)) {
    throw new ConfigError(
      `Unknown --backend "${flags.backend}". Valid backends: ${BACKEND_TYPES.join(', ')}.`,
    );
  }
  if (type === undefined && flags.model) {
    type = inferBackendType(flags.model);
    if (!type) {
      throw new ConfigError(
        `Cannot tell the backend of model "${flags.model}"; add --backend (one of ${BACKEND_TYPES.join(', ')}).`,
      );
    }
  }
  if (!type) throw new ConfigError('Quick setup needs --backend or --model.');
  const model = flags.model ?? backendInfo(type).defaultModel;
  if (!model) throw new ConfigError(`Backend ${type} has no default model; add --model.`);
  const backend: Record<string, unknown> = { type, model };
  if (flags.baseUrl) backend.base_url = flags.baseUrl;
  const agent: Record<string, unknown> = { id: 'agent1', backend };
  if (flags.systemMessage) agent.system_message = flags.systemMessage;
  return { agent, ui: { display_type: 'rich_terminal', logging_enabled: true } };
}
