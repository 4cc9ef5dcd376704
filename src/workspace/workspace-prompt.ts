/** The part of an agent's system message that tells it where its files are and what it may touch. */
import type { ToolEntry } from '../tools/types.js';
import type { PathPolicy } from './permissions.js';
import { formatBytes } from './tree-copy.js';

/** Tells the agent its workspace, where peers' files are and what the context paths allow. */
export function workspacePrompt(
  policy: PathPolicy,
  entries: readonly ToolEntry[],
  sandboxed: boolean,
  maxBytes: number,
): string {
  const tools = entries.map((e) => e.name).join(', ');
  const lines = [
    '## Workspace',
    `Your workspace is ${policy.workspace}: create and edit your files there with your file tools (${tools}). Relative paths resolve against it.`,
    `When your answer is accepted, your workspace is snapshotted and shared with the other agents; it may hold at most ${formatBytes(maxBytes)} of files.`,
    `The files of the other agents' latest answers are in ${policy.peerRoot}/<label>/, where <label> is the agent label of their answers (agent1, agent2, …). They are read-only: copy what you need into your workspace.`,
  ];
  if (entries.some((e) => e.name === 'execute_command')) {
    lines.push(
      sandboxed
        ? 'execute_command runs in your workspace, sandboxed: only the workspace is writable, HOME is the workspace and there is no network.'
        : 'execute_command runs in your workspace WITHOUT a sandbox.',
    );
  }
  for (const c of policy.contextPaths) {
    const rule =
      c.permission === 'write'
        ? 'read-only while answering; writable if you present the final answer'
        : 'read-only';
    const prot = c.protectedPaths.length > 0 ? `; never writable: ${c.protectedPaths.join(', ')}` : '';
    lines.push(`Context path ${c.path}: ${rule}${prot}.`);
  }
  lines.push('Any other path is off limits.');
  return lines.join('\n');
}
