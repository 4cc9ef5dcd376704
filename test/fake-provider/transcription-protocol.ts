/**
 * OpenAI transcriptions (`POST …/audio/transcriptions`, multipart/form-data) for the fake provider:
 * records the model and the audio file it was sent and answers with a fixed transcript.
 */

/** A transcription request as the fake saw it. */
export interface FakeTranscriptionRequest {
  model: string;
  /** The `file` part: its name, content type and size in bytes. */
  file?: { filename: string; contentType: string; bytes: number };
}

/** The text every transcription answers with. */
export const FAKE_TRANSCRIPT = 'This is the fake transcript of the audio.';

export function isTranscriptionPath(path: string): boolean {
  return path.endsWith('/audio/transcriptions');
}

/** The fields and files of a multipart/form-data body. */
function multipart(body: Buffer, contentType: string) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}`);
  const parts: Array<{ name: string; filename?: string; type?: string; data: Buffer }> = [];
  let start = body.indexOf(marker);
  while (start >= 0) {
    const next = body.indexOf(marker, start + marker.length);
    if (next < 0) break;
    const chunk = body.subarray(start + marker.length + 2, next - 2); // skip CRLF after the marker and before the next
    const split = chunk.indexOf('\r\n\r\n');
    const head = chunk.subarray(0, split).toString('utf8');
    parts.push({
      name: /name="([^"]*)"/.exec(head)?.[1] ?? '',
      filename: /filename="([^"]*)"/.exec(head)?.[1],
      type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1],
      data: chunk.subarray(split + 4),
    });
    start = next;
  }
  return parts;
}

/** Reads a transcription request. */
export function parseTranscriptionRequest(body: Buffer, contentType: string): FakeTranscriptionRequest {
  const parts = multipart(body, contentType);
  const file = parts.find((p) => p.name === 'file');
  return {
    model: parts.find((p) => p.name === 'model')?.data.toString('utf8') ?? '',
    ...(file
      ? { file: { filename: file.filename ?? '', contentType: file.type ?? '', bytes: file.data.length } }
      : {}),
  };
}

/** The reply of OpenAI's transcription endpoint (`verbose_json` fields). */
export function transcriptionReply(request: FakeTranscriptionRequest) {
  return { text: FAKE_TRANSCRIPT, language: 'english', duration: request.file ? 1 : 0, segments: [] };
}
