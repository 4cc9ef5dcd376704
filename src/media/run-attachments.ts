/**
 * The attachments of a run: every file read and converted once, then planned for each agent in the
 * best form its wire API takes. A file that cannot be used throws an AttachmentError before any
 * agent starts.
 */
import path from 'node:path';
import type { TranscriptionModelV3 } from '@ai-sdk/provider';
import { isUrl } from './fetch-url.js';
import { type AttachmentPart, type MediaTarget, needsText, planAttachment, takesNatively } from './plan.js';
import { readAttachment } from './read-attachment.js';
import type { AttachmentForm, AttachmentSource, PreparedAttachment, VideoSampling } from './types.js';
import { wireApiOf } from './wire-api.js';

/** What an agent needs for the plan: its id, backend type and model. */
export interface AttachmentAgent {
  /** The agent's id, or `agent/member` for a member of a team or nested chat. */
  id: string;
  backendType: string;
  /** Some models take more natively (OpenAI's audio models on Chat Completions). */
  model?: string;
  /** For a member of a team or nested chat: the agent it belongs to (its events name that agent). */
  owner?: string;
  /** For a member of a team or nested chat: its id inside the chat. */
  member?: string;
}

export interface RunAttachmentsInput {
  /** Files every agent gets (`--attach`, `@path`, the library's `attachments`). */
  shared: readonly AttachmentSource[];
  /** Files of one agent (its backend's `upload_files`), by agent id. */
  perAgent?: Readonly<Record<string, readonly AttachmentSource[]>>;
  agents: readonly AttachmentAgent[];
  cwd: string;
  /**
   * Transcribes audio for agents whose backend cannot listen to it; a function is called (once) only
   * when some audio needs a transcript.
   */
  transcriptionModel?: TranscriptionModelV3 | (() => Promise<TranscriptionModelV3>);
  video?: Partial<VideoSampling>;
  /** Every PDF's pages also as images for the agents that get it as text. */
  pdfPagesAsImages?: boolean;
  /** Limit of fetching one URL, in milliseconds (default 30 s). */
  urlTimeoutMs?: number;
  signal?: AbortSignal;
}

/** What one agent got of one file (the `attachment` event). */
export interface AttachmentDelivery {
  agentId: string;
  /** The member of the agent's team or nested chat that got it. */
  member?: string;
  name: string;
  path: string;
  form: AttachmentForm;
  mediaType: string;
  bytes: number;
}

export interface RunAttachments {
  /**
   * The parts of each agent's user messages, by agent id, or by `agent/member` for the members of a
   * team or nested chat (agents without files are absent).
   */
  parts: Map<string, AttachmentPart[]>;
  deliveries: AttachmentDelivery[];
  files: PreparedAttachment[];
}

/** Reads every file once and plans it for every agent that gets it. */
export async function prepareRunAttachments(input: RunAttachmentsInput): Promise<RunAttachments> {
  const perAgent = input.perAgent ?? {};
  const sourcesOf = (agentId: string) => [...input.shared, ...(perAgent[agentId] ?? [])];
  const targetOf = (agent: AttachmentAgent): MediaTarget => ({
    api: wireApiOf(agent.backendType),
    model: agent.model,
  });
  // Each file once, with the agents that get it; its pages are rendered when any source asks.
  const unique = new Map<string, { source: AttachmentSource; targets: MediaTarget[] }>();
  for (const agent of input.agents) {
    for (const source of sourcesOf(agent.id)) {
      const key = keyOf(input.cwd, source.path);
      const entry = unique.get(key) ?? { source: { ...source }, targets: [] };
      if (source.pagesAsImages) entry.source.pagesAsImages = true;
      entry.targets.push(targetOf(agent));
      unique.set(key, entry);
    }
  }
  const transcriber = lazyTranscriber(input.transcriptionModel);
  const video: VideoSampling = {
    mode: input.video?.mode ?? 'uniform',
    maxFrames: input.video?.maxFrames ?? 8,
  };
  const files = new Map<string, PreparedAttachment>();
  await Promise.all(
    [...unique].map(async ([key, { source, targets }]) => {
      files.set(
        key,
        await readAttachment(source, {
          cwd: input.cwd,
          needsText: (kind, bytes, mediaType) => needsText(targets, kind, bytes, mediaType),
          needsFrames: (bytes) => targets.some((t) => !takesNatively(t, 'video', bytes)),
          needsPages: (bytes) => targets.some((t) => !takesNatively(t, 'pdf', bytes)),
          pdfPagesAsImages: input.pdfPagesAsImages,
          urlTimeoutMs: input.urlTimeoutMs,
          transcriptionModel: transcriber,
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
      const key = keyOf(input.cwd, source.path);
      if (seen.has(key)) continue;
      seen.add(key);
      const file = files.get(key)!;
      const planned = planAttachment(file, targetOf(agent), agent.backendType);
      agentParts.push(...planned.parts);
      deliveries.push({
        agentId: agent.owner ?? agent.id,
        ...(agent.member ? { member: agent.member } : {}),
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

/** One key per file: a URL as given, a path made absolute. */
function keyOf(cwd: string, source: string): string {
  return isUrl(source) ? source : path.resolve(cwd, source);
}

/** The transcription model, made at most once and only when first asked for. */
function lazyTranscriber(
  model: RunAttachmentsInput['transcriptionModel'],
): (() => Promise<TranscriptionModelV3>) | undefined {
  if (!model) return undefined;
  if (typeof model !== 'function') return () => Promise.resolve(model);
  let made: Promise<TranscriptionModelV3> | undefined;
  return () => {
    made ??= model();
    return made;
  };
}
