/** Reading a text file line by line, in chunks, knowing whether its last line was ended. */
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/** One line of the file, without its line feed; `ended`: a line feed followed it. */
export interface FileLine {
  text: string;
  ended: boolean;
}

const CHUNK = 64 * 1024;

/** The lines of `file` (UTF-8); a file ending with a line feed has no empty last line. */
export async function* readLines(file: string): AsyncGenerator<FileLine> {
  const handle = await open(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(CHUNK);
    let pending = '';
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      pending += decoder.write(buffer.subarray(0, bytesRead));
      let start = 0;
      for (let at = pending.indexOf('\n'); at !== -1; at = pending.indexOf('\n', start)) {
        yield { text: pending.slice(start, at), ended: true };
        start = at + 1;
      }
      pending = pending.slice(start);
    }
    pending += decoder.end();
    if (pending !== '') yield { text: pending, ended: false };
  } finally {
    await handle.close();
  }
}
