/** Agent tools for tests: a registry holding one custom tool with one string argument. */
import { ToolRegistry } from '../../src/tools/registry.js';

export interface OneTool {
  /** The name the model sees, e.g. `custom_tool__lookup`. */
  name: string;
  description: string;
  /** The tool's one (string) argument. */
  param: string;
  /** The result text for the call's argument. */
  respond: (value: string) => string;
}

/** The tools of `agentId`: only `tool`. */
export function oneToolRegistry(agentId: string, tool: OneTool): ToolRegistry {
  const registry = new ToolRegistry({ agentId });
  registry.add([
    {
      name: tool.name,
      description: tool.description,
      inputSchema: { type: 'object', properties: { [tool.param]: { type: 'string' } } },
      source: 'custom',
      timeoutMs: 1000,
      execute: async (input) => ({
        value: tool.respond(String((input as Record<string, unknown>)[tool.param])),
      }),
    },
  ]);
  return registry;
}

/** `custom_tool__lookup(q)`, answering `respond(q)`. */
export const lookupTool = (respond: (q: string) => string): OneTool => ({
  name: 'custom_tool__lookup',
  description: 'Look something up.',
  param: 'q',
  respond,
});
