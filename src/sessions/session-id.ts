/** Session ids: `session_YYYYMMDD_HHMMSS` (local time), as MassGen names them. */

/** The id of a session started at `date`; {@link SessionStore.reserve} adds `_2`, `_3`… on collision. */
export function formatSessionId(date: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}`;
  return `session_${day}_${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Whether `id` can name a session folder: letters, digits, `.`, `_`, `-`; no path separators. */
export function isValidSessionId(id: string): boolean {
  return SAFE_ID.test(id) && !id.includes('..');
}
