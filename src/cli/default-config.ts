/**
 * With no config and no quick-setup flags: a multi-agent config built from the provider keys that
 * are set, or a short guide when none is.
 */
import type { BackendType } from '../providers/catalog.js';

interface Candidate {
  type: BackendType;
  vars: string[];
  models: [string, string];
}

/** One entry per provider: its key variables, its main model and a second, smaller one. */
const CANDIDATES: Candidate[] = [
  { type: 'openai', vars: ['OPENAI_API_KEY'], models: ['gpt-5-mini', 'gpt-5-nano'] },
  { type: 'claude', vars: ['ANTHROPIC_API_KEY'], models: ['claude-sonnet-4-5', 'claude-haiku-4-5'] },
  {
    type: 'gemini',
    vars: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    models: ['gemini-2.5-flash', 'gemini-2.5-pro'],
  },
  { type: 'grok', vars: ['XAI_API_KEY'], models: ['grok-4-fast', 'grok-3-mini'] },
];

/**
 * One agent per provider whose key is set; with a single provider, two agents (its main and its
 * smaller model). Undefined when no key is set.
 */
export function configFromKeys(env: NodeJS.ProcessEnv): Record<string, unknown> | undefined {
  const available = CANDIDATES.filter((c) => c.vars.some((v) => env[v]));
  if (available.length === 0) return undefined;
  const picks =
    available.length === 1
      ? available[0]!.models.map((model) => ({ type: available[0]!.type, model }))
      : available.map((c) => ({ type: c.type, model: c.models[0] }));
  return {
    agents: picks.map((p) => ({
      id: p.model.replace(/[^A-Za-z0-9_.-]/g, '_'),
      backend: { type: p.type, model: p.model },
    })),
    ui: { display_type: 'rich_terminal', logging_enabled: true },
  };
}

/** What to do when no key and no config exist. */
export const SETUP_GUIDE = `No configuration and no API key found.

MassGen-TS needs at least one LLM provider. Either:

  1. Set a provider key (in the environment, in ./.env or in ~/.massgen/.env):
       OPENAI_API_KEY=…        (OpenAI)
       ANTHROPIC_API_KEY=…     (Anthropic Claude)
       GEMINI_API_KEY=…        (Google Gemini)
       XAI_API_KEY=…           (xAI Grok)
     then run:  massgen "your question"

  2. Or point an agent at a local OpenAI-compatible server (no key needed):
       massgen --backend chatcompletion --model llama3.2 --base-url http://localhost:11434/v1 "your question"
     (Ollama: port 11434; LM Studio: --backend lmstudio, port 1234; vLLM: --backend vllm, port 8000)

  3. Or give a config file:  massgen --config @examples/three_agents "your question"
     (massgen --list-examples shows the packaged ones)
`;
