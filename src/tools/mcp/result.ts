/**
 * An MCP `tools/call` result as tool output for the model: text blocks as text, structured content
 * as JSON when there is no text, other blocks (images, audio, resources) described in a line; images
 * and audio also as media, which reach a model that takes them as media parts.
 */
import type { JSONValue } from '@ai-sdk/provider';
import type { ToolMedia } from '../../types/agent-tools.js';
import type { ToolOutput } from '../types.js';

interface ContentBlock {
  type: string;
  text?: string;
  mimeType?: string;
  data?: string;
  uri?: string;
  name?: string;
  resource?: { uri?: string; text?: string; mimeType?: string };
}

/** The parts of a call result this module reads. */
export interface McpCallResult {
  content?: unknown;
  structuredContent?: unknown;
  isError?: unknown;
  toolResult?: unknown;
}

/** The size of base64 data once decoded. */
function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

function blockText(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text ?? '';
    case 'image':
    case 'audio':
      return `[${block.type} ${block.mimeType ?? ''}, ${base64Bytes(block.data ?? '')} bytes]`;
    case 'resource':
      return block.resource?.text ?? `[resource ${block.resource?.uri ?? ''}]`;
    case 'resource_link':
      return `[resource link ${block.name ?? ''} ${block.uri ?? ''}]`.replace(/\s+]/, ']');
    default:
      return `[${block.type}]`;
  }
}

/** The image and audio blocks of a result that carry base64 data. */
function blockMedia(blocks: readonly ContentBlock[]): ToolMedia[] {
  return blocks.flatMap((b): ToolMedia[] =>
    (b.type === 'image' || b.type === 'audio') &&
    typeof b.data === 'string' &&
    b.data.length > 0 &&
    typeof b.mimeType === 'string'
      ? [{ type: b.type, mediaType: b.mimeType, data: b.data }]
      : [],
  );
}

/** The output of a call result. */
export function mcpResultOutput(result: McpCallResult): ToolOutput {
  const isError = result.isError === true;
  const blocks = Array.isArray(result.content) ? (result.content as ContentBlock[]) : [];
  const texts = blocks.map(blockText).filter((t) => t.length > 0);
  const media = blockMedia(blocks);
  if (texts.length > 0) return { value: texts.join('\n'), isError, ...(media.length > 0 ? { media } : {}) };
  if (result.structuredContent !== undefined)
    return { value: result.structuredContent as JSONValue, isError };
  if (result.toolResult !== undefined) return { value: result.toolResult as JSONValue, isError };
  return { value: isError ? 'The tool reported an error.' : '(no output)', isError };
}
