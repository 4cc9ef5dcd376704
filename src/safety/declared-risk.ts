/**
 * A risk judge from what a tool entry states about itself, for runs given no other judge: MCP
 * annotations of servers marked `trusted` in the config (the MCP spec says hints of other servers
 * are not to be trusted; `destructiveHint` defaults to true), the built-in file tools (reads are
 * read-only, writes in the workspace reversible; `execute_command` inside the sandbox with no network
 * can change only the workspace, so it is reversible), and `unknown` for everything else.
 */
import type { ToolEntry } from '../tools/types.js';
import type { ToolRisk } from '../types/safety.js';
import type { RiskJudge } from './risk/types.js';

const READ_TOOLS = new Set(['read_file', 'list_directory', 'search_files']);
const WRITE_TOOLS = new Set(['write_file', 'edit_file']);
/** The origin of a sandboxed `execute_command` whose network is off (see workspace/command-tool.ts). */
const SANDBOXED = 'workspace (bubblewrap)';

/** The server name in an MCP entry's origin (`MCP server "name"`). */
function serverOf(entry: ToolEntry): string | undefined {
  return /^MCP server "([^"]+)"/.exec(entry.origin ?? '')?.[1];
}

function annotationRisk(entry: ToolEntry, server: string): ToolRisk {
  const a = entry.annotations ?? {};
  const openWorld = a.openWorldHint !== false;
  const from = `from trusted server "${server}"`;
  if (a.readOnlyHint === true)
    return { level: 'read-only', openWorld, source: 'mcp-annotations', reason: `readOnlyHint ${from}` };
  if (a.destructiveHint === false && a.idempotentHint === true) {
    return {
      level: 'reversible',
      openWorld,
      source: 'mcp-annotations',
      reason: `non-destructive, idempotent ${from}`,
    };
  }
  return {
    level: 'irreversible',
    openWorld,
    source: 'mcp-annotations',
    reason: a.destructiveHint === undefined ? `destructive by default ${from}` : `destructiveHint ${from}`,
  };
}

/** A judge that trusts the annotations of the servers named in `trusted` (per agent). */
export function declaredRiskJudge(trustedServers: (agentId: string) => ReadonlySet<string>): RiskJudge {
  return {
    async judge(_call, entry, context) {
      if (entry.source === 'workspace' && READ_TOOLS.has(entry.name)) {
        return { level: 'read-only', openWorld: false, source: 'built-in', reason: 'reads files' };
      }
      if (entry.source === 'workspace' && WRITE_TOOLS.has(entry.name)) {
        return {
          level: 'reversible',
          openWorld: false,
          source: 'built-in',
          reason: 'writes files (snapshots exist)',
        };
      }
      if (entry.source === 'workspace' && entry.name === 'execute_command' && entry.origin === SANDBOXED) {
        return {
          level: 'reversible',
          openWorld: false,
          source: 'built-in',
          reason: 'a command in the sandbox, which only the workspace is writable in and has no network',
        };
      }
      const server = entry.source === 'mcp' ? serverOf(entry) : undefined;
      if (server && trustedServers(context.agentId).has(server)) return annotationRisk(entry, server);
      return { level: 'unknown', openWorld: true, source: 'default', reason: 'no evidence of what it does' };
    },
  };
}
