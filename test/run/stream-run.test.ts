import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfigFile } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import type { CoordinationEvent } from '../../src/events/types.js';
import { usageCost } from '../../src/events/usage-cost.js';
import { answersSeenAt, EMPTY_ANSWER_BOARD, reduceAnswerBoard } from '../../src/index.js';
import { defineConfig } from '../../src/run/config-source.js';
import { streamRun } from '../../src/run/stream-run.js';
import { answer, protocolModel, type ScriptedCall, scriptedModel, vote } from '../../src/testing/index.js';

const temp = () => mkdtempSync(path.join(os.tmpdir(), 'massgen-stream-'));

/** Two OpenAI agents written by hand; their models are given, so no key is needed. */
const config = defineConfig({
  agents: [
    { id: 'a', backend: { type: 'openai', model: 'gpt-4o-mini' } },
    { id: 'b', backend: { type: 'openai', model: 'gpt-4o-mini' } },
  ],
});

/** Resolves when the call is aborted (a reply that never comes). */
const hang = (call: ScriptedCall) =>
  new Promise<never>((_, reject) => {
    const signal = call.options.abortSignal;
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

async function collect(stream: AsyncIterable<CoordinationEvent>): Promise<CoordinationEvent[]> {
  const events: CoordinationEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('streamRun', () => {
  it('listeners in code get each context as text; events.jsonl names its file; the answers read come off the stream', async () => {
    const cwd = temp();
    const models = { a: protocolModel('a'), b: protocolModel('b') };
    const run = streamRun(config, { question: 'What is 2+2?', cwd, models });
    const events = await collect(run);
    const { logDir } = await run.result;
    const answers = events.filter((e) => e.type === 'answer');
    expect(answers).toHaveLength(2);
    for (const e of answers) expect(e.context).toContain('What is 2+2?');
    const logged = readFileSync(path.join(logDir!, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as CoordinationEvent);
    const loggedAnswers = logged.filter((e) => e.type === 'answer');
    expect(loggedAnswers.map((e) => e.context)).toEqual([undefined, undefined]);
    expect(loggedAnswers.map((e) => readFileSync(path.join(logDir!, e.contextFile!), 'utf8'))).toEqual(
      answers.map((e) => e.context),
    );
    let board = EMPTY_ANSWER_BOARD;
    const reads: string[] = [];
    for (const e of events) {
      if (e.type === 'agent-start') reads.push(`${e.agentId}:${answersSeenAt(board, e).join(',')}`);
      board = reduceAnswerBoard(board, e);
    }
    expect(reads.sort()).toEqual(['a:', 'a:agent1.1,agent2.1', 'b:', 'b:agent1.1,agent2.1']);
  });

  it('streams every event of a run written in code, then resolves with usage, cost and the tally', async () => {
    const cwd = temp();
    const models = {
      a: protocolModel('a', [], { modelId: 'gpt-4o-mini' }),
      b: protocolModel('b', [], { modelId: 'gpt-4o-mini' }),
    };
    const run = streamRun(config, { question: 'What is 2+2?', cwd, models });
    const events = await collect(run);
    const outcome = await run.result;
    expect(events[0]?.type).toBe('run-start');
    expect(events.at(-1)?.type).toBe('run-end');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(outcome).toMatchObject({ status: 'completed', winner: 'a', finalAnswer: 'Final answer from a' });
    expect(outcome.votes).toEqual({ a: 2 });
    // a: answer, vote, presentation; b: answer, vote — 10 input and 5 output tokens each.
    expect(outcome.usage.agents.a).toMatchObject({ calls: 3, inputTokens: 30, outputTokens: 15 });
    expect(outcome.usage.agents.b).toMatchObject({ calls: 2, inputTokens: 20, outputTokens: 10 });
    expect(outcome.usage.total).toMatchObject({
      calls: 5,
      inputTokens: 50,
      outputTokens: 25,
      unpricedCalls: 0,
    });
    const perCall = usageCost('openai', 'gpt-4o-mini', { inputTokens: 10, outputTokens: 5 })!;
    expect(perCall).toBeGreaterThan(0);
    expect(outcome.usage.total.costUsd).toBeCloseTo(5 * perCall, 12);
    // Logs under the given working directory, not the process's.
    expect(outcome.logDir?.startsWith(path.join(cwd, '.massgen', 'massgen_logs'))).toBe(true);
    expect(existsSync(path.join(outcome.logDir!, 'events.jsonl'))).toBe(true);
  });

  it('retainEvents false: an iterator gets the events from when it starts, one started after the run none', async () => {
    const models = { a: protocolModel('a'), b: protocolModel('b') };
    const seen: CoordinationEvent[] = [];
    let late: Promise<CoordinationEvent[]> | undefined;
    let startedAt = 0;
    const run = streamRun(config, {
      question: 'What is 2+2?',
      logRoot: false,
      models,
      retainEvents: false,
      onEvent: (event) => {
        seen.push(event);
        if (event.type === 'answer' && !late) {
          startedAt = event.seq;
          late = collect(run);
        }
      },
    });
    await run.result;
    const fromAnswer = await late!;
    expect(startedAt).toBeGreaterThan(1);
    expect(fromAnswer.map((e) => e.seq)).toEqual(seen.filter((e) => e.seq > startedAt).map((e) => e.seq));
    expect(fromAnswer.at(-1)?.type).toBe('run-end');
    expect(await collect(run)).toEqual([]);
  });

  it('abort() after the winner was chosen: interrupted, and the outcome still names the winner', async () => {
    const run = streamRun(config, {
      question: 'Q',
      logRoot: false,
      models: {
        a: scriptedModel([answer('A'), vote('agent1'), hang], { modelId: 'gpt-4o-mini' }),
        b: scriptedModel([answer('B'), vote('agent1')], { modelId: 'gpt-4o-mini' }),
      },
    });
    for await (const event of run) if (event.type === 'winner') run.abort();
    const outcome = await run.result;
    expect(outcome.status).toBe('interrupted');
    expect(outcome.winner).toBe('a');
    expect(outcome.finalAnswer).toBeUndefined();
    expect(outcome.votes).toEqual({ a: 2 });
  });

  it('an invalid config object: result rejects with a ConfigError naming the key path, iteration throws it', async () => {
    const run = streamRun({ agents: [{ id: 'a', backend: { type: 'openai', modle: 'x' } }] } as never, {
      question: 'Q',
      logRoot: false,
    });
    const error = await run.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toEqual(['agents[0].backend.modle']);
    await expect(collect(run)).rejects.toBe(error);
  });

  it('a loaded config keeps resolving its custom tool paths against its file; given tools run too', async () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'tools'));
    writeFileSync(
      path.join(dir, 'tools', 'math.mjs'),
      [
        'export const addSchema = { type: "object", properties: { a: { type: "number" }, b: { type: "number" }, unit: { type: "string" } }, required: ["a", "b", "unit"] };',
        'export const add = ({ a, b, unit }) => ({ sum: a + b, unit });',
      ].join('\n'),
    );
    const file = path.join(dir, 'c.yaml');
    writeFileSync(
      file,
      [
        'agent:',
        '  id: a',
        '  backend:',
        '    type: openai',
        '    model: gpt-4o-mini',
        // The tools' paths are under test, not the safety checks (see test/cli/safety-*).
        '    permissions: false',
        '    custom_tools:',
        '      - path: tools/math.mjs',
        '        function: add',
        '        preset_args: { unit: cm }',
      ].join('\n'),
    );
    const loaded = await loadConfigFile(file);
    const calls = (call: ScriptedCall) => call.text;
    const model = scriptedModel(
      [
        { toolCalls: [{ name: 'custom_tool__add', args: { a: 2, b: 3 } }] },
        { toolCalls: [{ name: 'shout', args: { text: 'hi' } }] },
        (call) => answer(`seen: ${calls(call)}`),
        vote('agent1'),
        { text: 'done' },
      ],
      { modelId: 'gpt-4o-mini' },
    );
    const shout = tool({
      description: 'Upper-cases a text.',
      inputSchema: z.object({ text: z.string() }),
      execute: async ({ text }) => text.toUpperCase(),
    });
    // Run from another folder: the tool path still resolves against the config's folder.
    const run = streamRun(loaded, {
      question: 'Add',
      cwd: temp(),
      logRoot: false,
      models: { a: model },
      tools: { a: { shout } },
    });
    const events = await collect(run);
    const outcome = await run.result;
    expect(outcome.status).toBe('completed');
    const results = events.filter((e) => e.type === 'tool-result');
    expect(results.map((e) => e.type === 'tool-result' && [e.toolName, e.output, e.isError])).toEqual([
      ['custom_tool__add', { sum: 5, unit: 'cm' }, false],
      ['shout', 'HI', false],
    ]);
    expect(model.calls[2]?.text).toContain('HI');
    model.verify();
  });

  it('models and tools for agents the config does not have are refused', async () => {
    const run = streamRun(config, { question: 'Q', logRoot: false, models: { c: protocolModel('c') } });
    await expect(run.result).rejects.toThrow(
      'models for unknown agent "c": the config\'s agents are "a", "b".',
    );
  });
});
