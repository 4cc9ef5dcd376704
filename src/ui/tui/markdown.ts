/**
 * Markdown → terminal text (ANSI styles) with marked and marked-terminal, for the final answer.
 * Loaded lazily by the terminal UI: the plain display never pays for it.
 */
import { Marked, type MarkedExtension } from 'marked';
import { markedTerminal } from 'marked-terminal';

/**
 * marked-terminal prints the inline Markdown of list items raw (`**bold**` stays as typed, an open
 * issue with current marked): render a block text token's inline tokens, else defer to it.
 */
const LIST_ITEM_INLINE: MarkedExtension = {
  renderer: {
    text(token) {
      if ('tokens' in token && token.tokens && token.tokens.length > 0)
        return this.parser.parseInline(token.tokens);
      return false;
    },
  },
};

/** Renders Markdown for a given width; the result has no trailing blank lines. */
export type MarkdownRenderer = (markdown: string, width: number) => string;

/** A renderer that keeps one parser per width and remembers its last result. */
export function createMarkdownRenderer(): MarkdownRenderer {
  const parsers = new Map<number, Marked>();
  let last: { markdown: string; width: number; out: string } | undefined;
  return (markdown, width) => {
    const w = Math.max(20, Math.floor(width));
    if (last && last.markdown === markdown && last.width === w) return last.out;
    let parser = parsers.get(w);
    if (!parser) {
      const extension = markedTerminal({ width: w, reflowText: true, tab: 2 }) as unknown as MarkedExtension;
      parser = new Marked(extension, LIST_ITEM_INLINE);
      parsers.set(w, parser);
    }
    let out: string;
    try {
      out = (parser.parse(markdown, { async: false }) as string).replace(/\s+$/, '');
    } catch {
      out = markdown;
    }
    last = { markdown, width: w, out };
    return out;
  };
}
