import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../web-client/src/lib/markdown.js';

describe('page markdown', () => {
  it('renders Markdown and highlights code of a named language', () => {
    const html = renderMarkdown('# Title\n\n**bold**\n\n```js\nconst x = 1;\n```\n');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<pre><code class="hljs language-js"><span class="hljs-keyword">const</span>');
  });

  it('shows raw HTML from a model as text', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('drops links and images to scripts and other hosts without a scheme it trusts', () => {
    const html = renderMarkdown(
      '[a](javascript:alert(1)) [b](//evil.example/x) [c](https://example.com) ![d](data:text/html,x)',
    );
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('//evil.example');
    expect(html).not.toContain('data:');
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer">c</a>');
  });
});
