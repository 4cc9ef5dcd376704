/**
 * Streaming Markdown in blocks: text cut at blank lines outside code fences, so while it streams
 * only its last block changes and is parsed again; the earlier ones stay as they were rendered.
 */

/** The text's blocks, in order; joined with their separators they are the text again. */
export function markdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  const lines = text.split('\n');
  let fence: string | undefined;
  let start = 0;
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    }
    const end = offset + line.length + 1;
    if (fence === undefined && line.trim() === '' && i < lines.length - 1 && offset > start) {
      blocks.push(text.slice(start, end));
      start = end;
    }
    offset = end;
  }
  if (start < text.length) blocks.push(text.slice(start));
  return blocks;
}
