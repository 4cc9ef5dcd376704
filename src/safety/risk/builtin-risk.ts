/**
 * What MassGen-TS's own tools do: file reads are read-only; writes inside the agent's own workspace
 * are reversible (its answers' snapshots restore it); writes to a `write` context path, or anywhere
 * else, are irreversible; `execute_command` is judged per command (command.ts); provider-native tools
 * (web search, code execution run by the provider) read the world and change nothing here.
 */

import { GENERATION_TOOLS } from '../../media/generation-tools.js';
import type { ToolEntry } from '../../tools/types.js';
import type { ToolCallRequest } from '../../types/agent-tools.js';
import type { ToolRisk } from '../../types/safety.js';
import { PATH_ARGS } from '../../workspace/file-tools.js';
import { canonicalPath, isInside } from '../../workspace/permissions.js';
import { analyseCommand } from './command.js';

/** The agent's workspace and context paths (absolute, canonical), as its workspace knows them. */
export interface RiskPaths {
  workspace: string;
  contextPaths: ReadonlyArray<{ path: string; permission: 'read' | 'write' }>;
}

const builtIn = (level: ToolRisk['level'], reason: string, openWorld = false): ToolRisk => ({
  level,
  openWorld,
  source: 'built-in',
  reason,
});

function fileToolRisk(call: ToolCallRequest, name: string, paths: RiskPaths | undefined): ToolRisk {
  const spec = PATH_ARGS[name]!;
  if (spec.access === 'read') return builtIn('read-only', `${name} only reads`);
  const raw = (call.input as Record<string, unknown> | undefined)?.[spec.arg];
  if (typeof raw !== 'string' || raw === '')
    return builtIn('reversible', `${name} without a path does nothing`);
  if (!paths) return builtIn('irreversible', `${name} writes ${raw}, and no workspace is known`);
  const target = canonicalPath(raw, paths.workspace);
  if (isInside(target, paths.workspace)) {
    return builtIn('reversible', `${name} writes inside the workspace (snapshots restore it)`);
  }
  const context = paths.contextPaths
    .filter((c) => isInside(target, c.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (context?.permission === 'write') {
    return builtIn(
      'irreversible',
      `${name} writes to the context path ${context.path} (no snapshot restores it)`,
    );
  }
  return builtIn('irreversible', `${name} writes outside the workspace (${target})`);
}

/** The risk of a built-in tool's call, or undefined when the entry is not a built-in tool. */
export function builtInRisk(
  call: ToolCallRequest,
  entry: ToolEntry,
  paths: RiskPaths | undefined,
  home: string | undefined,
): ToolRisk | undefined {
  if (entry.source === 'workflow') return builtIn('read-only', 'a coordination tool (answer, vote)');
  if (entry.source === 'provider') {
    return builtIn('read-only', `${entry.name} is a provider-native tool: it runs at the provider`, true);
  }
  if (entry.source !== 'workspace') return undefined;
  if (entry.name === 'execute_command') {
    const command = (call.input as { command?: unknown } | undefined)?.command;
    if (typeof command !== 'string')
      return builtIn('read-only', 'execute_command without a command does nothing');
    return analyseCommand(command, { workspace: paths?.workspace, home }).risk;
  }
  if (PATH_ARGS[entry.name]) return fileToolRisk(call, entry.name, paths);
  if (GENERATION_TOOLS.has(entry.name)) {
    return builtIn('reversible', `${entry.name} asks the provider for a new file in the workspace`, true);
  }
  return undefined;
}
