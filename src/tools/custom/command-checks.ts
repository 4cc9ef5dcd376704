/**
 * The checks a command-line custom tool makes before it runs its program: the arguments match the
 * tool's JSON Schema (its `parameters`, else one required string per placeholder), and no value
 * becomes an option of the program — a value that would start an argument with `-` is refused,
 * unless the placeholder comes after a `--` in `command` (the end of the program's options).
 */
import { errorText } from '../../error-text.js';
import type { ToolEntry } from '../types.js';
import { commandSchema, commandToolEntry, expandArgs, placeholders } from './command-tool.js';
import { type CustomToolContext, fail } from './module-tools.js';
import { jsonSchemaValidator } from './parameter-schema.js';
import { withPresetArgs } from './preset-args.js';
import { type CustomToolConfig, expandCustomTool } from './tool-config.js';

/** A placeholder whose value would become an option, and that value. */
export interface OptionLikeValue {
  param: string;
  value: string;
}

/**
 * The first placeholder whose value would make an argument start with `-` where the template
 * itself does not (so the program would read it as an option), or undefined. Templates after a
 * literal `--` are not checked: the program reads them as operands.
 */
export function optionLikeValue(
  templates: readonly string[],
  values: Record<string, unknown>,
): OptionLikeValue | undefined {
  for (const template of templates) {
    if (template === '--') return undefined;
    if (template.startsWith('-')) continue;
    const names = placeholders([template]);
    if (names.length === 0) continue;
    const dashed = expandArgs([template], values).find((arg) => arg.startsWith('-'));
    if (dashed === undefined) continue;
    // The placeholder the dash came from: the first whose own value starts with it.
    const param =
      names.find((n) => expandArgs([`{${n}}`], values).some((a) => a.startsWith('-'))) ?? names[0]!;
    return { param, value: dashed };
  }
  return undefined;
}

/**
 * The entry of a command-form `custom_tools` entry with its argument checks. Throws a
 * CustomToolError (a config error) when its `parameters` is not a usable JSON Schema.
 */
export async function checkedCommandToolEntry(
  config: CustomToolConfig,
  ctx: CustomToolContext,
): Promise<ToolEntry> {
  const entry = commandToolEntry(config, ctx);
  const [program, ...templates] = (config.command ?? []).map(String);
  const spec = expandCustomTool(config)[0]!;
  let validate: Awaited<ReturnType<typeof jsonSchemaValidator>>;
  try {
    validate = await jsonSchemaValidator(commandSchema(config, templates));
  } catch (error) {
    fail(
      ctx,
      'parameters',
      `not a usable JSON Schema: ${errorText(error)}`,
      'fix the schema, or remove `parameters`',
    );
  }
  const run = entry.execute!;
  return {
    ...entry,
    execute: async (input, context) => {
      const args = withPresetArgs(input, spec.presetArgs);
      const checked = validate(args);
      if (!checked.ok) {
        return {
          value: `Invalid arguments for ${entry.name}: ${checked.message}. Call it again with arguments that match its schema.`,
          isError: true,
        };
      }
      const option = optionLikeValue(templates, args);
      if (option) {
        return {
          value: `Refused: the value of "${option.param}" (${JSON.stringify(option.value.slice(0, 80))}) starts with "-", so ${program} would read it as an option. Give a value that does not start with "-" (for a file, write ./ before its name).`,
          isError: true,
        };
      }
      return run(input, context);
    },
  };
}
