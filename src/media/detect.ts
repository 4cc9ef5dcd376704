/** What a file is, from its first bytes (magic numbers) and, where bytes say too little, its extension. */
import type { AttachmentKind } from './types.js';

/** The kind and media type of a file; undefined when it is not a type attachments take. */
export interface Detected {
  kind: AttachmentKind;
  mediaType: string;
}

const TEXT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.json': 'application/json',
  '.yaml': 'text/yaml',
  '.yml': 'text/yaml',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.log': 'text/plain',
  '.py': 'text/x-python',
  '.ts': 'text/plain',
  '.js': 'text/javascript',
};

const startsWith = (bytes: Uint8Array, magic: readonly number[], offset = 0) =>
  magic.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** Image, PDF, audio and video types recognised by their magic numbers. */
function byMagic(bytes: Uint8Array): Detected | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mediaType: 'image/png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mediaType: 'image/jpeg' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')
    return { kind: 'image', mediaType: 'image/gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { kind: 'image', mediaType: 'image/webp' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE')
    return { kind: 'audio', mediaType: 'audio/wav' };
  if (ascii(bytes, 0, 5) === '%PDF-') return { kind: 'pdf', mediaType: 'application/pdf' };
  if (
    ascii(bytes, 0, 3) === 'ID3' ||
    (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && ((bytes[1] ?? 0) & 0x06) !== 0)
  )
    return { kind: 'audio', mediaType: 'audio/mpeg' };
  if (ascii(bytes, 0, 4) === 'fLaC') return { kind: 'audio', mediaType: 'audio/flac' };
  if (ascii(bytes, 0, 4) === 'OggS') return { kind: 'audio', mediaType: 'audio/ogg' };
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', mediaType: 'video/webm' };
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand.startsWith('M4A')) return { kind: 'audio', mediaType: 'audio/mp4' };
    if (brand === 'qt  ') return { kind: 'video', mediaType: 'video/quicktime' };
    return { kind: 'video', mediaType: 'video/mp4' };
  }
  return undefined;
}

const OOXML: Record<string, Detected> = {
  '.docx': {
    kind: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  '.xlsx': { kind: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  '.pptx': {
    kind: 'pptx',
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
};

/** Whether the bytes read as UTF-8 text: no invalid sequences, no control characters but whitespace. */
function isText(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 65_536));
  // A multi-byte character cut at the 64 KiB edge decodes as one replacement character at the end.
  const body = bytes.length > 65_536 ? head.replace(/\uFFFD$/, '') : head;
  return !/[\uFFFD\u0000-\u0008\u000e-\u001f]/.test(body);
}

/**
 * The kind of a file from its bytes and its extension (lower case, with the dot). Office documents
 * are ZIP files (`PK\3\4`): the extension says which; a `.docx` that is not a ZIP is not detected.
 */
export function detectKind(bytes: Uint8Array, extension: string): Detected | undefined {
  const ext = extension.toLowerCase();
  const magic = byMagic(bytes);
  if (magic) return magic;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return OOXML[ext];
  if (ext === '.csv' && isText(bytes)) return { kind: 'csv', mediaType: 'text/csv' };
  if (ext === '.tsv' && isText(bytes)) return { kind: 'csv', mediaType: 'text/tab-separated-values' };
  const textType = TEXT_TYPES[ext];
  if (textType && isText(bytes)) return { kind: 'text', mediaType: textType };
  return undefined;
}

/** What a file with this extension is meant to be, for the message when its bytes say otherwise. */
export function expectedKind(extension: string): AttachmentKind | undefined {
  const ext = extension.toLowerCase();
  if (['.png', '.jpg', '.jpeg', '.gif', '.webp'].includes(ext)) return 'image';
  if (ext === '.pdf') return 'pdf';
  if (OOXML[ext]) return OOXML[ext].kind;
  if (['.wav', '.mp3', '.flac', '.ogg', '.m4a'].includes(ext)) return 'audio';
  if (['.mp4', '.mov', '.webm'].includes(ext)) return 'video';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (TEXT_TYPES[ext]) return 'text';
  return undefined;
}
