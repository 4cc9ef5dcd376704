/** Files picked in the start form, as the `attachments` of `POST /api/runs` (name and base64 bytes). */

/** Base64 of bytes, in chunks (a large file would overflow the argument list of `String.fromCharCode`). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The request's `attachments` for the picked files. */
export async function uploadsOf(files: readonly File[]): Promise<Array<{ name: string; data: string }>> {
  return Promise.all(
    files.map(async (file) => ({
      name: file.name,
      data: toBase64(new Uint8Array(await file.arrayBuffer())),
    })),
  );
}
