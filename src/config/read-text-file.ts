/**
 * Reading a config or `.env` file safely: only a regular file (a FIFO, a device or a directory would
 * block or mean nothing), at most {@link MAX_CONFIG_BYTES}, and valid UTF-8 (a UTF-8 byte order mark
 * is dropped). Every refusal is a ConfigError naming the file and the fix.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { MAX_CONFIG_BYTES } from './limits.js';

/** What a file is, when it is not a regular file. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function refuse(file: string, message: string, suggestion: string): ConfigError {
  return new ConfigError(`${message} (${suggestion})`, [{ file, path: '', message, suggestion }]);
}

const MIB = 1024 * 1024;

/** Throws the ConfigError of a file that is not a regular file of at most `maxBytes`. */
function checkStats(file: string, stats: Stats, maxBytes: number, what: string): void {
  if (!stats.isFile()) {
    throw refuse(file, `${what} ${file} is ${kindOf(stats)}, not a regular file`, 'name a regular file');
  }
  if (stats.size > maxBytes) {
    throw refuse(
      file,
      `${what} ${file} is too large: ${(stats.size / MIB).toFixed(1)} MiB (at most ${maxBytes / MIB} MiB)`,
      'a config this large is not a config: check the path',
    );
  }
}

/**
 * Throws a ConfigError unless `file` is a regular file of at most `maxBytes` (following links).
 * A missing file passes: reading it reports that.
 */
export function checkRegularFile(file: string, what = 'config file', maxBytes = MAX_CONFIG_BYTES): void {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch {
    return;
  }
  checkStats(file, stats, maxBytes, what);
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const size = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return i;
    const second = bytes[i + 1]!;
    // The ranges of the second byte that exclude overlong forms, surrogates and values past U+10FFFF.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < size; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += size;
  }
  return -1;
}

function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The text of bytes read from `file`; throws a ConfigError when they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, file: string, what = 'config file'): string {
  const utf16 =
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) {
    throw refuse(file, `${what} ${file} is UTF-16 text`, 'save it as UTF-8');
  }
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) {
    const { line, column } = lineColumnOfByte(bytes, bad);
    throw refuse(
      file,
      `${what} ${file} is not valid UTF-8: byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at line ${line}, column ${column}`,
      'save the file as UTF-8',
    );
  }
  // A UTF-8 byte order mark is dropped, as YAML and JSON readers do.
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Reads a text file with the checks above: a ConfigError when the file is not a regular file, is
 * too large or is not UTF-8; the system's error (ENOENT, EACCES, …) when it cannot be opened.
 */
export function readTextFileSync(file: string, what = 'config file', maxBytes = MAX_CONFIG_BYTES): string {
  // Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    checkStats(file, fstatSync(fd), maxBytes, what);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) {
        throw refuse(file, `${what} ${file} is larger than ${maxBytes / MIB} MiB`, 'check the path');
      }
    }
    return decodeUtf8(Buffer.concat(chunks), file, what);
  } finally {
    closeSync(fd);
  }
}
