/**
 * Files uploaded with a run (`attachments` of `POST /api/runs`): written once to a fresh folder
 * `<cwd>/.massgen/uploads/<time>_<random>/` under their base names, then attached to the run like
 * `--attach` files (read, checked and converted once; a bad file is a 400 naming it).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One uploaded file: its name and its content in base64. */
export interface Upload {
  name: string;
  data: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A safe file name: the base name, without control characters or a leading dot; `file` when nothing is left. */
export function uploadName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim();
  return clean || 'file';
}

/** Why an upload cannot be taken, or undefined. */
export function uploadProblem(upload: Upload, index: number): string | undefined {
  if (!BASE64.test(upload.data) || upload.data.length % 4 !== 0)
    return `attachments[${index}].data: not base64 (send the file's bytes in base64)`;
  return undefined;
}

/** Writes the uploads to a fresh folder and returns their paths (names made unique within it). */
export async function saveUploads(cwd: string, uploads: readonly Upload[]): Promise<string[]> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '_');
  const dir = path.join(cwd, '.massgen', 'uploads', `${stamp}_${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  const taken = new Set<string>();
  const paths: string[] = [];
  for (const upload of uploads) {
    const name = uploadName(upload.name);
    const ext = path.extname(name);
    const stem = name.slice(0, name.length - ext.length);
    let unique = name;
    for (let n = 2; taken.has(unique); n++) unique = `${stem}_${n}${ext}`;
    taken.add(unique);
    const file = path.join(dir, unique);
    await writeFile(file, Buffer.from(upload.data, 'base64'));
    paths.push(file);
  }
  return paths;
}
