/**
 * `massgen serve`: the web UI, the JSON API and the OpenAI-compatible endpoint on one local server,
 * until Ctrl-C or SIGTERM (runs under way are interrupted and their logs flushed, then exit 0).
 * `massgen --web` starts it too, and opens the page (the run's page when a question is given).
 */
import { spawn } from 'node:child_process';
import { loadEnvFiles } from '../config/env.js';
import { ConfigError } from '../errors.js';
import { browserCommand } from '../tools/mcp/oauth-browser.js';
import { terminalText } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';
import type { QuickSetup } from './quick-config.js';
import { reportError } from './report-error.js';
import type { ResolvedConfig } from './resolve-config.js';

export interface ServeFlags {
  host?: string;
  port?: string;
  /** `--config FILE` (repeatable). */
  config?: string[];
  open?: boolean;
  token?: string;
}

/** A run to start once the server listens (`massgen --web "question"`). */
export interface FirstRun {
  question: string;
  resolved: ResolvedConfig;
}

/** The flags of `massgen --web`: those choosing the config, and where to listen. */
export interface WebFlags extends QuickSetup {
  config?: string;
  webHost?: string;
  webPort?: string;
}

const err = (text: string) => process.stderr.write(terminalText(text));

function parsePort(value: string | undefined): number {
  if (value === undefined) return 8000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new ConfigError(`--port ${value} is not a port number: give a number from 0 to 65535.`);
  }
  return port;
}

/** Opens `url` in the browser; a failure is a notice, never the end of the server. */
function openBrowser(url: string, printable: string): void {
  const [command, ...args] = browserCommand(url, process.env);
  const notice = (why: string) =>
    err(`notice: could not open the browser (${why}); open ${printable} yourself.\n`);
  if (!command) {
    notice('no browser command');
    return;
  }
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', (error) => notice(error.message));
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) notice(`${command} exited with code ${code}`);
    });
    child.unref();
  } catch (error) {
    notice((error as Error).message);
  }
}

export async function serveCommand(flags: ServeFlags, first?: FirstRun): Promise<number> {
  try {
    loadEnvFiles();
    const configs = flags.config ?? [];
    const token = flags.token ?? process.env.MASSGEN_SERVER_TOKEN;
    const { startServer } = await import('../web/server.js');
    const server = await startServer({
      host: flags.host,
      port: parsePort(flags.port),
      token: token?.trim() || undefined,
      configs,
    });
    const stopped = new Promise<number>((resolve) => {
      let stopping = false;
      const stop = () => {
        if (stopping) process.exit(EXIT.interrupted);
        stopping = true;
        err('Stopping: interrupting runs and saving their logs (press again to quit at once)…\n');
        server.close().then(
          () => resolve(EXIT.ok),
          (error: unknown) => resolve(reportError(error)),
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    process.stdout.write(`MassGen web UI: ${server.url}\n`);
    let page = server.url;
    if (first) {
      let run: Awaited<ReturnType<typeof server.deps.registry.start>>['run'];
      try {
        ({ run } = await server.deps.registry.start(first));
      } catch (error) {
        // The run cannot start (a missing key, a bad config): nothing else to serve it for.
        await server.close();
        return reportError(error);
      }
      page = `${server.url}runs/${encodeURIComponent(run.id)}`;
      process.stdout.write(`Run: ${page}\n`);
    }
    if (flags.open) {
      const withToken = token
        ? `${page}${page.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`
        : page;
      openBrowser(withToken, page);
    }
    return await stopped;
  } catch (error) {
    return reportError(error);
  }
}

/**
 * `massgen --web [--config X] ["question"]`: the server of `massgen serve`, opened in the browser;
 * with a question, its run starts at once (with the config a run of the CLI would use) and its page
 * opens.
 */
export async function webCommand(question: string | undefined, flags: WebFlags): Promise<number> {
  try {
    let first: FirstRun | undefined;
    if (question !== undefined) {
      if (!question.trim())
        throw new ConfigError('No question given. Usage: massgen --web [--config FILE] "your question"');
      loadEnvFiles();
      const { resolveConfig } = await import('./resolve-config.js');
      const resolved = await resolveConfig(flags, process.env);
      if (!resolved) {
        const { SETUP_GUIDE } = await import('./default-config.js');
        err(SETUP_GUIDE);
        return EXIT.config;
      }
      const { checkEnvReferences } = await import('../config/env-references.js');
      checkEnvReferences(resolved.raw, resolved.path, process.env);
      first = { question, resolved };
    }
    return await serveCommand(
      { host: flags.webHost, port: flags.webPort, config: flags.config ? [flags.config] : [], open: true },
      first,
    );
  } catch (error) {
    return reportError(error);
  }
}
