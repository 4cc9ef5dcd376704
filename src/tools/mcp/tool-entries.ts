/**
 * An MCP server's tools as registry entries: `mcp__<server>__<tool>` names, the server's
 * `allowed_tools` / `exclude_tools`, the tools' annotations kept.
 */
import { applyToolFilter } from '../filter.js';
import { mcpToolName } from '../names.js';
import type {
  JsonSchemaObject,
  ToolAnnotations,
  ToolEntry,
  ToolExecutionContext,
  ToolOutput,
} from '../types.js';
import type { McpServerConfig } from './server-config.js';

/** A tool as `tools/list` describes it (the fields read here). */
export interface McpToolInfo {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  annotations?: ToolAnnotations;
}

export type McpCall = (tool: string, input: unknown, context: ToolExecutionContext) => Promise<ToolOutput>;

/** The schema sent to the model: an object schema without `$schema`. */
export function modelInputSchema(schema: Record<string, unknown> | undefined): JsonSchemaObject {
  const { $schema: _ignored, ...rest } = schema ?? {};
  return { ...rest, type: 'object', properties: (rest.properties as Record<string, unknown>) ?? {} };
}

/** Entries for a server's tools, filtered by the server's own lists. */
export function mcpToolEntries(
  server: McpServerConfig,
  tools: readonly McpToolInfo[],
  timeoutMs: number,
  call: McpCall,
): ToolEntry[] {
  const entries: ToolEntry[] = tools.map((tool) => ({
    name: mcpToolName(server.name, tool.name),
    originalName: tool.name,
    description: tool.description ?? tool.title ?? tool.annotations?.title ?? tool.name,
    inputSchema: modelInputSchema(tool.inputSchema),
    source: 'mcp',
    ...(tool.annotations ? { annotations: tool.annotations } : {}),
    timeoutMs,
    origin: `MCP server "${server.name}"`,
    server: server.name,
    execute: (input, context) => call(tool.name, input, context),
  }));
  return applyToolFilter(entries, { allowed: server.allowed_tools, exclude: server.exclude_tools });
}
