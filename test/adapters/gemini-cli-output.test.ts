/** The Gemini CLI's stream-json lines and its session record as adapter events. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordedCalls } from '../../src/adapters/gemini-cli/session-record.js';
import { GeminiStreamReader } from '../../src/adapters/gemini-cli/stream-reader.js';
import type { AdapterEvents } from '../../src/types/agent-adapter.js';

/** Adapter events recorded as `[method, argument]` pairs. */
function recorder(): { events: AdapterEvents; seen: Array<[string, unknown]> } {
  const seen: Array<[string, unknown]> = [];
  const on =
    (name: string) =>
    (value: unknown): void => {
      seen.push([name, value]);
    };
  return {
    seen,
    events: {
      text: on('text'),
      reasoning: on('reasoning'),
      toolCall: on('toolCall'),
      toolResult: on('toolResult'),
      usage: on('usage'),
      warning: on('warning'),
    },
  };
}

const line = (value: object) => JSON.stringify(value);

describe('stream-json reader', () => {
  it('streams assistant text, reports its own tools (not the workflow ones) and keeps the total usage', () => {
    const { events, seen } = recorder();
    const reader = new GeminiStreamReader(events);
    for (const raw of [
      'Ripgrep is not available. Falling back to GrepTool.',
      line({ type: 'init', session_id: 's-1', model: 'gemini-2.5-pro' }),
      line({ type: 'message', role: 'user', content: 'the prompt' }),
      line({ type: 'message', role: 'assistant', content: 'Let me ', delta: true }),
      line({ type: 'message', role: 'assistant', content: 'look.', delta: true }),
      line({ type: 'tool_use', tool_name: 'read_file', tool_id: 't1', parameters: { file_path: 'a.ts' } }),
      line({ type: 'tool_result', tool_id: 't1', status: 'success', output: 'text of a.ts' }),
      line({ type: 'tool_use', tool_name: 'glob', tool_id: 't2', parameters: { pattern: '*.md' } }),
      line({
        type: 'tool_result',
        tool_id: 't2',
        status: 'error',
        error: { type: 'X', message: 'no match' },
      }),
      line({
        type: 'tool_use',
        tool_name: 'mcp_massgen_vote',
        tool_id: 't3',
        parameters: { agent_id: 'agent1' },
      }),
      line({ type: 'tool_result', tool_id: 't3', status: 'success', output: 'recorded' }),
      line({ type: 'error', severity: 'warning', message: 'Loop detected' }),
      '{"type": "message", "role": "assistant", "content": "cut',
      line({
        type: 'result',
        status: 'success',
        stats: { total_tokens: 130, input_tokens: 100, output_tokens: 30, cached: 40, input: 60 },
      }),
    ])
      reader.readLine(raw);
    expect(seen).toEqual([
      ['text', 'Let me '],
      ['text', 'look.'],
      ['toolCall', { toolCallId: 't1', toolName: 'read_file', input: { file_path: 'a.ts' } }],
      ['toolResult', { toolCallId: 't1', toolName: 'read_file', output: 'text of a.ts', isError: false }],
      ['toolCall', { toolCallId: 't2', toolName: 'glob', input: { pattern: '*.md' } }],
      ['toolResult', { toolCallId: 't2', toolName: 'glob', output: 'no match', isError: true }],
      ['warning', 'Gemini CLI: Loop detected'],
    ]);
    expect(reader.sessionId).toBe('s-1');
    expect(reader.ended).toBe(true);
    expect(reader.text()).toBe('Let me look.');
    expect(reader.totalUsage).toEqual({ inputTokens: 100, outputTokens: 30, cachedInputTokens: 40 });
    expect(reader.failure()).toBe(undefined);
  });

  it('names the failure of an error line or an error result', () => {
    const reader = new GeminiStreamReader(recorder().events);
    reader.readLine(line({ type: 'error', severity: 'error', message: 'Quota exceeded' }));
    reader.readLine(line({ type: 'result', status: 'error', stats: {} }));
    expect(reader.failure()).toBe('Gemini CLI failed: Quota exceeded');
  });
});

describe('session record', () => {
  const sessionId = '0b8c9a2e-1111-4222-8333-444455556666';

  function home(lines: string[]): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gemini-home-'));
    const chats = path.join(dir, 'tmp', 'ws', 'chats');
    mkdirSync(chats, { recursive: true });
    writeFileSync(path.join(chats, 'session-2026-12-02T06-16-0b8c9a2e.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(
      path.join(chats, 'session-2026-12-02T06-15-aaaaaaaa.jsonl'),
      line({ type: 'gemini', id: 'x' }),
    );
    return dir;
  }

  it('gives each model call its usage (thoughts in the output) and thought summaries, the latest copy of a message winning', () => {
    const dir = home([
      line({ sessionId, projectHash: 'h', kind: 'main' }),
      line({ id: 'u1', type: 'user', content: [{ text: 'q' }] }),
      line({
        id: 'g1',
        type: 'gemini',
        content: '',
        thoughts: [{ subject: 'Planning', description: 'read the file first' }],
        tokens: { input: 900, output: 50, cached: 100, thoughts: 20, tool: 0, total: 970 },
      }),
      line({ $set: { lastUpdated: 'now' } }),
      line({
        id: 'g1',
        type: 'gemini',
        content: '',
        toolCalls: [{ id: 'c1', name: 'read_file' }],
        thoughts: [{ subject: 'Planning', description: 'read the file first' }],
        tokens: { input: 900, output: 50, cached: 100, thoughts: 20, tool: 0, total: 970 },
      }),
      line({ id: 'g2', type: 'gemini', content: 'done', thoughts: [], tokens: { input: 1000, output: 10 } }),
      line({ id: 'g3', type: 'gemini', content: 'no tokens yet', thoughts: [] }),
      '{"id": "g4", "type": "gemini", "content": "cut off',
    ]);
    expect(recordedCalls(dir, sessionId)).toEqual([
      {
        usage: { inputTokens: 900, outputTokens: 70, reasoningTokens: 20, cachedInputTokens: 100 },
        thoughts: ['**Planning** read the file first'],
      },
      { usage: { inputTokens: 1000, outputTokens: 10 }, thoughts: [] },
      { thoughts: [] },
    ]);
  });

  it('adds the calls of the subagents the session ran, after its own', () => {
    const dir = home([line({ id: 'g1', type: 'gemini', content: 'x', tokens: { input: 10, output: 1 } })]);
    const sub = path.join(dir, 'tmp', 'ws', 'chats', sessionId);
    mkdirSync(sub);
    writeFileSync(
      path.join(sub, 'sub-1.jsonl'),
      `${line({ sessionId: 'sub-1', kind: 'subagent' })}\n${line({ id: 's1', type: 'gemini', content: 'y', tokens: { input: 20, output: 2 } })}\n`,
    );
    expect(recordedCalls(dir, sessionId).map((c) => c.usage)).toEqual([
      { inputTokens: 10, outputTokens: 1 },
      { inputTokens: 20, outputTokens: 2 },
    ]);
  });

  it('is empty when the session has no record', () => {
    expect(recordedCalls(home([]), 'ffffffff-0000-0000-0000-000000000000')).toEqual([]);
    expect(recordedCalls(path.join(os.tmpdir(), 'no-such-gemini-home'), sessionId)).toEqual([]);
  });
});
