/**
 * The server's access token: read once from the page's own `?token=` (then removed from the address
 * bar), kept in sessionStorage, sent on every request.
 */
const KEY = 'massgen.token';

/** Reads `?token=` from the address once and keeps it for the tab's session. */
export function adoptUrlToken(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  sessionStorage.setItem(KEY, token);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

/** The token, if the page was given one. */
export function accessToken(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

/** `url` with `?token=` added, for requests that cannot send headers (EventSource, img, iframe). */
export function withToken(url: string): string {
  const token = accessToken();
  if (token === undefined) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
