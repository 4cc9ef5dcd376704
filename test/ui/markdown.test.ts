/**
 * Rendered Markdown of a hostile model: colours (and a terminal that supports hyperlinks) forced on
 * before marked-terminal loads, so every styled path of the renderer runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkdownRenderer } from '../../src/ui/tui/markdown.js';
import { sanitize } from '../../src/ui/tui/text-buffer.js';
import { SEQUENCES } from '../support/hostile-text.js';

let render: MarkdownRenderer;
const saved = { FORCE_COLOR: process.env.FORCE_COLOR, FORCE_HYPERLINK: process.env.FORCE_HYPERLINK };
beforeAll(async () => {
  process.env.FORCE_COLOR = '3';
  process.env.FORCE_HYPERLINK = '1';
  const { createMarkdownRenderer } = await import('../../src/ui/tui/markdown.js');
  render = createMarkdownRenderer();
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const { clipboard, title, clear, cursorReport, csi8, decrqss } = SEQUENCES;
/** The Markdown places a model can put text in, each with raw sequences and with entities. */
const HOSTILE_MARKDOWN = [
  `# Title ${title}`,
  `Text ${clipboard} and &#27;]0;ENTITY&#7; and &#x1b;[6n and &#155;6n.`,
  `[click ${clear}](https://example.com/${cursorReport}) and [same](https://example.com/&#27;[2J)`,
  `<https://example.com/${csi8}>`,
  `![image ${title}](https://example.com/i.png "t${decrqss}")`,
  '```js',
  `const x = "${clipboard}"; // &#27;[2J`,
  '```',
  `Inline \`${cursorReport}\` code and <b onclick="${title}">html ${clear}</b>`,
  '<div>',
  `${title} &#27;]52;c;SEFDS0VE&#7;`,
  '</div>',
  `| col ${title} |`,
  '|---|',
  `| ${clipboard} |`,
  `- item **${cursorReport}**`,
  `> quote ${csi8}`,
].join('\n\n');

/** Every ESC is the start of a colour sequence (SGR), and no other control character is there. */
function onlyColours(out: string): string[] {
  const withoutSgr = out.replace(/\u001b\[[0-9;:]*m/g, '');
  return [...withoutSgr.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)].map(
    (m) => `\\u${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}`,
  );
}

describe('Markdown of a model', () => {
  it('renders styled, with no control sequence but its own colours, as the terminal UI feeds it', () => {
    const out = render(sanitize(HOSTILE_MARKDOWN), 80);
    expect(out).toMatch(/\u001b\[[0-9;]*m/);
    expect(onlyColours(out)).toEqual([]);
    expect(out).toContain('␛]52;c;SEFDS0VE␇');
    expect(out).toContain('␛]0;PWNED-TITLE␇');
  });

  it('lets no control sequence through even from raw Markdown (entities, link targets, code, HTML)', () => {
    expect(onlyColours(render(HOSTILE_MARKDOWN, 80))).toEqual([]);
  });

  it('shows a link with its target, never as a terminal hyperlink (OSC 8) hiding it', () => {
    const out = render('[the docs](https://evil.example/x) and <https://plain.example/>', 80);
    const plain = out.replace(/\u001b\[[0-9;:]*m/g, '');
    expect(out).not.toContain('\u001b]8;');
    expect(plain).toBe('the docs (https://evil.example/x) and https://plain.example/');
  });
});
