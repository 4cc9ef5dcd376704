/**
 * Tool names as the model sees them. Providers accept `[A-Za-z0-9_-]`, at most 64 characters (the
 * strictest limit, Gemini's and OpenAI's), so every exposed name is made to fit. MCP tools are
 * `mcp__<server>__<tool>` and custom tools `custom_tool__<name>`, as in MassGen.
 */
import { createHash } from 'node:crypto';

/** Longest tool name every provider accepts. */
export const MAX_TOOL_NAME_LENGTH = 64;

export const MCP_PREFIX = 'mcp__';
export const CUSTOM_PREFIX = 'custom_tool__';

/** `name` with every character outside `[A-Za-z0-9_-]` replaced by `_`, shortened with a hash to 64. */
export function sanitizeToolName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
  if (clean.length <= MAX_TOOL_NAME_LENGTH) return clean;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${clean.slice(0, MAX_TOOL_NAME_LENGTH - 9)}_${hash}`;
}

/** Exposed name of tool `tool` of MCP server `server`. */
export function mcpToolName(server: string, tool: string): string {
  return sanitizeToolName(`${MCP_PREFIX}${server}__${tool}`);
}

/** Exposed name of custom tool `name`. */
export function customToolName(name: string): string {
  return sanitizeToolName(`${CUSTOM_PREFIX}${name}`);
}

/** `name`, or `name_2`, `name_3`, … — the first one not in `taken` (kept within 64 characters). */
export function uniqueToolName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${name.slice(0, MAX_TOOL_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
