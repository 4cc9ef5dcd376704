/**
 * `read_media` (`enable_multimodal_tools: true`): the agent looks at an image, listens to audio,
 * watches a video or reads a document it can read (its workspace, peers' snapshots, context paths;
 * the workspace's one permission check applies). The file is converted as attachments are and
 * comes back in the best form the agent's wire API takes in a tool result: images and video frames
 * as image parts (OpenAI Responses, Anthropic, Gemini), audio as audio on Gemini, otherwise the text.
 */
import type { TranscriptionModelV3 } from '@ai-sdk/provider';
import { errorText } from '../error-text.js';
import type { ToolEntry, ToolOutput } from '../tools/types.js';
import type { ToolMedia } from '../types/agent-tools.js';
import { allowedPath } from '../workspace/file-tools.js';
import type { PathPolicy } from '../workspace/permissions.js';
import { readAttachment } from './read-attachment.js';
import { resultMediaOf } from './tool-media.js';
import type { VideoSampling } from './types.js';

export interface ReadMediaOptions {
  policy: PathPolicy;
  backendType: string;
  timeoutMs: number;
  transcriptionModel?: TranscriptionModelV3;
  video?: VideoSampling;
}

const b64 = (data: Uint8Array) => Buffer.from(data).toString('base64');

/** The `read_media` tool of an agent with a workspace. */
export function readMediaToolEntry(options: ReadMediaOptions): ToolEntry {
  const takes = resultMediaOf(options.backendType);
  return {
    name: 'read_media',
    description:
      'Look at an image, listen to an audio file, watch a video (sampled frames) or read a document (PDF, .docx, .xlsx, .csv, .pptx, text) that you can read.',
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string', description: 'The file (relative paths: your workspace).' } },
      required: ['path'],
      additionalProperties: false,
    },
    source: 'workspace',
    timeoutMs: options.timeoutMs,
    origin: 'media',
    async execute(input, context): Promise<ToolOutput> {
      const target = allowedPath(options.policy, 'read_media', input);
      let file: Awaited<ReturnType<typeof readAttachment>>;
      try {
        file = await readAttachment(
          { path: target },
          {
            cwd: options.policy.workspace,
            needsText: (kind) => kind !== 'audio' || !takes.audio,
            needsFrames: () => takes.image,
            transcriptionModel: options.transcriptionModel,
            video: options.video ?? { mode: 'uniform', maxFrames: 8 },
            signal: context.signal,
          },
        );
      } catch (error) {
        return { value: errorText(error), isError: true };
      }
      const head = `${file.name} (${file.mediaType}, ${file.data.byteLength} bytes)`;
      let media: ToolMedia[] = [];
      if (file.kind === 'image' && takes.image)
        media = [{ type: 'image', mediaType: file.mediaType, data: b64(file.data) }];
      if (file.kind === 'video' && takes.image && file.frames?.length)
        media = file.frames.map((f) => ({ type: 'image', mediaType: 'image/jpeg', data: b64(f) }));
      if (file.kind === 'audio' && takes.audio)
        media = [{ type: 'audio', mediaType: file.mediaType, data: b64(file.data) }];
      if (media.length > 0) {
        const what = file.kind === 'video' ? `${media.length} frames sampled from it follow` : 'it follows';
        return { value: `${head}: ${what}.`, media };
      }
      if (file.kind === 'image') return { value: `${head}: this model cannot see images in tool results.` };
      return { value: `${head}:\n${file.text ?? '(no text)'}` };
    },
  };
}
