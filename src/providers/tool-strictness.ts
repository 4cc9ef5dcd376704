/**
 * The `strict` flag of function tools is meant for OpenAI's APIs, which constrain the arguments to
 * a strict tool's schema (and whose Responses API requires the flag on every function tool). Other
 * providers read it differently (Gemini switches to validated function calling) or warn that they
 * do not have it, so their tools go without it.
 */
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
