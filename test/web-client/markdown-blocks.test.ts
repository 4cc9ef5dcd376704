import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../web-client/src/lib/markdown-blocks.js';

describe('streaming markdown blocks', () => {
  it('cuts at blank lines, and the blocks join back into the text', () => {
    const text = '# Title\n\nFirst paragraph\nstill first\n\n- a\n- b\n\nlast, still strea';
    const blocks = markdownBlocks(text);
    expect(blocks).toEqual([
      '# Title\n\n',
      'First paragraph\nstill first\n\n',
      '- a\n- b\n\n',
      'last, still strea',
    ]);
    expect(blocks.join('')).toBe(text);
  });

  it('keeps a code fence whole, blank lines and all, until it closes', () => {
    const text = 'Intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter\n\n~~~\nopen\n\nstill open';
    expect(markdownBlocks(text)).toEqual([
      'Intro\n\n',
      '```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n',
      'After\n\n',
      '~~~\nopen\n\nstill open',
    ]);
  });

  it('gives nothing for empty text and one block for text without blank lines', () => {
    expect(markdownBlocks('')).toEqual([]);
    expect(markdownBlocks('one line')).toEqual(['one line']);
    expect(markdownBlocks('\n\nlead')).toEqual(['\n\n', 'lead']);
  });
});
