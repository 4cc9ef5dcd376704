/**
 * The usage and thoughts of every model call of a Gemini CLI session, from its session record
 * (`~/.gemini/tmp/<project>/chats/session-<time>-<first 8 of the session id>.jsonl`). The CLI appends
 * each model response there, its token counts and thought summaries included, as the response
 * completes and before its tool calls run — so a turn ended at its decision (its process stopped)
 * still has them; its `result` line, which carries only the turn's total, never comes.
 *
 * The subagents it runs (`invoke_agent`) have records of their own beside it, in a folder named
 * for the session. Each line is a JSON record: the session's metadata, a message (`type: "user" |
 * "gemini" | …`, an `id`; a message written again with the same id replaces the earlier one), or a
 * `$set` update.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TokenUsage } from '../../events/types.js';
import { findFile } from '../find-file.js';

/** One model call as the session record has it. */
export interface RecordedCall {
  usage?: TokenUsage;
  /** Its thought summaries as the model streamed them, piece by piece (empty when it did not think). */
  thoughts: string[];
}

type Counts = Record<string, unknown>;

function usageOf(tokens: Counts): TokenUsage {
  const count = (key: string) => (typeof tokens[key] === 'number' ? (tokens[key] as number) : 0);
  const thoughts = count('thoughts');
  return {
    inputTokens: count('input'),
    outputTokens: count('output') + thoughts,
    ...(thoughts > 0 ? { reasoningTokens: thoughts } : {}),
    ...(count('cached') > 0 ? { cachedInputTokens: count('cached') } : {}),
  };
}

/** One recorded thought piece back as text: `**subject** description` (the CLI split it so). */
function thoughtText(thought: unknown): string {
  if (!thought || typeof thought !== 'object') return '';
  const { subject, description } = thought as { subject?: unknown; description?: unknown };
  const head = typeof subject === 'string' && subject !== '' ? `**${subject}**` : '';
  const body = typeof description === 'string' ? description : '';
  return [head, body].filter((p) => p !== '').join(' ');
}

/** The model messages of one record file, the latest copy of each, in the order they first came. */
function modelMessages(file: string): Array<Record<string, unknown>> {
  const byId = new Map<string, Record<string, unknown>>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.includes('"gemini"')) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line);
    } catch {
      continue; // a line cut when the process stopped
    }
    if (record.type === 'gemini' && typeof record.id === 'string') byId.set(record.id, record);
  }
  return [...byId.values()];
}

/** The records of the session's subagents (`chats/<session id>/<subagent session>.jsonl`). */
function subagentRecords(mainFile: string, sessionId: string): string[] {
  const dir = path.join(path.dirname(mainFile), sessionId);
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/**
 * The model calls of session `sessionId` under `geminiHome` (the child's `~/.gemini`), in order, then
 * those of the subagents it ran; empty when there is no record.
 */
export function recordedCalls(geminiHome: string, sessionId: string): RecordedCall[] {
  const suffix = `-${sessionId.slice(0, 8)}.jsonl`;
  const file = findFile(
    path.join(geminiHome, 'tmp'),
    (name) => name.startsWith('session-') && name.endsWith(suffix),
  );
  if (!file) return [];
  const messages = [file, ...subagentRecords(file, sessionId)].flatMap(modelMessages);
  return messages.map((message) => {
    const thoughts = Array.isArray(message.thoughts)
      ? message.thoughts.map(thoughtText).filter((t) => t !== '')
      : [];
    const tokens = message.tokens;
    return tokens && typeof tokens === 'object'
      ? { usage: usageOf(tokens as Counts), thoughts }
      : { thoughts };
  });
}
