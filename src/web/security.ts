/**
 * Who may use the server. On a loopback bind without a token: requests that name a loopback host
 * (so a web page elsewhere cannot reach it through DNS rebinding). With a token (required off
 * loopback): every `/api` and `/v1` request carries it, as `Authorization: Bearer <token>` or, for a
 * GET (an EventSource, an image), as `?token=`. Everywhere: no cross-origin writes and no CORS.
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './api-error.js';

/** Whether a bind address is loopback (`127.0.0.0/8`, `::1`, `localhost`). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1' || h === '::ffff:127.0.0.1';
}

/** The host name of a `Host` header (without the port). */
function hostName(header: string): string {
  const bracket = /^\[([^\]]+)\]/.exec(header);
  return bracket ? bracket[1]! : header.replace(/:\d+$/, '');
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const guarded = (path: string) =>
  path === '/api' || path.startsWith('/api/') || path === '/v1' || path.startsWith('/v1/');

/** The access checks of every request; `token` undefined: none (loopback bind only). */
export function accessControl(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (token === undefined && !isLoopbackHost(hostName(host))) {
      return errorResponse(
        c,
        403,
        'forbidden',
        `This server answers requests for localhost only (got Host: ${host || 'none'}); open it as http://127.0.0.1:<port>/, or start it with --token to serve other hosts.`,
      );
    }
    const origin = c.req.header('origin');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && origin) {
      let from = '';
      try {
        from = new URL(origin).host;
      } catch {}
      if (from !== host) {
        return errorResponse(
          c,
          403,
          'forbidden',
          `Cross-origin requests are refused (Origin ${origin}); use the web UI served by this server.`,
        );
      }
    }
    if (token !== undefined && guarded(c.req.path)) {
      const header = c.req.header('authorization') ?? '';
      const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      const query = c.req.method === 'GET' ? c.req.query('token') : undefined;
      const given = bearer ?? query;
      if (given === undefined || !sameToken(given, token)) {
        return errorResponse(
          c,
          401,
          'unauthorized',
          given === undefined
            ? 'This server needs its token: send Authorization: Bearer <token> (or ?token=<token> on a GET).'
            : 'The token is wrong: send the token the server was started with (--token or MASSGEN_SERVER_TOKEN).',
        );
      }
    }
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    await next();
  };
}
