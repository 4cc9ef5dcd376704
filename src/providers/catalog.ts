/**
 * What MassGen-TS knows about each backend `type`: the wire API it speaks, where its key comes from,
 * its default endpoint and model, and which provider-native tools it has.
 */

/** The wire protocol a backend speaks. */
export type WireApi = 'responses' | 'anthropic' | 'gemini' | 'xai' | 'azure' | 'chat';

/** A provider-native tool a backend can switch on with an `enable_*` key. */
export type BuiltinTool = 'web_search' | 'code_execution' | 'code_interpreter';

export interface BackendInfo {
  /** Human name for messages. */
  name: string;
  api: WireApi;
  /** Environment variables that may hold the key, in order of preference. Empty: no key needed. */
  envKeys: string[];
  /** Key sent when none is configured (local servers accept anything). */
  placeholderKey?: string;
  defaultBaseUrl?: string;
  /** Model used when the config gives none; absent means `model` is required. */
  defaultModel?: string;
  builtinTools: BuiltinTool[];
  /** Set when the type is recognised but cannot run in MassGen-TS; the text says why and what to use. */
  unsupported?: string;
  /** An external agent runs the agent's turns (src/adapters): no model of ours is built for it. */
  adapter?: true;
}

const chat = (
  name: string,
  envKeys: string[],
  defaultBaseUrl?: string,
  extra: Partial<BackendInfo> = {},
): BackendInfo => ({ name, api: 'chat', envKeys, defaultBaseUrl, builtinTools: [], ...extra });

export const BACKENDS = {
  openai: {
    name: 'OpenAI',
    api: 'responses',
    envKeys: ['OPENAI_API_KEY'],
    defaultBaseUrl: 'https://api.openai.com/v1',
    defaultModel: 'gpt-4o',
    builtinTools: ['web_search', 'code_interpreter'],
  },
  claude: {
    name: 'Anthropic Claude',
    api: 'anthropic',
    envKeys: ['ANTHROPIC_API_KEY'],
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    defaultModel: 'claude-sonnet-4-5-20250929',
    builtinTools: ['web_search', 'code_execution'],
  },
  gemini: {
    name: 'Google Gemini',
    api: 'gemini',
    envKeys: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    defaultModel: 'gemini-2.5-flash',
    builtinTools: ['web_search', 'code_execution'],
  },
  grok: {
    name: 'xAI Grok',
    api: 'xai',
    envKeys: ['XAI_API_KEY'],
    defaultBaseUrl: 'https://api.x.ai/v1',
    defaultModel: 'grok-4',
    builtinTools: ['web_search'],
  },
  azure_openai: {
    name: 'Azure OpenAI',
    api: 'azure',
    envKeys: ['AZURE_OPENAI_API_KEY'],
    defaultModel: 'gpt-4o',
    builtinTools: [],
  },
  chatcompletion: chat('OpenAI-compatible server', [], 'https://api.openai.com/v1', {
    builtinTools: [],
  }),
  lmstudio: chat('LM Studio', [], 'http://localhost:1234/v1', { placeholderKey: 'lm-studio' }),
  vllm: chat('vLLM', [], 'http://localhost:8000/v1', { placeholderKey: 'EMPTY' }),
  sglang: chat('SGLang', [], 'http://localhost:30000/v1', { placeholderKey: 'EMPTY' }),
  cerebras: chat('Cerebras', ['CEREBRAS_API_KEY'], 'https://api.cerebras.ai/v1'),
  together: chat('Together AI', ['TOGETHER_API_KEY'], 'https://api.together.xyz/v1'),
  fireworks: chat('Fireworks AI', ['FIREWORKS_API_KEY'], 'https://api.fireworks.ai/inference/v1'),
  groq: chat('Groq', ['GROQ_API_KEY'], 'https://api.groq.com/openai/v1'),
  openrouter: chat('OpenRouter', ['OPENROUTER_API_KEY'], 'https://openrouter.ai/api/v1'),
  moonshot: chat('Moonshot (Kimi)', ['MOONSHOT_API_KEY', 'KIMI_API_KEY'], 'https://api.moonshot.cn/v1'),
  nebius: chat('Nebius AI Studio', ['NEBIUS_API_KEY'], 'https://api.studio.nebius.ai/v1'),
  qwen: chat('Qwen (DashScope)', ['QWEN_API_KEY'], 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1'),
  zai: chat('Z.ai (GLM)', ['ZAI_API_KEY'], 'https://api.z.ai/api/paas/v4', { defaultModel: 'glm-4.5' }),
  poe: chat('Poe', ['POE_API_KEY'], 'https://api.poe.com/v1'),
  claude_code: {
    name: 'Claude Code',
    api: 'anthropic',
    envKeys: ['ANTHROPIC_API_KEY'],
    defaultBaseUrl: 'https://api.anthropic.com',
    defaultModel: 'claude-sonnet-4-5-20250929',
    builtinTools: [],
    adapter: true,
  },
  adapter: {
    name: 'custom adapter',
    api: 'chat',
    envKeys: [],
    defaultModel: 'adapter',
    builtinTools: [],
    adapter: true,
  },
  codex: {
    name: 'Codex',
    api: 'responses',
    envKeys: ['OPENAI_API_KEY'],
    defaultBaseUrl: 'https://api.openai.com/v1',
    defaultModel: 'gpt-5-codex',
    builtinTools: [],
    adapter: true,
  },
  gemini_cli: {
    name: 'Gemini CLI',
    api: 'gemini',
    envKeys: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    defaultModel: 'gemini-2.5-pro',
    builtinTools: [],
    adapter: true,
  },
  copilot: {
    name: 'GitHub Copilot',
    api: 'chat',
    envKeys: ['OPENAI_API_KEY'],
    defaultBaseUrl: 'https://api.openai.com/v1',
    defaultModel: 'gpt-5-mini',
    builtinTools: [],
    adapter: true,
  },
  ag2: {
    name: 'AG2',
    api: 'chat',
    envKeys: [],
    builtinTools: [],
    unsupported:
      'backend type "ag2" (an AG2 agent) is supported only as the backend of a top-level agent (`agents[i].backend` with `agent_config` or `group_config`); give this one a provider backend such as "openai" or "claude"',
  },
  inference: {
    name: 'inference',
    api: 'chat',
    envKeys: [],
    builtinTools: [],
    unsupported:
      'backend type "inference" is not supported; use "vllm", "sglang" or "chatcompletion" with base_url',
  },
} satisfies Record<string, BackendInfo>;

export type BackendType = keyof typeof BACKENDS;

export const BACKEND_TYPES = Object.keys(BACKENDS) as BackendType[];

export function backendInfo(type: BackendType): BackendInfo {
  return BACKENDS[type];
}

/**
 * Domains whose key variable MassGen picks for a `chatcompletion` backend from its `base_url`. A
 * domain matches its own host and its subdomains only (`api.groq.com`, not `groq.com.example.org`),
 * so a provider's key is sent to that provider's hosts and nowhere else.
 */
const HOST_KEYS: Array<[domains: string[], keys: string[]]> = [
  [['cerebras.ai'], ['CEREBRAS_API_KEY']],
  [['together.xyz', 'together.ai'], ['TOGETHER_API_KEY']],
  [['fireworks.ai'], ['FIREWORKS_API_KEY']],
  [['groq.com'], ['GROQ_API_KEY']],
  [['nebius.com', 'nebius.ai'], ['NEBIUS_API_KEY']],
  [['openrouter.ai'], ['OPENROUTER_API_KEY']],
  [['z.ai', 'bigmodel.cn'], ['ZAI_API_KEY']],
  [
    ['moonshot.ai', 'moonshot.cn'],
    ['MOONSHOT_API_KEY', 'KIMI_API_KEY'],
  ],
  [['poe.com'], ['POE_API_KEY']],
  [['aliyuncs.com'], ['QWEN_API_KEY']],
  [['api.openai.com'], ['OPENAI_API_KEY']],
  [['api.x.ai'], ['XAI_API_KEY']],
];

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Key variables for a `chatcompletion` backend, chosen from the host of its base URL; none for an
 * unknown host. Without a base URL the backend talks to OpenAI (or `OPENAI_BASE_URL`).
 */
export function keyVariablesForUrl(baseUrl: string | undefined): string[] {
  if (!baseUrl) return ['OPENAI_API_KEY'];
  const host = hostOf(baseUrl);
  if (host === undefined) return [];
  for (const [domains, keys] of HOST_KEYS) {
    if (domains.some((domain) => host === domain || host.endsWith(`.${domain}`))) return keys;
  }
  return [];
}

/** Backend type guessed from a model name, as MassGen does when `type` is missing. */
export function inferBackendType(model: string): BackendType | undefined {
  const m = model.toLowerCase();
  if (/^(gpt-|o1|o3|o4|chatgpt-)/.test(m)) return 'openai';
  if (m.startsWith('claude')) return 'claude';
  if (m.startsWith('gemini')) return 'gemini';
  if (m.startsWith('grok')) return 'grok';
  if (m.startsWith('glm')) return 'zai';
  return undefined;
}

/** Backend types that have a given provider-native tool. */
export function backendsWithTool(tool: BuiltinTool): BackendType[] {
  return BACKEND_TYPES.filter((t) => (BACKENDS[t].builtinTools as BuiltinTool[]).includes(tool));
}
