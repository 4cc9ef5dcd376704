import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedCommandToolEntry, optionLikeValue } from '../../src/tools/custom/command-checks.js';
import { parameterSchema } from '../../src/tools/custom/parameter-schema.js';
import { CustomToolError } from '../../src/tools/errors.js';

const ctx = {
  file: '/cfg/c.yaml',
  at: 'agents[0].backend.custom_tools[0]',
  baseDir: os.tmpdir(),
  timeoutMs: 5000,
  env: process.env,
};
const call = { signal: new AbortController().signal, agentId: 'a', toolCallId: 'c' };

/** A tool that creates `mark` when it runs, so a test can tell whether the program started. */
function markingTool(templates: string[], extra: Record<string, unknown> = {}) {
  const mark = path.join(mkdtempSync(path.join(os.tmpdir(), 'massgen-cmd-')), 'ran');
  const script = `require('fs').writeFileSync(${JSON.stringify(mark)}, JSON.stringify(process.argv.slice(1)))`;
  return { mark, config: { name: 't', command: [process.execPath, '-e', script, ...templates], ...extra } };
}

describe('optionLikeValue', () => {
  it('finds a value that would start an argument with "-"', () => {
    expect(optionLikeValue(['-w', '{path}'], { path: '--files0-from=/etc/passwd' })).toEqual({
      param: 'path',
      value: '--files0-from=/etc/passwd',
    });
    expect(optionLikeValue(['{files}'], { files: ['a', '-rf'] })).toEqual({ param: 'files', value: '-rf' });
    expect(optionLikeValue(['{a}{b}'], { a: '', b: '-x' })).toEqual({ param: 'b', value: '-x' });
  });

  it('allows dashes inside a value, in an option template, and after "--"', () => {
    expect(optionLikeValue(['{path}'], { path: 'notes-2024.txt' })).toBeUndefined();
    expect(optionLikeValue(['--name={name}'], { name: '-odd' })).toBeUndefined();
    expect(optionLikeValue(['-w', '--', '{path}'], { path: '-file' })).toBeUndefined();
    expect(optionLikeValue(['{n}'], { n: 3 })).toBeUndefined();
  });
});

describe('checked command tools', () => {
  it('refuses a list where the schema says string, with the path of the value, and does not run', async () => {
    const { mark, config } = markingTool(['{path}']);
    const tool = await checkedCommandToolEntry(config, ctx);
    expect(await tool.execute!({ path: ['a', 'b'] }, call)).toEqual({
      value:
        'Invalid arguments for custom_tool__t: path must be string. Call it again with arguments that match its schema.',
      isError: true,
    });
    expect(await tool.execute!({}, call)).toEqual({
      value:
        "Invalid arguments for custom_tool__t: the arguments must have required property 'path'. Call it again with arguments that match its schema.",
      isError: true,
    });
    expect(existsSync(mark)).toBe(false);
  });

  it('refuses an option-like value (wc -w "{path}" with --files0-from=/etc/passwd) without running the program', async () => {
    const { mark, config } = markingTool(['-w', '{path}']);
    const tool = await checkedCommandToolEntry(config, ctx);
    const result = await tool.execute!({ path: '--files0-from=/etc/passwd' }, call);
    expect(result).toEqual({
      value: `Refused: the value of "path" ("--files0-from=/etc/passwd") starts with "-", so ${process.execPath} would read it as an option. Give a value that does not start with "-" (for a file, write ./ before its name).`,
      isError: true,
    });
    expect(existsSync(mark)).toBe(false);
  });

  it('runs with valid arguments, and with a dash value after "--"', async () => {
    const { mark, config } = markingTool(['--', '{path}']);
    const tool = await checkedCommandToolEntry(config, ctx);
    expect(await tool.execute!({ path: '-file' }, call)).toEqual({ value: '(no output)' });
    expect(existsSync(mark)).toBe(true);
  });

  it('validates against the configured parameters (numbers, enums), preset arguments included', async () => {
    const { config } = markingTool(['{n}', '{mode}'], {
      parameters: {
        type: 'object',
        properties: { n: { type: 'integer', minimum: 1 }, mode: { enum: ['fast', 'slow'] } },
        required: ['n'],
      },
      preset_args: { mode: 'turbo' },
    });
    const tool = await checkedCommandToolEntry(config, ctx);
    const result = await tool.execute!({ n: 2 }, call);
    expect(result.isError).toBe(true);
    expect(result.value).toBe(
      'Invalid arguments for custom_tool__t: mode must be equal to one of the allowed values. Call it again with arguments that match its schema.',
    );
  });

  it('a parameters schema that cannot be compiled is a config error naming the key', async () => {
    const config = {
      name: 't',
      command: ['echo', '{x}'],
      parameters: { type: 'object', properties: { x: { type: 'strng' } } },
    };
    const error = await checkedCommandToolEntry(config, ctx).catch((e: unknown) => e);
    expect(CustomToolError.isInstance(error)).toBe(true);
    expect((error as CustomToolError).issues[0]).toMatchObject({
      path: 'agents[0].backend.custom_tools[0].parameters',
      message: expect.stringMatching(/^not a usable JSON Schema: /),
    });
  });
});

describe('JSON Schema parameters of module tools validate too', () => {
  it('a plain JSON Schema object refuses a wrong type', async () => {
    const schema = await parameterSchema({
      type: 'object',
      properties: { a: { type: 'number' } },
      required: ['a'],
    });
    expect(await schema!.validate!({ a: 1 })).toEqual({ ok: true, value: { a: 1 } });
    expect(await schema!.validate!({ a: '1' })).toEqual({ ok: false, message: 'a must be number' });
  });
});
