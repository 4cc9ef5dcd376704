/**
 * The loopback redirect target of an OAuth authorization (RFC 8252 §7.3): a one-shot HTTP server on
 * 127.0.0.1 that receives `/callback?code=…&state=…` from the user's browser, answers with a short
 * page and hands the code over. The server's `state` must match; an `error` redirect fails the wait.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGE = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:sans-serif;margin:3em"><h2>${title}</h2><p>${text}</p></body></html>`;

/** The outcome the browser brought back. */
type Outcome = { code: string } | { error: string };

export class OAuthCallbackServer {
  private outcome: Outcome | undefined;
  private waiters: Array<(outcome: Outcome) => void> = [];
  /** The `state` sent with the authorization request; a redirect with another one is ignored. */
  expectedState: string | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on `port` (0: any free port). Rejects when the port is taken. */
  static listen(port = 0): Promise<OAuthCallbackServer> {
    return new Promise((resolve, reject) => {
      let self: OAuthCallbackServer | undefined;
      const server = createServer((req, res) => self?.handle(req, res));
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        self = new OAuthCallbackServer(server, (server.address() as AddressInfo).port);
        resolve(self);
      });
    });
  }

  /** The redirect URI to register and send: `http://127.0.0.1:<port>/callback`. */
  get redirectUrl(): string {
    return `http://127.0.0.1:${this.port}/callback`;
  }

  /**
   * The authorization code, once the browser has been redirected here. Rejects with the server's
   * error, when `signal` aborts, or after `timeoutMs`.
   */
  waitForCode(signal: AbortSignal, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const settle = (outcome: Outcome) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if ('code' in outcome) resolve(outcome.code);
        else reject(new Error(outcome.error));
      };
      const onAbort = () => settle({ error: 'the authorization was cancelled' });
      const timer = setTimeout(
        () => settle({ error: `no authorization came back within ${Math.round(timeoutMs / 1000)}s` }),
        timeoutMs,
      );
      timer.unref?.();
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      if (this.outcome) settle(this.outcome);
      else this.waiters.push(settle);
    });
  }

  /** Stops listening. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections?.();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.redirectUrl);
    if (url.pathname !== '/callback') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const state = url.searchParams.get('state') ?? undefined;
    if (this.expectedState !== undefined && state !== this.expectedState) {
      res.writeHead(400, { 'content-type': 'text/html' });
      res.end(PAGE('Authorization not accepted', 'This link does not belong to the pending sign-in.'));
      return;
    }
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    let outcome: Outcome;
    if (code) {
      outcome = { code };
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PAGE('Authorization complete', 'You can close this tab and return to MassGen.'));
    } else {
      const description = url.searchParams.get('error_description');
      outcome = {
        error: `the authorization server refused: ${error ?? 'no code'}${description ? ` (${description})` : ''}`,
      };
      res.writeHead(400, { 'content-type': 'text/html' });
      res.end(PAGE('Authorization failed', 'Return to MassGen for details.'));
    }
    if (this.outcome) return;
    this.outcome = outcome;
    for (const waiter of this.waiters.splice(0)) waiter(outcome);
  }
}
