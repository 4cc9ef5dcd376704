/** MCP image and audio content as tool output, and as the tool-result part each model gets. */
import { describe, expect, it } from 'vitest';
import { untrustedResultPart } from '../../src/agent/tool-calls.js';
import { resultMediaOf } from '../../src/media/tool-media.js';
import { mcpResultOutput } from '../../src/tools/mcp/result.js';

const result = {
  content: [
    { type: 'text', text: 'Here:' },
    { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
    { type: 'audio', data: 'UklGRg==', mimeType: 'audio/wav' },
    { type: 'image', data: '', mimeType: 'image/png' },
  ],
};

describe('MCP media results', () => {
  it('keeps a line of text per block and the media with data', () => {
    expect(mcpResultOutput(result)).toEqual({
      value: 'Here:\n[image image/png, 8 bytes]\n[audio audio/wav, 4 bytes]\n[image image/png, 0 bytes]',
      isError: false,
      media: [
        { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
        { type: 'audio', mediaType: 'audio/wav', data: 'UklGRg==' },
      ],
    });
  });

  it('the result part carries the media the model takes, after the delimited text', () => {
    const outcome = { toolCallId: 'c1', toolName: 't', ...mcpResultOutput(result), isError: false };
    const text = `<tool_output tool="t">\n${outcome.value}\n</tool_output>`;
    expect(resultMediaOf('claude')).toEqual({ image: true, audio: false });
    expect(untrustedResultPart(outcome, resultMediaOf('claude')).output).toEqual({
      type: 'content',
      value: [
        { type: 'text', text },
        { type: 'image-data', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
      ],
    });
    expect(untrustedResultPart(outcome, resultMediaOf('gemini')).output).toEqual({
      type: 'content',
      value: [
        { type: 'text', text },
        { type: 'image-data', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
        { type: 'file-data', data: 'UklGRg==', mediaType: 'audio/wav' },
      ],
    });
    expect(untrustedResultPart(outcome, resultMediaOf('chatcompletion')).output).toEqual({
      type: 'text',
      value: text,
    });
    expect(untrustedResultPart({ ...outcome, isError: true }, resultMediaOf('gemini')).output).toEqual({
      type: 'error-text',
      value: text,
    });
  });
});
