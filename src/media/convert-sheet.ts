/** Excel (.xlsx) and CSV → Markdown tables; exceljs is imported when needed. */
import { markdownTable } from './markdown-table.js';

/** The text of one exceljs cell value (formulas give their result, rich text its plain text). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      result?: unknown;
      richText?: Array<{ text: string }>;
      text?: unknown;
      error?: unknown;
    };
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
    if (v.error !== undefined) return String(v.error);
    return JSON.stringify(value);
  }
  return String(value);
}

/** Every worksheet as a `## Sheet: NAME` heading and a Markdown table. Throws when the workbook cannot be read. */
export async function xlsxToMarkdown(data: Uint8Array): Promise<string> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  const sheets: string[] = [];
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push(values.map(cellText));
    });
    sheets.push(`## Sheet: ${sheet.name}\n\n${markdownTable(rows)}`);
  });
  return sheets.join('\n\n');
}

/** Splits CSV text into rows (RFC 4180 quoting; `separator` `,` or tab). */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV (or TSV) file as a Markdown table. */
export function csvToMarkdown(data: Uint8Array, mediaType: string): string {
  const text = new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, '');
  return markdownTable(parseCsv(text, mediaType === 'text/tab-separated-values' ? '\t' : ','));
}
