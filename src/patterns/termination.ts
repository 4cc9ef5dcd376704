/** The termination keyword: finding it in a message and stripping it out. */

function pattern(keyword: string): RegExp {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The keyword as a whole word: `TERMINATE` ends a chat, `TERMINATED` does not.
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu');
}

/** Whether `text` contains `keyword` as a whole word (case-sensitive). */
export function hasKeyword(text: string, keyword: string | undefined): boolean {
  return keyword !== undefined && keyword !== '' && pattern(keyword).test(text);
}

/** `text` without the keyword (and the blank space it leaves at the end), trimmed. */
export function stripKeyword(text: string, keyword: string): string {
  return text
    .replace(pattern(keyword), '')
    .replace(/[ \t]+$/gm, '')
    .trim();
}
