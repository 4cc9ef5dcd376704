/**
 * `allowed_tools` / `exclude_tools`: which MCP and custom tools an agent keeps. A pattern names a
 * tool by its exposed name (`mcp__files__read_file`, `custom_tool__add`) or by its bare name
 * (`read_file`, `add`). Workflow and provider-native tools are never filtered.
 */
import { sanitizeToolName } from './names.js';

/** Allow and deny lists; an empty or absent allow list allows everything. */
export interface ToolFilter {
  allowed?: readonly string[];
  exclude?: readonly string[];
}

/** What a filter looks at: the exposed name and the name at the tool's origin. */
export interface FilterableTool {
  name: string;
  originalName?: string;
}

/** Whether `pattern` names `tool`. */
export function toolMatches(tool: FilterableTool, pattern: string): boolean {
  return pattern === tool.name || pattern === tool.originalName || sanitizeToolName(pattern) === tool.name;
}

/** Whether a filter keeps `tool`. */
export function isToolAllowed(tool: FilterableTool, filter: ToolFilter): boolean {
  const allowed = filter.allowed ?? [];
  if (allowed.length > 0 && !allowed.some((p) => toolMatches(tool, p))) return false;
  return !(filter.exclude ?? []).some((p) => toolMatches(tool, p));
}

/** The tools a filter keeps, in order. */
export function applyToolFilter<T extends FilterableTool>(tools: readonly T[], filter: ToolFilter): T[] {
  return tools.filter((t) => isToolAllowed(t, filter));
}
