/** PowerPoint (.pptx) → text: the text runs (`<a:t>`) of each slide's XML, read with jszip (imported when needed). */

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** The text of one slide: one line per paragraph (`<a:p>`). */
export function slideText(xml: string): string {
  const paragraphs = xml.split(/<\/a:p>/);
  const lines = paragraphs
    .map((p) =>
      [...p.matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>/g)].map((m) => decodeXml(m[1] ?? '')).join(''),
    )
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.join('\n');
}

/** Every slide, in order, under a `## Slide N` heading. Throws when the file is not a readable .pptx. */
export async function pptxToText(data: Uint8Array): Promise<string> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(data);
  const slides = Object.keys(zip.files)
    .map((name) => ({ name, n: Number(/^ppt\/slides\/slide(\d+)\.xml$/.exec(name)?.[1]) }))
    .filter((s) => Number.isInteger(s.n))
    .sort((a, b) => a.n - b.n);
  if (slides.length === 0) throw new Error('no slides found (ppt/slides/slideN.xml)');
  const texts: string[] = [];
  for (const slide of slides) {
    const xml = await zip.file(slide.name)!.async('string');
    texts.push(`## Slide ${slide.n}\n\n${slideText(xml)}`);
  }
  return texts.join('\n\n');
}
