import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { consensus, type FakeReply, type FakeRequest } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

/** A config of agents `[id, type, model, base_url?]`, pointed at the fake server unless given a URL. */
function config(agents: Array<[id: string, type: string, model: string, url?: string]>): string {
  const base: Record<string, string> = {
    openai: fake.baseUrls.openai,
    claude: fake.baseUrls.anthropic,
    gemini: fake.baseUrls.gemini,
    chatcompletion: fake.baseUrls.chat,
  };
  const lines = ['agents:'];
  for (const [id, type, model, url] of agents) {
    lines.push(`  - id: "${id}"`, '    backend:', `      type: "${type}"`, `      model: "${model}"`);
    lines.push(`      base_url: "${url ?? base[type]}"`, '      api_key: "test-key"');
  }
  return `${lines.join('\n')}\n`;
}

/** The protocol bot's reply to `req`. */
const bot = (req: FakeRequest) => consensus()(req) as FakeReply;

function readLog(logDir: string) {
  const events = readFileSync(path.join(logDir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CoordinationEvent);
  const status = readFileSync(path.join(logDir, 'status.json'), 'utf8');
  return { events, eventsText: readFileSync(path.join(logDir, 'events.jsonl'), 'utf8'), status };
}

/** The `Logs: <dir>` line of the plain output. */
const plainLogDir = (stdout: string) => /^Logs: (.+)$/m.exec(stdout)?.[1] ?? '';

/** status.json of the only run under `home`, as it is now. */
function liveStatus(home: string) {
  const root = path.join(home, '.massgen', 'massgen_logs');
  const [run] = readdirSync(root);
  return JSON.parse(readFileSync(path.join(root, run!, 'turn_1', 'status.json'), 'utf8'));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('provider faults (CLI against the fake provider)', () => {
  it('names in-stream errors and cut streams, retries the turn, and drops an agent that keeps failing', async () => {
    const broken = new Set<string>();
    fake.setScenario((req) => {
      if (broken.has(req.model) && req.model !== 'claude-gone') return bot(req);
      if (req.model === 'llama-cut') {
        broken.add(req.model);
        return { ...bot(req), text: 'Half of it', cutAfterChunks: 3 };
      }
      if (req.model === 'claude-flaky' || req.model === 'claude-gone') {
        broken.add(req.model);
        // Some text arrives, then the error event.
        return {
          ...bot(req),
          text: 'Thinking it over.',
          streamError: { afterChunks: 4, type: 'overloaded_error' },
        };
      }
      return bot(req);
    });
    const home = tempHome();
    const file = writeFile(
      home,
      'c.yaml',
      config([
        ['flaky', 'claude', 'claude-flaky'],
        ['gone', 'claude', 'claude-gone'],
        ['steady', 'openai', 'gpt-steady'],
        ['cut', 'chatcompletion', 'llama-cut'],
      ]),
    );
    const r = await runCli(['--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l === '❌ [flaky] overloaded_error: Overloaded — retrying')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('❌ [gone] overloaded_error: Overloaded'))).toHaveLength(3);
    expect(lines).toContain('⛔ [gone] dropped: overloaded_error: Overloaded');
    expect(
      lines.filter((l) => l === '❌ [cut] the reply stream broke off (terminated) — retrying'),
    ).toHaveLength(1);
    const log = readLog(plainLogDir(r.stdout));
    for (const text of [r.stdout, r.stderr, log.eventsText, log.status])
      expect(text).not.toContain('[object Object]');
    expect(JSON.parse(log.status).agents.gone).toMatchObject({
      status: 'dropped',
      error: { type: 'dropped', message: 'overloaded_error: Overloaded' },
    });
    // Errors after content are the turn's to retry: the request-level middleware left them alone.
    expect(log.events.filter((e) => e.type === 'provider-retry')).toEqual([]);
  });

  it('shows each 429 retry as it happens: a plain line, one event per 429, status.json retrying meanwhile', async () => {
    let rateLimited = 0;
    let during: unknown;
    const home = tempHome();
    fake.setScenario((req) => {
      if (req.model !== 'claude-limited') return bot(req);
      rateLimited++;
      if (rateLimited === 1) return { error: { status: 429, retryAfterSeconds: 1 } };
      if (rateLimited === 2) {
        during = liveStatus(home).agents.limited;
        return { error: { status: 429, retryAfterSeconds: 0 } };
      }
      return bot(req);
    });
    const file = writeFile(
      home,
      'c.yaml',
      config([
        ['limited', 'claude', 'claude-limited'],
        ['other', 'gemini', 'gemini-other'],
      ]),
    );
    const r = await runCli(['--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    const message = '429: rate_limit_error: Number of request tokens has exceeded your per-minute rate limit';
    const retries = r.stdout.split('\n').filter((l) => l.startsWith('↻ '));
    expect(retries).toEqual([
      `↻ [limited] retrying in 1 s (${message})`,
      `↻ [limited] retrying in 0 ms (${message})`,
    ]);
    expect(during).toMatchObject({
      status: 'retrying',
      retry: { attempt: 1, delay_seconds: 1, status_code: 429, message: message.slice('429: '.length) },
    });
    const log = readLog(plainLogDir(r.stdout));
    const events = log.events.filter((e) => e.type === 'provider-retry');
    expect(events.map((e) => [e.agentId, e.attempt, e.delayMs, e.statusCode])).toEqual([
      ['limited', 1, 1000, 429],
      ['limited', 2, 0, 429],
    ]);
    expect(log.events.filter((e) => e.type === 'agent-error')).toEqual([]);
    const final = JSON.parse(log.status).agents.limited;
    expect(final.status).not.toBe('retrying');
    expect(final).not.toHaveProperty('retry');
  });

  it('gives up a dead endpoint within seconds while two healthy agents finish the run', async () => {
    fake.setScenario(bot);
    const port = await closedPort();
    const home = tempHome();
    const file = writeFile(
      home,
      'c.yaml',
      config([
        ['dead', 'chatcompletion', 'llama-dead', `http://127.0.0.1:${port}/v1`],
        ['gpt', 'openai', 'gpt-healthy'],
        ['gem', 'gemini', 'gemini-healthy'],
      ]),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], {
      cwd: home,
      env: { MASSGEN_RETRY_BASE_MS: '1000' },
    });
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'WINNER')).toBe('gpt');
    expect(field(r.stdout, 'AGENT_DROPPED')).toBe(
      `dead: Cannot connect to API: connect ECONNREFUSED 127.0.0.1:${port} (still failing after 3 retries) — check backend.base_url and that the server is running`,
    );
    // Two answers, two votes and the presentation: nobody asked the healthy agents twice.
    expect(fake.requests.length - before).toBe(5);
    const { events } = readLog(field(r.stdout, 'LOG_DIR')!);
    const retries = events.filter((e) => e.type === 'provider-retry');
    expect(retries.map((e) => [e.agentId, e.attempt, e.statusCode])).toEqual([
      ['dead', 1, undefined],
      ['dead', 2, undefined],
      ['dead', 3, undefined],
    ]);
    const waited = retries.reduce((sum, e) => sum + (e.type === 'provider-retry' ? e.delayMs : 0), 0);
    expect(waited).toBeGreaterThanOrEqual(1400);
    expect(waited).toBeLessThanOrEqual(2100);
    expect(Number.parseFloat(field(r.stdout, 'DURATION') ?? '')).toBeLessThan(5);
  });

  it('drops an agent at once on insufficient_quota or a bad key, naming what to fix', async () => {
    fake.setScenario((req) => {
      if (req.model === 'gpt-broke') return { error: { status: 429, type: 'insufficient_quota' } };
      if (req.model === 'claude-badkey') return { error: { status: 401, message: 'invalid x-api-key' } };
      return bot(req);
    });
    const home = tempHome();
    const file = writeFile(
      home,
      'c.yaml',
      config([
        ['broke', 'openai', 'gpt-broke'],
        ['badkey', 'claude', 'claude-badkey'],
        ['ok', 'gemini', 'gemini-ok'],
      ]),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'WINNER')).toBe('ok');
    const dropped = r.stdout.split('\n').filter((l) => l.startsWith('AGENT_DROPPED: '));
    expect(dropped.sort()).toEqual([
      'AGENT_DROPPED: badkey: 401 authentication_error: invalid x-api-key — check the API key (backend.api_key or ANTHROPIC_API_KEY)',
      'AGENT_DROPPED: broke: 429 insufficient_quota: You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors. — check the plan and billing of the provider account',
    ]);
    const asked = fake.requests.slice(before).map((q) => q.model);
    expect(asked.filter((m) => m === 'gpt-broke')).toHaveLength(1);
    expect(asked.filter((m) => m === 'claude-badkey')).toHaveLength(1);
    const { events } = readLog(field(r.stdout, 'LOG_DIR')!);
    expect(events.filter((e) => e.type === 'provider-retry')).toEqual([]);
  });
});
