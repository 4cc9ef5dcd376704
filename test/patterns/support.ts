/** Scripted chat members for the pattern tests: each records the prompts it is given. */
import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { ChatMember } from '../../src/patterns/types.js';
import { promptText, type ScriptedReply, scriptedModel } from '../support/scripted-model.js';

/** One call a scripted member received. */
export interface Call {
  member: string;
  system: string;
  user: string;
  tools: string[];
}

/** Shared call log of a test. */
export function callLog() {
  const calls: Call[] = [];
  const record = (member: string, prompt: LanguageModelV3Prompt, options: LanguageModelV3CallOptions) => {
    const system = prompt.flatMap((m) => (m.role === 'system' ? [m.content] : [])).join('\n\n');
    calls.push({ member, system, user: promptText(prompt), tools: (options.tools ?? []).map((t) => t.name) });
  };
  /** Ids of the members called, in order, optionally only calls without tools (turns). */
  const speakers = (filter: (c: Call) => boolean = (c) => c.tools.length === 0) =>
    calls.filter(filter).map((c) => c.member);
  return { calls, record, speakers };
}

export type Script =
  | ScriptedReply
  | ((call: number, user: string, options: LanguageModelV3CallOptions) => ScriptedReply);

/**
 * A member replying from `script` (one entry per call, the last repeated), or `Message from <id>`
 * when no script is given.
 */
export function member(
  id: string,
  log: ReturnType<typeof callLog>,
  script: Script[] = [],
  description = `${id} role`,
): ChatMember {
  const model = scriptedModel(`model-${id}`, (prompt, call, options) => {
    log.record(id, prompt, options);
    const entry = script[Math.min(call, script.length - 1)];
    if (entry === undefined) return { text: `Message from ${id}` };
    return typeof entry === 'function' ? entry(call, promptText(prompt), options) : entry;
  });
  return { id, description, model, settings: {} };
}
