/**
 * One `custom_tools` entry after config validation, and its expansion into one spec per tool
 * (`function`, `name`, `description` and `preset_args` may be parallel lists, as in MassGen).
 */

/** A `custom_tools` entry. */
export interface CustomToolConfig {
  name?: string | string[];
  function?: string | string[];
  path?: string;
  category?: string;
  description?: string | string[];
  preset_args?: Record<string, unknown> | Array<Record<string, unknown>>;
  /** JSON Schema of the arguments (instead of one exported by the module; required-ish for commands). */
  parameters?: Record<string, unknown>;
  /** Command-line form: the program, then argument templates with `{param}` placeholders. */
  command?: Array<string | number>;
  cwd?: string;
  env?: Record<string, string | number | boolean>;
  timeout_seconds?: number;
  [key: string]: unknown;
}

/** The kind of an entry. */
export type CustomToolKind = 'module' | 'command' | 'python' | 'builtin';

const MODULE_EXT = /\.(m|c)?(j|t)s$/i;

/** Which form an entry uses: a JS/TS module, a command, a Python file or a MassGen built-in (no path). */
export function customToolKind(config: CustomToolConfig): CustomToolKind {
  if (config.command !== undefined) return 'command';
  if (config.path === undefined) return 'builtin';
  return MODULE_EXT.test(config.path) ? 'module' : 'python';
}

/** One tool of an entry. */
export interface CustomToolSpec {
  /** Tool name (before the `custom_tool__` prefix). */
  name: string;
  /** Export name (module form). */
  functionName: string;
  description?: string;
  presetArgs: Record<string, unknown>;
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The tools an entry declares (a command entry declares one). */
export function expandCustomTool(config: CustomToolConfig): CustomToolSpec[] {
  const functions = asList(config.function);
  const names = asList(config.name);
  const descriptions = asList(config.description);
  const presets = asList(config.preset_args);
  const count = config.command !== undefined ? 1 : functions.length;
  return Array.from({ length: count }, (_, i) => {
    const functionName = functions[i] ?? names[i] ?? 'tool';
    return {
      name: names[i] ?? functionName,
      functionName,
      description: descriptions[i] ?? (descriptions.length === 1 ? descriptions[0] : undefined),
      presetArgs: presets[i] ?? (presets.length === 1 ? presets[0]! : {}),
    };
  });
}
