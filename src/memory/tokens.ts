/**
 * Token accounting: a cheap estimate of a conversation's size (about 4 characters per token) and the
 * context window of a model (tokenlens' static catalog, loaded on first use).
 */
import type { ModelMessage } from 'ai';

/** Context window assumed when the model is unknown (as MassGen). */
export const DEFAULT_CONTEXT_WINDOW = 128_000;

const CHARS_PER_TOKEN = 4;
/** Role markers and message framing. */
const MESSAGE_OVERHEAD = 4;

/** Estimated tokens of a text. */
export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

function partText(part: unknown): string {
  if (typeof part !== 'object' || part === null) return String(part ?? '');
  const p = part as Record<string, unknown>;
  switch (p.type) {
    case 'text':
    case 'reasoning':
      return String(p.text ?? '');
    case 'tool-call':
      return `${String(p.toolName)} ${JSON.stringify(p.input ?? null)}`;
    case 'tool-result':
      return `${String(p.toolName)} ${JSON.stringify(p.output ?? null)}`;
    default:
      // Images and files: count their JSON form, capped (providers bill them differently).
      return JSON.stringify(p).slice(0, 4000);
  }
}

/** Plain text of a message, as counted. */
export function messageText(message: ModelMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map(partText).join('\n');
}

/** Estimated tokens of one message. */
export function estimateMessageTokens(message: ModelMessage): number {
  return MESSAGE_OVERHEAD + estimateTextTokens(messageText(message));
}

/** Estimated tokens of a system prompt and messages. */
export function estimateTokens(system: string, messages: readonly ModelMessage[]): number {
  let total = estimateTextTokens(system);
  for (const m of messages) total += estimateMessageTokens(m);
  return total;
}

/** tokenlens' provider ids for backend types. */
const PROVIDERS: Record<string, string> = {
  openai: 'openai',
  azure_openai: 'openai',
  claude: 'anthropic',
  gemini: 'google',
  grok: 'xai',
  cerebras: 'cerebras',
  together: 'togetherai',
  fireworks: 'fireworks-ai',
  groq: 'groq',
  openrouter: 'openrouter',
  moonshot: 'moonshotai',
  zai: 'zai',
};

/** Candidate catalog ids for a model: provider-qualified, bare, and without a date suffix. */
function candidates(backendType: string, modelId: string): string[] {
  const provider = PROVIDERS[backendType];
  const undated = modelId.replace(/-\d{8}$|-\d{4}-\d{2}-\d{2}$/, '');
  const ids = [modelId, undated];
  const out = provider ? ids.map((id) => `${provider}/${id}`) : [];
  return [...new Set([...out, ...ids])];
}

/**
 * The context window (input tokens) of a model: `override` when given, else tokenlens' catalog,
 * else {@link DEFAULT_CONTEXT_WINDOW}.
 */
export async function contextWindow(
  backendType: string,
  modelId: string,
  override?: number,
): Promise<number> {
  if (override !== undefined) return override;
  try {
    const { getContextWindow } = await import('tokenlens');
    for (const id of candidates(backendType, modelId)) {
      const w = getContextWindow(id);
      const size = w.inputMax ?? w.combinedMax ?? w.totalMax;
      if (size !== undefined && size > 0) return size;
    }
  } catch {
    // The catalog is optional knowledge: fall back to the default.
  }
  return DEFAULT_CONTEXT_WINDOW;
}
