/**
 * Command-line custom tools: `command: [program, "arg", "{param}", …]` runs the program without a
 * shell, each `{param}` replaced by that argument (an argument that is exactly `{param}` is dropped
 * when the parameter is absent, and expands to several arguments for a list). JSON on stdout is the
 * result; other stdout is returned as text; a non-zero exit status is an error result. The program
 * gets a minimal environment (see command-env.ts) plus the tool's `env:`, never MassGen's own.
 */
import os from 'node:os';
import path from 'node:path';
import type { JSONValue } from '@ai-sdk/provider';
import { errorText } from '../../error-text.js';
import { commandEnv } from '../command-env.js';
import { substituteEnvMap } from '../mcp/env-substitution.js';
import { customToolName } from '../names.js';
import { spawnCollect } from '../spawn-collect.js';
import type { JsonSchemaObject, ToolEntry, ToolOutput } from '../types.js';
import { type CustomToolContext, fail } from './module-tools.js';
import { hidePresetArgs, withPresetArgs } from './preset-args.js';
import { type CustomToolConfig, expandCustomTool } from './tool-config.js';

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
/** Output kept of each of stdout and stderr. */
const MAX_OUTPUT_BYTES = 1_000_000;
/** The end of the error output that goes into an error result. */
const STDERR_KEEP = 4000;

/** Names of the `{param}` placeholders in argument templates, in order of first use. */
export function placeholders(templates: readonly string[]): string[] {
  const names = new Set<string>();
  for (const t of templates) for (const m of t.matchAll(PLACEHOLDER)) if (m[1]) names.add(m[1]);
  return [...names];
}

const argText = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** The argument list for `values`. */
export function expandArgs(templates: readonly string[], values: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const template of templates) {
    const whole = WHOLE.exec(template)?.[1];
    if (whole !== undefined) {
      const value = values[whole];
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) out.push(...value.map(argText));
      else out.push(argText(value));
      continue;
    }
    out.push(template.replace(PLACEHOLDER, (m, name?: string) => (name ? argText(values[name]) : m[0]!)));
  }
  return out;
}

/** The schema of a command tool: its `parameters`, else one required string per placeholder. */
export function commandSchema(config: CustomToolConfig, templates: readonly string[]): JsonSchemaObject {
  if (config.parameters)
    return {
      ...config.parameters,
      type: 'object',
      properties: (config.parameters.properties as Record<string, unknown>) ?? {},
    };
  const names = placeholders(templates);
  return {
    type: 'object',
    properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])),
    required: names,
  };
}

/** The entry of a command-form `custom_tools` entry. */
export function commandToolEntry(config: CustomToolConfig, ctx: CustomToolContext): ToolEntry {
  const spec = expandCustomTool(config)[0]!;
  const [program, ...rest] = (config.command ?? []).map(String);
  const templates = rest;
  const executable = /[/\\]/.test(program!) ? path.resolve(ctx.baseDir, program!) : program!;
  const cwd = config.cwd ? path.resolve(ctx.baseDir, config.cwd) : undefined;
  let env: Record<string, string> | undefined;
  try {
    env = substituteEnvMap(config.env, ctx.env, `${ctx.at}.env`);
  } catch (error) {
    fail(ctx, 'env', errorText(error), 'set the variable, or remove it from `env`');
  }
  return {
    name: customToolName(spec.name),
    originalName: spec.name,
    description: spec.description ?? `Runs ${program} ${templates.join(' ')}`.trim(),
    inputSchema: hidePresetArgs(commandSchema(config, templates), spec.presetArgs),
    source: 'custom',
    timeoutMs: config.timeout_seconds !== undefined ? config.timeout_seconds * 1000 : ctx.timeoutMs,
    origin: `command ${program}`,
    execute: (input, context) =>
      runCommand(executable, expandArgs(templates, withPresetArgs(input, spec.presetArgs)), {
        cwd,
        env: commandEnv({ from: ctx.env, home: ctx.env.HOME || os.homedir(), extra: env }),
        signal: context.signal,
      }),
  };
}

/** Runs a program and turns its exit into tool output. Rejects when it cannot start. */
export async function runCommand(
  program: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv; signal: AbortSignal },
): Promise<ToolOutput> {
  const run = await spawnCollect(program, { ...options, args, maxOutputBytes: MAX_OUTPUT_BYTES }).catch(
    (error: Error) => {
      throw new Error(`cannot run ${program}: ${error.message}`);
    },
  );
  if (run.code !== 0) {
    const detail = (run.stderr.trim() || run.stdout.trim()).slice(-STDERR_KEEP);
    const status = run.code === null ? `was killed (${run.signal})` : `exited with status ${run.code}`;
    return { value: `${path.basename(program)} ${status}${detail ? `:\n${detail}` : '.'}`, isError: true };
  }
  return { value: parseStdout(run.stdout) };
}

/** JSON stdout as JSON, anything else as text. */
export function parseStdout(stdout: string): JSONValue {
  const text = stdout.trim();
  if (text === '') return '(no output)';
  if (/^[[{"]|^-?\d|^(true|false|null)$/.test(text)) {
    try {
      return JSON.parse(text) as JSONValue;
    } catch {
      // not JSON after all
    }
  }
  return stdout.trimEnd();
}
