/**
 * The files generation tools made, read from `tool-result` events: a successful result whose value
 * names a `file` with its `mode` (image, audio, video) and `bytes` (src/media/generation-output.ts).
 * Displays list the presenter's after the final answer, in its workspace.
 */
import path from 'node:path';
import type { CoordinationEvent } from './types.js';

/** One generated file. */
export interface GeneratedFile {
  agentId: string;
  /** File name in the agent's workspace. */
  file: string;
  mode: 'image' | 'audio' | 'video';
}

/** The generated file a `tool-result` event reports, if it reports one. */
export function generatedFileOf(event: CoordinationEvent): GeneratedFile | undefined {
  if (event.type !== 'tool-result' || event.isError) return undefined;
  const value = event.output as { file?: unknown; mode?: unknown; bytes?: unknown } | null;
  if (typeof value !== 'object' || value === null) return undefined;
  const { file, mode, bytes } = value;
  if (typeof file !== 'string' || typeof bytes !== 'number') return undefined;
  if (mode !== 'image' && mode !== 'audio' && mode !== 'video') return undefined;
  return { agentId: event.agentId, file, mode };
}

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
