/**
 * Markdown → terminal text (ANSI styles) with marked and marked-terminal, for the final answer.
 * Loaded lazily by the terminal UI: the plain display never pays for it. The Markdown is a model's,
 * so what comes out holds our colour sequences only ({@link keepStyling}): whatever a link target,
 * a code block, an HTML block or an entity such as `&#27;` holds is shown, never obeyed.
 */
import { Marked, type MarkedExtension } from 'marked';
import { markedTerminal } from 'marked-terminal';
import { keepStyling, terminalLine } from '../terminal-text.js';

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

/**
 * A link as `text (target)`, its target always in sight: marked-terminal would make a terminal
 * hyperlink (OSC 8) where the terminal supports one, showing the model's text and hiding where it
 * leads.
 */
const VISIBLE_LINKS: MarkedExtension = {
  renderer: {
    link(token) {
      const text = this.parser.parseInline(token.tokens);
      const href = terminalLine(token.href);
      const target = `\u001b[4m${href}\u001b[24m`;
      const plain = text.replace(/\u001b\[[0-9;:]*m/g, '');
      return plain !== '' && plain !== href ? `${text} (${target})` : target;
    },
  },
};

/** Renders Markdown for a given width; the result has no trailing blank lines. */
export type MarkdownRenderer = (markdown: string, width: number) => string;

/** Rendered texts remembered (the final answer and the answers of the agent on screen). */
const CACHE_SIZE = 48;

/** A renderer that keeps one parser per width and remembers its latest results. */
export function createMarkdownRenderer(): MarkdownRenderer {
  const parsers = new Map<number, Marked>();
  const cache = new Map<string, string>();
  return (markdown, width) => {
    const w = Math.max(20, Math.floor(width));
    const key = `${w}\u0000${markdown}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      // Most recently used last.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    let parser = parsers.get(w);
    if (!parser) {
      const extension = markedTerminal({ width: w, reflowText: true, tab: 2 }) as unknown as MarkedExtension;
      parser = new Marked(extension, LIST_ITEM_INLINE, VISIBLE_LINKS);
      parsers.set(w, parser);
    }
    let out: string;
    try {
      out = keepStyling((parser.parse(markdown, { async: false }) as string).replace(/\s+$/, ''));
    } catch {
      out = keepStyling(markdown);
    }
    cache.set(key, out);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return out;
  };
}
