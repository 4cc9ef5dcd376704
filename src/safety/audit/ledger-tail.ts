/**
 * Where an appender continues a ledger: the number and hash of its last line, read from the end of
 * the file (a long file is not read whole).
 */
import { type FileHandle, open } from 'node:fs/promises';
import { parseLedgerLine } from './chain-check.js';
import { AuditLedgerError } from './errors.js';
import { GENESIS } from './ledger-line.js';

/** The last line's `seq` and `hash` (0 and the genesis value for an empty or missing file). */
export interface LedgerHead {
  seq: number;
  hash: string;
}

/** The ledger cannot be continued: its last line is cut off or not a ledger line. */
function tailError(file: string, why: string): AuditLedgerError {
  return new AuditLedgerError(
    `cannot append to the audit ledger ${file}: ${why}. Check it with \`massgen audit verify ${file}\`, ` +
      'then move the file aside to start a new ledger.',
    file,
  );
}

const CHUNK = 16 * 1024;

/** The bytes of the file's last line (its final line feed excluded), or undefined when it is empty. */
async function lastLine(
  handle: FileHandle,
  size: number,
): Promise<{ text: string; ended: boolean } | undefined> {
  if (size === 0) return undefined;
  const one = Buffer.alloc(1);
  await handle.read(one, 0, 1, size - 1);
  const ended = one[0] === 0x0a;
  const end = ended ? size - 1 : size;
  const parts: Buffer[] = [];
  let pos = end;
  while (pos > 0) {
    const length = Math.min(CHUNK, pos);
    const chunk = Buffer.alloc(length);
    await handle.read(chunk, 0, length, pos - length);
    const at = chunk.lastIndexOf(0x0a);
    if (at !== -1) {
      parts.unshift(chunk.subarray(at + 1));
      break;
    }
    parts.unshift(chunk);
    pos -= length;
  }
  return { text: Buffer.concat(parts).toString('utf8'), ended };
}

/** The head of the ledger `file`. Throws {@link AuditLedgerError} when its last line cannot be chained onto. */
export async function readLedgerHead(file: string): Promise<LedgerHead> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { seq: 0, hash: GENESIS };
    throw error;
  }
  try {
    const line = await lastLine(handle, (await handle.stat()).size);
    if (!line) return { seq: 0, hash: GENESIS };
    if (!line.ended) throw tailError(file, 'its last line is incomplete (a write was cut off)');
    const parsed = parseLedgerLine(line.text, 0);
    if (!parsed.ok) throw tailError(file, 'its last line is not a ledger line');
    return { seq: parsed.checked.chain.seq, hash: parsed.checked.chain.hash };
  } finally {
    await handle.close();
  }
}
