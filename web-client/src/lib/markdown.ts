/**
 * Markdown of models and tools as HTML for the page: raw HTML in the text is shown as text (never
 * rendered), links and images only with http(s), mailto or relative addresses, code highlighted when
 * its language is named.
 */
import hljs from 'highlight.js/lib/common';
import { Marked, type Tokens } from 'marked';

const SAFE_URL = /^(https?:|mailto:|#|(?!\/\/)[^:]*$)/i;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function safeUrl(href: string): string | undefined {
  return SAFE_URL.test(href.trim()) ? href : undefined;
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      const url = safeUrl(href);
      if (url === undefined) return inner;
      const t = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(url)}"${t} target="_blank" rel="noopener noreferrer">${inner}</a>`;
    },
    image({ href, text }: Tokens.Image) {
      const url = safeUrl(href);
      if (url === undefined) return escapeHtml(text);
      return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}">`;
    },
    code({ text, lang }: Tokens.Code) {
      const language = lang?.split(/\s/)[0] ?? '';
      const html = hljs.getLanguage(language)
        ? hljs.highlight(text, { language, ignoreIllegals: true }).value
        : escapeHtml(text);
      const cls = language === '' ? 'hljs' : `hljs language-${escapeHtml(language)}`;
      return `<pre><code class="${cls}">${html}</code></pre>`;
    },
  },
});

/** The Markdown as safe HTML. */
export function renderMarkdown(text: string): string {
  return marked.parse(text, { async: false });
}

/** Code as highlighted HTML (a language guessed from the file name, else detected). */
export function highlightCode(text: string, fileName?: string): string {
  const ext = fileName?.split('.').pop()?.toLowerCase();
  if (ext !== undefined && hljs.getLanguage(ext)) return hljs.highlight(text, { language: ext }).value;
  if (text.length > 100_000) return escapeHtml(text);
  return hljs.highlightAuto(text).value;
}
