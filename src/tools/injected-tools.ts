/**
 * Tools a library caller gives an agent as an AI SDK `ToolSet` (`streamRun(config, { tools: { a:
 * { name: tool({…}) } } })`): each becomes a custom tool entry of the agent's registry, run through
 * the one execution path (events, timeout, permission hooks) like a tool of the config.
 */
import type { ToolSet } from 'ai';
import { ConfigError } from '../errors.js';
import { toJsonValue } from './custom/module-tools.js';
import { parameterSchema } from './custom/parameter-schema.js';
import type { ToolEntry, ToolOutput } from './types.js';

/** The entries of an agent's given tools. Throws a ConfigError for a tool without `execute`. */
export async function injectedToolEntries(
  agentId: string,
  set: ToolSet,
  timeoutMs: number,
): Promise<ToolEntry[]> {
  return Promise.all(
    Object.entries(set).map(async ([name, tool]): Promise<ToolEntry> => {
      const execute = tool.execute;
      if (!execute) {
        throw new ConfigError(
          `tools.${agentId}.${name}: the tool has no execute function; give one so the agent can run it.`,
        );
      }
      const schema = await parameterSchema(tool.inputSchema);
      return {
        name,
        originalName: name,
        description: tool.description ?? '',
        inputSchema: schema?.jsonSchema ?? { type: 'object', properties: {} },
        source: 'custom',
        timeoutMs,
        origin: `tool "${name}" given to agent ${agentId}`,
        execute: async (input, context): Promise<ToolOutput> => {
          let args = input;
          if (schema?.validate) {
            const checked = await schema.validate(input);
            if (!checked.ok) return { value: `Invalid arguments: ${checked.message}`, isError: true };
            args = checked.value;
          }
          const result = await execute(args, {
            toolCallId: context.toolCallId,
            messages: [],
            abortSignal: context.signal,
          });
          return { value: toJsonValue(await lastValue(result)) };
        },
      };
    }),
  );
}

/** A tool's result; for a streaming tool (an async iterable of partial outputs), its last output. */
async function lastValue(result: unknown): Promise<unknown> {
  if (typeof result !== 'object' || result === null || !(Symbol.asyncIterator in result)) return result;
  let last: unknown;
  for await (const part of result as AsyncIterable<unknown>) last = part;
  return last;
}
