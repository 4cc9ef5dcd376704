/**
 * The attachments of a run: every file read and converted once, then planned for each agent in the
 * best form its wire API takes. A file that cannot be used throws an AttachmentError before any
 * agent starts.
 */
import path from 'node:path';
import type { TranscriptionModelV3 } from '@ai-sdk/provider';
import type { WireApi } from '../providers/catalog.js';
import { type AttachmentPart, needsText, planAttachment, takesNatively } from './plan.js';
import { readAttachment } from './read-attachment.js';
import type { AttachmentForm, AttachmentSource, PreparedAttachment, VideoSampling } from './types.js';
import { wireApiOf } from './wire-api.js';

/** What an agent needs for the plan: its id and backend type. */
export interface AttachmentAgent {
  id: string;
  backendType: string;
}

export interface RunAttachmentsInput {
  /** Files every agent gets (`--attach`, `@path`, the library's `attachments`). */
  shared: readonly AttachmentSource[];
  /** Files of one agent (its backend's `upload_files`), by agent id. */
  perAgent?: Readonly<Record<string, readonly AttachmentSource[]>>;
  agents: readonly AttachmentAgent[];
  cwd: string;
  /** Transcribes audio for agents whose backend cannot listen to it. */
  transcriptionModel?: TranscriptionModelV3;
  video?: Partial<VideoSampling>;
  signal?: AbortSignal;
}

/** What one agent got of one file (the `attachment` event). */
export interface AttachmentDelivery {
  agentId: string;
  name: string;
  path: string;
  form: AttachmentForm;
  mediaType: string;
  bytes: number;
}

export interface RunAttachments {
  /** The parts of each agent's user messages, by agent id (agents without files are absent). */
  parts: Map<string, AttachmentPart[]>;
  deliveries: AttachmentDelivery[];
  files: PreparedAttachment[];
}

/** Reads every file once and plans it for every agent that gets it. */
export async function prepareRunAttachments(input: RunAttachmentsInput): Promise<RunAttachments> {
  const perAgent = input.perAgent ?? {};
  const sourcesOf = (agentId: string) => [...input.shared, ...(perAgent[agentId] ?? [])];
  // Each file once, with the APIs of the agents that get it.
  const unique = new Map<string, { source: AttachmentSource; apis: Set<WireApi> }>();
  for (const agent of input.agents) {
    for (const source of sourcesOf(agent.id)) {
      const key = path.resolve(input.cwd, source.path);
      const entry = unique.get(key) ?? { source, apis: new Set<WireApi>() };
      entry.apis.add(wireApiOf(agent.backendType));
      unique.set(key, entry);
    }
  }
  const video: VideoSampling = {
    mode: input.video?.mode ?? 'uniform',
    maxFrames: input.video?.maxFrames ?? 8,
  };
  const files = new Map<string, PreparedAttachment>();
  await Promise.all(
    [...unique].map(async ([key, { source, apis }]) => {
      const list = [...apis];
      files.set(
        key,
        await readAttachment(source, {
          cwd: input.cwd,
          needsText: (kind, bytes) => needsText(list, kind, bytes),
          needsFrames: (bytes) => list.some((api) => !takesNatively(api, 'video', bytes)),
          transcriptionModel: input.transcriptionModel,
          video,
          signal: input.signal,
        }),
      );
    }),
  );
  const parts = new Map<string, AttachmentPart[]>();
  const deliveries: AttachmentDelivery[] = [];
  for (const agent of input.agents) {
    const seen = new Set<string>();
    const agentParts: AttachmentPart[] = [];
    for (const source of sourcesOf(agent.id)) {
      const key = path.resolve(input.cwd, source.path);
      if (seen.has(key)) continue;
      seen.add(key);
      const file = files.get(key)!;
      const planned = planAttachment(file, wireApiOf(agent.backendType), agent.backendType);
      agentParts.push(...planned.parts);
      deliveries.push({
        agentId: agent.id,
        name: file.name,
        path: file.path,
        form: planned.form,
        mediaType: file.mediaType,
        bytes: planned.bytes,
      });
    }
    if (agentParts.length > 0) parts.set(agent.id, agentParts);
  }
  return { parts, deliveries, files: [...files.values()] };
}
