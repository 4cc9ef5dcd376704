/**
 * Custom tools from a JS/TS module. For `function: add` the module exports `add(args, context)`;
 * its parameters come from (first found) the entry's `parameters` (JSON Schema), an export
 * `addSchema`, or a property `add.schema` / `add.parameters` (a zod schema or a JSON Schema); its
 * description from the entry's `description`, an export `addDescription`, or `add.description`.
 * The function gets the arguments (preset ones filled in) and `{ signal, agentId, toolCallId }`; it
 * returns text or any JSON value, and throws to report a failure.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { JSONValue } from '@ai-sdk/provider';
import { errorText } from '../../error-text.js';
import { CustomToolError } from '../errors.js';
import { customToolName } from '../names.js';
import type { ToolEntry, ToolOutput } from '../types.js';
import { loadToolModule } from './load-module.js';
import { type ParameterSchema, parameterSchema } from './parameter-schema.js';
import { hidePresetArgs, withPresetArgs } from './preset-args.js';
import { type CustomToolConfig, type CustomToolSpec, expandCustomTool } from './tool-config.js';

/** Where an entry sits, for error messages, and the defaults it inherits. */
export interface CustomToolContext {
  /** The config file (for error messages). */
  file: string;
  /** Key path of the entry, e.g. `agents[0].backend.custom_tools[1]`. */
  at: string;
  /** Folder relative paths resolve against (the config file's). */
  baseDir: string;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
}

type ToolFunction = ((args: Record<string, unknown>, context: unknown) => unknown) & Record<string, unknown>;

/** Throws the CustomToolError of entry `ctx.at`, key `key`. */
export function fail(ctx: CustomToolContext, key: string, message: string, suggestion?: string): never {
  throw new CustomToolError('a custom tool cannot be loaded', {
    file: ctx.file,
    path: `${ctx.at}.${key}`,
    message,
    suggestion,
  });
}

/** The entries of a module-form `custom_tools` entry. Throws CustomToolError when it cannot load. */
export async function moduleToolEntries(
  config: CustomToolConfig,
  ctx: CustomToolContext,
): Promise<ToolEntry[]> {
  const file = path.resolve(ctx.baseDir, config.path!);
  if (!existsSync(file)) {
    fail(
      ctx,
      'path',
      `custom tool module not found: ${file}`,
      "paths are relative to the config file's folder",
    );
  }
  let mod: Record<string, unknown>;
  try {
    mod = await loadToolModule(file);
  } catch (error) {
    fail(ctx, 'path', `cannot load custom tool module ${file}: ${errorText(error)}`);
  }
  const timeoutMs = config.timeout_seconds !== undefined ? config.timeout_seconds * 1000 : ctx.timeoutMs;
  const entries: ToolEntry[] = [];
  for (const spec of expandCustomTool(config)) {
    const fn = mod[spec.functionName];
    if (typeof fn !== 'function') {
      const exported = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
      fail(
        ctx,
        'function',
        `${file} has no exported function "${spec.functionName}"`,
        exported.length > 0
          ? `exported functions: ${exported.join(', ')}`
          : 'export the function by that name',
      );
    }
    const tool = fn as ToolFunction;
    const schema = await findSchema(config, spec, mod, tool, ctx);
    entries.push(moduleEntry(spec, tool, schema, describe(spec, mod, tool), file, timeoutMs));
  }
  return entries;
}

async function findSchema(
  config: CustomToolConfig,
  spec: CustomToolSpec,
  mod: Record<string, unknown>,
  fn: ToolFunction,
  ctx: CustomToolContext,
): Promise<ParameterSchema> {
  const candidates: Array<[string, unknown]> = [
    ['parameters', config.parameters],
    [`export ${spec.functionName}Schema`, mod[`${spec.functionName}Schema`]],
    [`${spec.functionName}.schema`, fn.schema],
    [`${spec.functionName}.parameters`, fn.parameters],
  ];
  for (const [where, value] of candidates) {
    if (value === undefined) continue;
    try {
      const schema = await parameterSchema(value);
      if (schema) return schema;
    } catch (error) {
      fail(ctx, 'function', `the parameter schema (${where}) cannot be used: ${errorText(error)}`);
    }
    fail(ctx, 'function', `${where} is neither a zod schema nor a JSON Schema object`);
  }
  // No schema anywhere: a tool without arguments.
  return { jsonSchema: { type: 'object', properties: {} } };
}

function describe(spec: CustomToolSpec, mod: Record<string, unknown>, fn: ToolFunction): string {
  const fromModule = mod[`${spec.functionName}Description`] ?? fn.description;
  return spec.description ?? (typeof fromModule === 'string' ? fromModule : `Custom tool ${spec.name}.`);
}

function moduleEntry(
  spec: CustomToolSpec,
  fn: ToolFunction,
  schema: ParameterSchema,
  description: string,
  file: string,
  timeoutMs: number,
): ToolEntry {
  return {
    name: customToolName(spec.name),
    originalName: spec.name,
    description,
    inputSchema: hidePresetArgs(schema.jsonSchema, spec.presetArgs),
    source: 'custom',
    timeoutMs,
    origin: `custom tool module ${file}`,
    execute: async (input, context): Promise<ToolOutput> => {
      let args: unknown = withPresetArgs(input, spec.presetArgs);
      if (schema.validate) {
        const checked = await schema.validate(args);
        if (!checked.ok) return { value: `Invalid arguments: ${checked.message}`, isError: true };
        args = checked.value;
      }
      const result = await fn(args as Record<string, unknown>, context);
      return { value: toJsonValue(result) };
    },
  };
}

/** A function's return value as tool output. */
export function toJsonValue(result: unknown): JSONValue {
  if (result === undefined || result === null) return '(no output)';
  if (typeof result === 'string') return result;
  try {
    return JSON.parse(JSON.stringify(result)) as JSONValue;
  } catch {
    return String(result);
  }
}
