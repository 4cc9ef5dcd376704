/**
 * Starting the web server: checks that it may listen where asked (off loopback only with a token),
 * loads the configs it serves, listens on Node's HTTP server, and stops cleanly (runs interrupted,
 * their logs flushed, connections closed).
 */
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { loadConfigFile } from '../config/load.js';
import { ConfigError } from '../errors.js';
import { createRedactor } from '../events/redaction.js';
import { createApp } from './app.js';
import { ApprovalBroker } from './approvals.js';
import { servedConfigs } from './configs.js';
import type { ServerDeps } from './deps.js';
import { RunHistory } from './history.js';
import { RunRegistry } from './run-registry.js';
import { isLoopbackHost } from './security.js';
import { defaultWebRoot } from './static-files.js';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 8000; 0 picks a free port. */
  port?: number;
  /** Required off loopback; checked on every API request when given. */
  token?: string;
  /** Config files (or `@examples/NAME`) offered as models and in the start form. */
  configs?: string[];
  /** Working directory of the runs and of the log folder; default `process.cwd()`. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Home folder of the runs; default the user's. */
  homeDir?: string;
  /** The built web app; default this package's `dist/web`. */
  webRoot?: string;
  /** Largest request body, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** A comment on an idle event stream this often, in ms (default 15 s). */
  keepAliveMs?: number;
}

/** A listening server. */
export interface RunningServer {
  /** `http://host:port/`. */
  url: string;
  host: string;
  port: number;
  deps: ServerDeps;
  /** Interrupts the runs, waits for their logs, closes every connection. */
  close(): Promise<void>;
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new ConfigError(
            `Port ${port} on ${host} is in use: choose another one with --port N (or stop the program using it).`,
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(
          new ConfigError(`Cannot listen on ${host}: it is not an address of this machine; check --host.`),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new ConfigError(`Not allowed to listen on port ${port}: choose a port above 1023 with --port N.`),
        );
      } else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token === '' ? undefined : options.token;
  if (!isLoopbackHost(host) && token === undefined) {
    throw new ConfigError(
      `--host ${host} is not a loopback address: anyone who can reach it could start runs with your API keys. ` +
        'Give a token with --token TOKEN (or MASSGEN_SERVER_TOKEN); clients then send it in an Authorization header.',
    );
  }
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const home = options.homeDir ?? os.homedir();
  const files = options.configs ?? [];
  // A served config that cannot be loaded stops the start, with its errors.
  for (const file of files) await loadConfigFile(file, { cwd, home });
  const approvals = new ApprovalBroker();
  const deps: ServerDeps = {
    registry: new RunRegistry({ cwd, env, approvals, homeDir: options.homeDir }),
    history: new RunHistory(path.join(cwd, '.massgen', 'massgen_logs')),
    approvals,
    places: { cwd, home, env },
    configs: servedConfigs(files, cwd),
    redactor: createRedactor({ env }),
  };
  const app = createApp(deps, {
    token,
    webRoot: options.webRoot ?? defaultWebRoot(),
    maxBodyBytes: options.maxBodyBytes,
    keepAliveMs: options.keepAliveMs,
  });
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  const port = await listen(server, host, options.port ?? 8000);
  let closing: Promise<void> | undefined;
  return {
    url: urlOf(host, port),
    host,
    port,
    deps,
    close() {
      closing ??= (async () => {
        await deps.registry.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
