/** Word (.docx) → Markdown through mammoth, imported when needed. */

/** The document as Markdown. Throws when the file is not a readable .docx. */
export async function docxToMarkdown(data: Uint8Array): Promise<string> {
  // mammoth's Markdown writer is not in its type declarations.
  const mammoth = (await import('mammoth')).default as unknown as {
    convertToMarkdown(input: { buffer: Buffer }): Promise<{ value: string }>;
  };
  const result = await mammoth.convertToMarkdown({ buffer: Buffer.from(data) });
  return result.value.trim();
}
