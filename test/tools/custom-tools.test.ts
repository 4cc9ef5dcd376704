import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  commandSchema,
  commandToolEntry,
  expandArgs,
  parseStdout,
  placeholders,
} from '../../src/tools/custom/command-tool.js';
import { moduleToolEntries } from '../../src/tools/custom/module-tools.js';
import { hidePresetArgs, withPresetArgs } from '../../src/tools/custom/preset-args.js';
import { customToolKind, expandCustomTool } from '../../src/tools/custom/tool-config.js';
import { CustomToolError } from '../../src/tools/errors.js';
import { ROOT } from '../support/cli.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/tools');
const ctx = {
  file: '/cfg/c.yaml',
  at: 'agents[0].backend.custom_tools[0]',
  baseDir: FIXTURES,
  timeoutMs: 1000,
  env: process.env,
};
const call = { signal: new AbortController().signal, agentId: 'a', toolCallId: 'c' };

describe('custom tool entries', () => {
  it('tells the forms apart and expands parallel lists', () => {
    expect(customToolKind({ path: 't.ts', function: 'f' })).toBe('module');
    expect(customToolKind({ path: 'massgen/t.py', function: 'f' })).toBe('python');
    expect(customToolKind({ function: 'two_num_tool' })).toBe('builtin');
    expect(customToolKind({ name: 'x', command: ['ls'] })).toBe('command');
    expect(
      expandCustomTool({
        function: ['a', 'b'],
        name: ['x', 'y'],
        description: 'shared',
        preset_args: [{ k: 1 }, {}],
      }),
    ).toEqual([
      { name: 'x', functionName: 'a', description: 'shared', presetArgs: { k: 1 } },
      { name: 'y', functionName: 'b', description: 'shared', presetArgs: {} },
    ]);
  });

  it('hides preset arguments from the schema and fills them in (they win)', () => {
    const schema = { type: 'object' as const, properties: { a: {}, unit: {} }, required: ['a', 'unit'] };
    expect(hidePresetArgs(schema, { unit: 'cm' })).toEqual({
      type: 'object',
      properties: { a: {} },
      required: ['a'],
    });
    expect(withPresetArgs({ a: 1, unit: 'forged' }, { unit: 'cm' })).toEqual({ a: 1, unit: 'cm' });
    expect(withPresetArgs('not an object', { unit: 'cm' })).toEqual({ unit: 'cm' });
  });
});

describe('module tools', () => {
  it('loads a TypeScript module: zod schema export, description export, preset args, validation', async () => {
    const entries = await moduleToolEntries(
      { path: 'math-tools.ts', function: ['add', 'boom'], preset_args: [{ unit: 'cm' }, {}] },
      ctx,
    );
    const [add, boom] = entries;
    expect(add).toMatchObject({
      name: 'custom_tool__add',
      originalName: 'add',
      source: 'custom',
      timeoutMs: 1000,
    });
    expect(add!.description).toBe('Add two numbers and give the sum in the configured unit.');
    expect(Object.keys(add!.inputSchema.properties ?? {})).toEqual(['a', 'b']);
    expect(await add!.execute!({ a: 1, b: 2 }, call)).toEqual({ value: { sum: 3, unit: 'cm' } });
    expect(await add!.execute!({ a: 'one', b: 2 }, call)).toMatchObject({
      isError: true,
      value: expect.stringMatching(/^Invalid arguments/),
    });
    expect(boom!.description).toBe('Always fails.');
    await expect(boom!.execute!({}, call)).rejects.toThrow('kaboom');
  });

  it('a missing module or export is a config error naming the key and the exports', async () => {
    await expect(moduleToolEntries({ path: 'nope.ts', function: 'f' }, ctx)).rejects.toThrow(CustomToolError);
    const error: unknown = await moduleToolEntries({ path: 'math-tools.ts', function: 'sub' }, ctx).catch(
      (e) => e,
    );
    expect((error as CustomToolError).issues[0]).toMatchObject({
      path: 'agents[0].backend.custom_tools[0].function',
      message: expect.stringContaining('has no exported function "sub"'),
      suggestion: 'exported functions: add, boom, hang',
    });
  });

  it('a YAML JSON-schema `parameters` replaces the module schema', async () => {
    const [add] = await moduleToolEntries(
      {
        path: 'math-tools.ts',
        function: 'add',
        parameters: { type: 'object', properties: { a: { type: 'number' } } },
      },
      ctx,
    );
    expect(add!.inputSchema).toEqual({ type: 'object', properties: { a: { type: 'number' } } });
  });
});

describe('command tools', () => {
  it('expands {param} templates without a shell', () => {
    const templates = ['--text={text}', '{files}', '{opt}', '{{literal}}'];
    expect(placeholders(templates)).toEqual(['text', 'files', 'opt']);
    expect(expandArgs(templates, { text: 'a b; rm -rf /', files: ['x', 'y'] })).toEqual([
      '--text=a b; rm -rf /',
      'x',
      'y',
      '{literal}',
    ]);
    expect(expandArgs(['{n}', '{o}'], { n: 3, o: { k: 1 } })).toEqual(['3', '{"k":1}']);
    expect(commandSchema({}, ['{a}', 'x{b}'])).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      required: ['a', 'b'],
    });
  });

  it('parses JSON stdout, returns other stdout as text', () => {
    expect(parseStdout('{"a":1}\n')).toEqual({ a: 1 });
    expect(parseStdout('42\n')).toBe(42);
    expect(parseStdout('42 apples\n')).toBe('42 apples');
    expect(parseStdout('  \n')).toBe('(no output)');
  });

  it('runs the program: JSON result, non-zero exit as an error result, a missing program as a failure', async () => {
    const tool = commandToolEntry(
      {
        name: 'wc',
        command: [process.execPath, 'word-count.mjs', '{text}', '{prefix}'],
        preset_args: { prefix: 'p' },
      },
      ctx,
    );
    expect(tool.inputSchema).toEqual({
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
    });
    // A relative program path resolves against the config folder; so does the script here (cwd).
    const inFixtures = commandToolEntry(
      { name: 'wc', command: [process.execPath, path.join(FIXTURES, 'word-count.mjs'), '{text}'] },
      ctx,
    );
    expect(await inFixtures.execute!({ text: 'a b' }, call)).toEqual({ value: { words: 2, prefix: '' } });
    expect(await inFixtures.execute!({ text: 'fail' }, call)).toMatchObject({
      isError: true,
      value: expect.stringContaining('exited with status 3'),
    });
    const missing = commandToolEntry({ name: 'x', command: ['./no-such-program'] }, ctx);
    await expect(missing.execute!({}, call)).rejects.toThrow(/cannot run .*no-such-program/);
  });

  it('kills the program when the call is aborted', async () => {
    // The program marks that it runs, then sleeps; the call is aborted once the mark is there.
    const mark = path.join(mkdtempSync(path.join(os.tmpdir(), 'massgen-kill-')), 'running');
    const script = `require('fs').writeFileSync(${JSON.stringify(mark)}, ''); setTimeout(() => {}, 60000)`;
    const tool = commandToolEntry({ name: 'sleep', command: [process.execPath, '-e', script] }, ctx);
    const stop = new AbortController();
    const running = tool.execute!({}, { ...call, signal: stop.signal });
    await vi.waitFor(() => expect(existsSync(mark)).toBe(true), { timeout: 10_000 });
    stop.abort();
    expect(await running).toMatchObject({
      isError: true,
      value: expect.stringContaining('was killed (SIGTERM)'),
    });
  });
});
