/** The words of a failure, for the page: the server's own message, or the error's. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
