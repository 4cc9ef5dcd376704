/** Reads one attachment once: its bytes, its kind (refusing unknown and oversized files), its text form. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { TranscriptionModelV3 } from '@ai-sdk/provider';
import { errorText } from '../error-text.js';
import { noTranscriptNote, transcribeAudio } from './convert-audio.js';
import { hasFfmpeg, noFramesNote, sampleFrames } from './convert-video.js';
import { detectKind, expectedKind } from './detect.js';
import { AttachmentError } from './errors.js';
import { fetchUrl, isUrl, shownUrl } from './fetch-url.js';
import { MAX_ATTACHMENT_BYTES, sizeText } from './limits.js';
import type { AttachmentKind, AttachmentSource, PreparedAttachment, VideoSampling } from './types.js';

/** What the reading needs to know: which forms some agent will want, and how to make them. */
export interface ReadOptions {
  cwd: string;
  /** Whether some agent needs the text form of a file of this kind, size and type (audio is transcribed only then). */
  needsText: (kind: AttachmentKind, bytes: number, mediaType: string) => boolean;
  /** Whether some agent needs frames of a video of this size (a backend without native video, or over its limit). */
  needsFrames: (bytes: number) => boolean;
  /** Whether some agent gets a PDF of this size as text (its page images go with the text, when asked for). */
  needsPages?: (bytes: number) => boolean;
  /** Every PDF's pages as images, not only those of sources that ask (`media_input.pdf_pages_as_images`). */
  pdfPagesAsImages?: boolean;
  /** Limit of fetching one URL, in milliseconds (default 30 s). */
  urlTimeoutMs?: number;
  /** The model that transcribes audio (made when first needed: a missing key fails only then). */
  transcriptionModel?: TranscriptionModelV3 | (() => Promise<TranscriptionModelV3>);
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
  const loaded = isUrl(source.path) ? await download(source, options) : await readLocal(source, options);
  const { file, data, ext } = loaded;
  const fail = (reason: string, fix?: string) => new AttachmentError(file, reason, fix, source.origin);
  const detected = detectKind(data, ext);
  const expected = expectedKind(ext);
  if (!detected) {
    throw expected
      ? fail(
          `not a valid ${KIND_NAMES[expected]} (its content does not match the ${ext} extension)`,
          'check that the file is not damaged',
        )
      : fail(`unknown file type${typeNote(loaded)}`, `attachments may be ${SUPPORTED}`);
  }
  const prepared: PreparedAttachment = {
    path: file,
    name: loaded.name,
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
  if (detected.kind === 'audio' && options.needsText('audio', data.byteLength, detected.mediaType)) {
    const given = options.transcriptionModel;
    const model = typeof given === 'function' ? await given() : given;
    prepared.text = model
      ? await transcribeAudio(model, data, options.signal).catch((error: unknown) => {
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
  if (
    detected.kind === 'pdf' &&
    (source.pagesAsImages || options.pdfPagesAsImages) &&
    (options.needsPages?.(data.byteLength) ?? true)
  ) {
    const { pdfPageImages } = await import('./convert-pdf-pages.js');
    prepared.pages = await pdfPageImages(data, undefined, options.signal).catch((error: unknown) => {
      throw fail(`its pages could not be rendered as images (${errorText(error)})`);
    });
  }
  return prepared;
}

/** A file's bytes, with what names it. */
interface Loaded {
  /** Absolute path, or the URL as shown. */
  file: string;
  name: string;
  /** Extension with the dot (a URL's may come from its declared type). */
  ext: string;
  data: Uint8Array;
  /** The media type a server declared for a URL. */
  contentType?: string;
}

/** ` (.xyz)`, ` (served as text/x-foo)`, both or nothing. */
function typeNote(loaded: Loaded): string {
  const notes = [loaded.ext, loaded.contentType && `served as ${loaded.contentType}`].filter(Boolean);
  return notes.length > 0 ? ` (${notes.join(', ')})` : '';
}

/** A local file, refused when missing, empty or over the attachment limit. */
async function readLocal(source: AttachmentSource, options: ReadOptions): Promise<Loaded> {
  const file = path.resolve(options.cwd, source.path);
  const fail = (reason: string, fix?: string) => new AttachmentError(file, reason, fix, source.origin);
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
  return { file, name: path.basename(file), ext: path.extname(file), data };
}

/** An http(s) URL, fetched within the size limit and the timeout. */
async function download(source: AttachmentSource, options: ReadOptions): Promise<Loaded> {
  const fetched = await fetchUrl(source.path, {
    maxBytes: MAX_ATTACHMENT_BYTES,
    timeoutMs: options.urlTimeoutMs,
    signal: options.signal,
    origin: source.origin,
  });
  const file = shownUrl(source.path);
  if (fetched.data.byteLength === 0)
    throw new AttachmentError(file, 'the download is empty', undefined, source.origin);
  return {
    file,
    name: fetched.name,
    ext: fetched.extension,
    data: fetched.data,
    contentType: fetched.contentType,
  };
}
