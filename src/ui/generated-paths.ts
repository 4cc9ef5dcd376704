/**
 * The generated files of a run per agent, as the terminal printers list them after the final answer:
 * paths in the presenter's workspace, once each.
 */
import path from 'node:path';
import { generatedFileOf } from '../events/generated-files.js';
import type { CoordinationEvent } from '../events/types.js';

/** Collects generated files per agent; `paths(agentId, workspace)` lists one agent's, once each. */
export function generatedFiles() {
  const byAgent = new Map<string, string[]>();
  return {
    see(event: CoordinationEvent): void {
      const found = generatedFileOf(event);
      if (!found) return;
      const files = byAgent.get(found.agentId) ?? [];
      if (!files.includes(found.file)) files.push(found.file);
      byAgent.set(found.agentId, files);
    },
    paths(agentId: string, workspace: string): string[] {
      return (byAgent.get(agentId) ?? []).map((f) => path.join(workspace, f));
    },
  };
}
