/** Reads one attachment once: its bytes, its kind (refusing unknown and oversized files), its text form. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { TranscriptionModelV3 } from '@ai-sdk/provider';
import { errorText } from '../error-text.js';
import { noTranscriptNote, transcribeAudio } from './convert-audio.js';
import { hasFfmpeg, noFramesNote, sampleFrames } from './convert-video.js';
import { detectKind, expectedKind } from './detect.js';
import { AttachmentError } from './errors.js';
import { MAX_ATTACHMENT_BYTES, sizeText } from './limits.js';
import type { AttachmentKind, AttachmentSource, PreparedAttachment, VideoSampling } from './types.js';

/** What the reading needs to know: which forms some agent will want, and how to make them. */
export interface ReadOptions {
  cwd: string;
  /** Whether some agent needs the text form of a file of this kind and size (audio is transcribed only then). */
  needsText: (kind: AttachmentKind, bytes: number) => boolean;
  /** Whether some agent needs frames of a video of this size (a backend without native video, or over its limit). */
  needsFrames: (bytes: number) => boolean;
  transcriptionModel?: TranscriptionModelV3;
  video: VideoSampling;
  signal?: AbortSignal;
}

const SUPPORTED =
  'images (PNG, JPEG, GIF, WebP), PDF, .docx, .xlsx, .csv, .pptx, audio (WAV, MP3, FLAC, OGG, M4A), video (MP4, MOV, WebM) and text files';

/** Converts a document to text; a failure means the file is corrupt. */
async function documentText(
  kind: AttachmentKind,
  data: Uint8Array,
  mediaType: string,
): Promise<string | undefined> {
  switch (kind) {
    case 'pdf':
      return (await import('./convert-pdf.js')).pdfToText(data);
    case 'docx':
      return (await import('./convert-docx.js')).docxToMarkdown(data);
    case 'xlsx':
      return (await import('./convert-sheet.js')).xlsxToMarkdown(data);
    case 'csv':
      return (await import('./convert-sheet.js')).csvToMarkdown(data, mediaType);
    case 'pptx':
      return (await import('./convert-pptx.js')).pptxToText(data);
    case 'text':
      return new TextDecoder('utf-8').decode(data);
    default:
      return undefined;
  }
}

const KIND_NAMES: Record<AttachmentKind, string> = {
  image: 'image',
  pdf: 'PDF',
  docx: 'Word document',
  xlsx: 'Excel workbook',
  csv: 'CSV file',
  pptx: 'PowerPoint presentation',
  audio: 'audio file',
  video: 'video file',
  text: 'text file',
};

/** Reads and converts one file. Throws an AttachmentError naming the file and the reason. */
export async function readAttachment(
  source: AttachmentSource,
  options: ReadOptions,
): Promise<PreparedAttachment> {
  const file = path.resolve(options.cwd, source.path);
  const fail = (reason: string, fix?: string) => new AttachmentError(file, reason, fix, source.origin);
  if (/^https?:\/\//i.test(source.path)) {
    throw new AttachmentError(
      source.path,
      'URLs are not taken as attachments',
      'download the file and give its path',
      source.origin,
    );
  }
  const info = await stat(file).catch(() => undefined);
  if (!info)
    throw fail('no such file', 'check the path (relative paths are relative to the working directory)');
  if (!info.isFile()) throw fail('not a file');
  if (info.size > MAX_ATTACHMENT_BYTES) {
    throw fail(
      `${sizeText(info.size)} is over the ${sizeText(MAX_ATTACHMENT_BYTES)} attachment limit`,
      'give a smaller file',
    );
  }
  if (info.size === 0) throw fail('the file is empty');
  const data = new Uint8Array(await readFile(file));
  const ext = path.extname(file);
  const detected = detectKind(data, ext);
  const expected = expectedKind(ext);
  if (!detected) {
    throw expected
      ? fail(
          `not a valid ${KIND_NAMES[expected]} (its content does not match the ${ext} extension)`,
          'check that the file is not damaged',
        )
      : fail(`unknown file type${ext ? ` (${ext})` : ''}`, `attachments may be ${SUPPORTED}`);
  }
  const prepared: PreparedAttachment = {
    path: file,
    name: path.basename(file),
    kind: detected.kind,
    mediaType: detected.mediaType,
    data,
  };
  try {
    // Documents are always converted: a corrupt one is found before any agent starts.
    prepared.text = await documentText(detected.kind, data, detected.mediaType);
  } catch (error) {
    throw fail(
      `not a readable ${KIND_NAMES[detected.kind]} (${errorText(error)})`,
      'check that the file is not damaged or password-protected',
    );
  }
  if (detected.kind === 'audio' && options.needsText('audio', data.byteLength)) {
    prepared.text = options.transcriptionModel
      ? await transcribeAudio(options.transcriptionModel, data, options.signal).catch((error: unknown) => {
          throw fail(`the transcription failed (${errorText(error)})`);
        })
      : noTranscriptNote(prepared.name);
  }
  if (detected.kind === 'video' && options.needsFrames(data.byteLength)) {
    if (await hasFfmpeg()) {
      prepared.frames = await sampleFrames(data, options.video, options.signal).catch((error: unknown) => {
        throw fail(`not a readable video file (ffmpeg: ${errorText(error)})`);
      });
    } else prepared.text = noFramesNote(prepared.name);
  }
  return prepared;
}
