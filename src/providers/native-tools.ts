/**
 * Provider-native tools: the backend's `enable_web_search`, `enable_code_execution` and
 * `enable_code_interpreter` mapped to each provider's own tool through the AI SDK. The provider runs
 * them; their calls and results come back inside the model's reply.
 *
 * | backend | web search | code |
 * |---|---|---|
 * | openai (Responses) | `web_search` | `code_interpreter` (container auto) |
 * | claude | `web_search_20250305` | `code_execution_20250522` (+ its beta header) |
 * | gemini | `google_search` | `code_execution` |
 * | grok | Live Search: `search_parameters {mode: auto, return_citations: true}` | – |
 *
 * Asking for a tool the backend lacks is a config error (schema-backend-rules.ts).
 */
import type { JSONObject } from '@ai-sdk/provider';
import type { Tool, ToolSet } from 'ai';
import type { BackendType } from './catalog.js';

/** The backend keys that switch native tools on. */
export interface NativeToolFlags {
  type: BackendType;
  model?: string;
  enable_web_search?: boolean;
  enable_code_execution?: boolean;
  enable_code_interpreter?: boolean;
}

/** What a backend's flags turn into. */
export interface NativeTools {
  /** Provider tools by the name the model sees them under. */
  tools: ToolSet;
  /** Provider options to merge into every call (Grok's Live Search). */
  providerOptions?: Record<string, JSONObject>;
  /**
   * The provider cannot send these tools together with function tools (Gemini before 3: the AI SDK
   * would drop the function tools, workflow tools included).
   */
  exclusive: boolean;
}

// The Google and OpenAI packages bundle their own provider-utils, so their tool types differ
// nominally from `ai`'s; the objects are the same shape.
const asTool = (t: unknown) => t as Tool;

/** Whether a Gemini model combines provider tools with function tools (Gemini 3 and later). */
export function geminiCombinesTools(modelId: string): boolean {
  const id = modelId.toLowerCase();
  return (
    /(^|\/)gemini-/.test(id) && !/(^|\/)gemini-(1|2)([.-]|$)/.test(id) && !/gemini-pro(-vision)?$/.test(id)
  );
}

/** The native tools a backend's flags ask for (none when no flag is on). */
export async function nativeTools(backend: NativeToolFlags): Promise<NativeTools> {
  const web = backend.enable_web_search === true;
  const code = backend.enable_code_execution === true || backend.enable_code_interpreter === true;
  const none: NativeTools = { tools: {}, exclusive: false };
  if (!web && !code) return none;
  switch (backend.type) {
    case 'openai': {
      const { openai } = await import('@ai-sdk/openai');
      const tools: ToolSet = {};
      if (web) tools.web_search = asTool(openai.tools.webSearch({}));
      if (backend.enable_code_interpreter) tools.code_interpreter = asTool(openai.tools.codeInterpreter({}));
      return { tools, exclusive: false };
    }
    case 'claude': {
      const { anthropic } = await import('@ai-sdk/anthropic');
      const tools: ToolSet = {};
      if (web) tools.web_search = asTool(anthropic.tools.webSearch_20250305({}));
      if (backend.enable_code_execution)
        tools.code_execution = asTool(anthropic.tools.codeExecution_20250522({}));
      return { tools, exclusive: false };
    }
    case 'gemini': {
      const { google } = await import('@ai-sdk/google');
      const tools: ToolSet = {};
      if (web) tools.google_search = asTool(google.tools.googleSearch({}));
      if (backend.enable_code_execution) tools.code_execution = asTool(google.tools.codeExecution({}));
      return { tools, exclusive: !geminiCombinesTools(backend.model ?? '') };
    }
    case 'grok':
      if (!web) return none;
      return {
        tools: {},
        providerOptions: { xai: { searchParameters: { mode: 'auto', returnCitations: true } } },
        exclusive: false,
      };
    default:
      return none;
  }
}

/** `base` with `extra` merged in, one level deep per provider. */
export function mergeProviderOptions(
  base: Record<string, JSONObject> | undefined,
  extra: Record<string, JSONObject> | undefined,
): Record<string, JSONObject> | undefined {
  if (!extra) return base;
  const out: Record<string, JSONObject> = { ...(base ?? {}) };
  for (const [provider, options] of Object.entries(extra))
    out[provider] = { ...(out[provider] ?? {}), ...options };
  return out;
}
