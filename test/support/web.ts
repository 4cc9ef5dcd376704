/**
 * The web server in tests: started in the test process on a free loopback port, in a temp folder
 * (cwd and home), with agents on the fake provider; an SSE reader over real HTTP; a gate that holds
 * the fake provider's replies until the test lets them go.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CoordinationEvent } from '../../src/events/types.js';
import { type RunningServer, type ServerOptions, startServer } from '../../src/web/server.js';
import { consensus, type Scenario } from '../fake-provider/scenario.js';
import type { FakeProvider } from '../fake-provider/server.js';
import { cliHelpers } from '../tools/cli-helpers.js';
import { type CliOptions, type CliResult, runCli, tempHome, writeFile } from './cli.js';

/** A server in a fresh temp folder; `close` it after the test. */
export async function startTestServer(
  options: ServerOptions = {},
): Promise<RunningServer & { home: string }> {
  const home = options.cwd ?? tempHome();
  const server = await startServer({
    port: 0,
    cwd: home,
    homeDir: home,
    env: { PATH: process.env.PATH ?? '', HOME: home, MASSGEN_RETRY_BASE_MS: '20' },
    ...options,
  });
  return { ...server, home };
}

/** A config file of agents `ids` (models `web-<id>`) on the fake provider; returns its path. */
export function writeAgentsConfig(
  fake: FakeProvider,
  dir: string,
  ids: string[],
  name = 'config.yaml',
): string {
  const { agent } = cliHelpers(() => fake);
  return writeFile(dir, name, `agents:\n${ids.map((id) => agent(id, `web-${id}`, [])).join('\n')}\n`);
}

/** The events of a turn folder's `events.jsonl`. */
export function logEvents(turnDir: string): CoordinationEvent[] {
  return readFileSync(path.join(turnDir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as CoordinationEvent);
}

/** One Server-Sent Event as received. */
export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/** Parses an SSE text stream into messages (comments skipped, as EventSource does). */
export function parseSse(text: string): SseMessage[] {
  const messages: SseMessage[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (block.trim() === '') continue;
    const message: SseMessage = { data: '' };
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'id') message.id = value;
      else if (field === 'event') message.event = value;
    }
    message.data = data.join('\n');
    // A block of comments only (a keep-alive) is no message.
    if (data.length > 0 || message.event !== undefined) messages.push(message);
  }
  return messages;
}

/** Reads an SSE response to its end (the server closes it after `event: end`). */
export async function readSse(url: string, headers: Record<string, string> = {}): Promise<SseMessage[]> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return parseSse(await response.text());
}

/** The coordination events of SSE messages (the final `end` left out). */
export function sseEvents(messages: SseMessage[]): CoordinationEvent[] {
  return messages.filter((m) => m.event === undefined).map((m) => JSON.parse(m.data) as CoordinationEvent);
}

/** JSON over HTTP. */
export async function api(
  server: { url: string },
  pathname: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: a JSON reply, checked by each test's expectations
): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const response = await fetch(new URL(pathname.replace(/^\//, ''), server.url), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text, headers: response.headers };
}

/**
 * Holds every reply of the fake provider until `release()`; `arrived` resolves once `count`
 * requests are waiting.
 */
export function gate(count: number, scenario: Scenario = consensus()) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let waiting = 0;
  let reached!: () => void;
  const arrived = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const held: Scenario = async (req) => {
    if (++waiting === count) reached();
    await opened;
    return scenario(req);
  };
  return { scenario: held, arrived, release: () => open() };
}

/** `massgen serve …` as a child process: resolves once it printed its URL line. */
export function spawnServe(
  args: string[],
  options: CliOptions = {},
): Promise<{ url: string; child: ChildProcess; exit: Promise<CliResult> }> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess | undefined;
    const exit = runCli(['serve', ...args], {
      timeoutMs: 60_000,
      ...options,
      onSpawn: (c) => {
        child = c;
        let out = '';
        c.stdout?.on('data', (d) => {
          out += d;
          const url = /^MassGen web UI: (\S+)$/m.exec(out)?.[1];
          if (url) resolve({ url, child: c, exit });
        });
        options.onSpawn?.(c);
      },
    });
    exit.then((r) => {
      if (child)
        reject(new Error(`massgen serve ended (code ${r.code}) before printing its URL: ${r.stderr}`));
    }, reject);
  });
}
