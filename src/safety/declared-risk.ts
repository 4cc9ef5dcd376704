/**
 * A risk judge from what a tool entry states about itself, for runs given no other judge: MCP
 * annotations of servers marked `trusted` in the config (the MCP spec says hints of other servers
 * are not to be trusted; `destructiveHint` defaults to true), the built-in file tools (reads are
 * read-only, writes in the workspace reversible, writes outside it — to a context path —
 * irreversible; `execute_command` inside the sandbox with no network can change only the workspace,
 * so it is reversible), and `unknown` for everything else.
 */
import path from 'node:path';
import type { ToolEntry } from '../tools/types.js';
import type { ToolRisk } from '../types/safety.js';
import type { RiskJudge } from './risk/types.js';

const READ_TOOLS = new Set(['read_file', 'list_directory', 'search_files']);
const WRITE_TOOLS = new Set(['write_file', 'edit_file']);
/** The origin of a sandboxed `execute_command` whose network is off (see workspace/command-tool.ts). */
const SANDBOXED = 'workspace (bubblewrap)';

/** What the judge knows of each agent. */
export interface DeclaredRiskSources {
  /** The MCP servers whose annotations are trusted. */
  trustedServers(agentId: string): ReadonlySet<string>;
  /** The agent's workspace, when it has one. */
  workspace(agentId: string): string | undefined;
}

/** The server name in an MCP entry's origin (`MCP server "name"`). */
function serverOf(entry: ToolEntry): string | undefined {
  return /^MCP server "([^"]+)"/.exec(entry.origin ?? '')?.[1];
}

function inside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function annotationRisk(entry: ToolEntry, server: string): ToolRisk {
  const a = entry.annotations ?? {};
  const openWorld = a.openWorldHint !== false;
  const from = `from trusted server "${server}"`;
  const risk = (level: ToolRisk['level'], reason: string): ToolRisk => ({
    level,
    openWorld,
    source: 'mcp-annotations',
    reason,
  });
  if (a.readOnlyHint === true) return risk('read-only', `readOnlyHint ${from}`);
  if (a.destructiveHint === false && a.idempotentHint === true) {
    return risk('reversible', `non-destructive, idempotent ${from}`);
  }
  return risk(
    'irreversible',
    a.destructiveHint === undefined ? `destructive by default ${from}` : `destructiveHint ${from}`,
  );
}

function builtInRisk(entry: ToolEntry, input: unknown, workspace: string | undefined): ToolRisk | undefined {
  const risk = (level: ToolRisk['level'], reason: string): ToolRisk => ({
    level,
    openWorld: false,
    source: 'built-in',
    reason,
  });
  if (READ_TOOLS.has(entry.name)) return risk('read-only', 'reads files');
  if (WRITE_TOOLS.has(entry.name)) {
    const target = (input as { path?: unknown } | undefined)?.path;
    if (workspace && typeof target === 'string' && !inside(path.resolve(workspace, target), workspace)) {
      return risk(
        'irreversible',
        'writes outside the workspace (a context path), where no snapshot restores it',
      );
    }
    return risk('reversible', 'writes in the workspace (snapshots exist)');
  }
  if (entry.name === 'execute_command' && entry.origin === SANDBOXED) {
    return risk(
      'reversible',
      'a command in the sandbox, where only the workspace is writable and there is no network',
    );
  }
  return undefined;
}

/** A judge that trusts the annotations of the servers the config marks `trusted` (per agent). */
export function declaredRiskJudge(sources: DeclaredRiskSources): RiskJudge {
  return {
    async judge(call, entry, context) {
      if (entry.source === 'workspace') {
        const known = builtInRisk(entry, call.input, sources.workspace(context.agentId));
        if (known) return known;
      }
      const server = entry.source === 'mcp' ? serverOf(entry) : undefined;
      if (server && sources.trustedServers(context.agentId).has(server)) return annotationRisk(entry, server);
      return { level: 'unknown', openWorld: true, source: 'default', reason: 'no evidence of what it does' };
    },
  };
}
