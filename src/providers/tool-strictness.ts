/**
 * The `strict` flag of function tools is meant for OpenAI's APIs, which constrain the arguments to
 * a strict tool's schema (and whose Responses API requires the flag on every function tool). Other
 * providers read it differently (Gemini switches to validated function calling) or warn that they
 * do not have it, so their tools go without it.
 */
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { ToolSet } from 'ai';

/** `tools` as sent to a model: unchanged when it takes `strict`, else with the flag left out. */
export function toolsForModel(
  tools: ToolSet | undefined,
  takesStrict: boolean | undefined,
): ToolSet | undefined {
  if (tools === undefined || takesStrict === true) return tools;
  if (!Object.values(tools).some((t) => t.strict !== undefined)) return tools;
  return Object.fromEntries(
    Object.entries(tools).map(([name, t]) => [
      name,
      t.strict === undefined ? t : { ...t, strict: undefined },
    ]),
  );
}

/** The same for the tools of a provider-level call (`doStream`), for models called directly. */
export function callToolsForModel(
  tools: LanguageModelV3CallOptions['tools'],
  takesStrict: boolean | undefined,
): LanguageModelV3CallOptions['tools'] {
  if (tools === undefined || takesStrict === true) return tools;
  return tools.map((t) =>
    t.type === 'function' && t.strict !== undefined ? { ...t, strict: undefined } : t,
  );
}
