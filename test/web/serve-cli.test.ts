/**
 * `massgen serve` through the built CLI: the URL line, the API behind it, a clean stop on SIGTERM
 * (a run under way interrupted, its log flushed), and the errors that keep it from starting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { api, gate, logEvents, readSse, spawnServe, writeAgentsConfig } from '../support/web.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

describe('massgen serve (CLI)', () => {
  it('prints its URL, answers the API, and on SIGTERM interrupts the run under way, flushes its log and exits 0', async () => {
    const home = tempHome();
    const config = writeAgentsConfig(fake, home, ['a', 'b']);
    const held = gate(2);
    fake.setScenario(held.scenario);
    const { url, child, exit } = await spawnServe(['--port', '0', '--config', config], { cwd: home });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await api({ url }, '/api/runs')).body).toEqual({ runs: [] });
    const started = await api({ url }, '/api/runs', { body: { configPath: config, question: 'Stop me' } });
    expect(started.status).toBe(201);
    await held.arrived;
    child.kill('SIGTERM');
    const r = await exit;
    held.release();
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`MassGen web UI: ${url}\n`);
    expect(r.stderr).toBe(
      'Stopping: interrupting runs and saving their logs (press again to quit at once)…\n',
    );
    const turnDir = path.join(home, '.massgen/massgen_logs', started.body.id, 'turn_1');
    const events = logEvents(turnDir);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'interrupted' });
  });

  it('massgen --web --config X "question" starts the run and opens its page; --open without a browser is a notice', async () => {
    const home = tempHome();
    const config = writeAgentsConfig(fake, home, ['a', 'b']);
    fake.setScenario(consensus());
    const opened = path.join(home, 'opened.txt');
    const browser = writeFile(
      home,
      'browser.cjs',
      `require('node:fs').writeFileSync(${JSON.stringify(opened)}, process.argv[2]);\n`,
    );
    const env = { BROWSER: `${process.execPath} ${browser}` };
    const r = await runCli(['--web', '--web-port', '0', '--config', config, 'Open my run'], {
      cwd: home,
      env,
      onSpawn: (child) => {
        let out = '';
        child.stdout?.on('data', async (d) => {
          out += d;
          const page = /^Run: (\S+)$/m.exec(out)?.[1];
          if (!page) return;
          await vi.waitFor(() => expect(existsSync(opened)).toBe(true), { timeout: 10_000 });
          const id = decodeURIComponent(page.split('/runs/')[1]!);
          const { url } = { url: page.split('runs/')[0]! };
          await readSse(`${url}api/runs/${id}/events`);
          const detail = await api({ url }, `/api/runs/${id}`);
          expect(detail.body).toMatchObject({ question: 'Open my run', status: 'completed' });
          child.kill('SIGTERM');
        });
      },
    });
    expect(r.code).toBe(0);
    const [urlLine, runLine] = r.stdout.trim().split('\n');
    const url = /^MassGen web UI: (\S+)$/.exec(urlLine!)![1]!;
    expect(runLine).toMatch(
      new RegExp(`^Run: ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}runs/log_\\d{8}_\\d{6}_\\d{6}$`),
    );
    expect(readFileSync(opened, 'utf8')).toBe(runLine!.slice('Run: '.length));

    let stderr = '';
    const noBrowser = await spawnServe(['--port', '0', '--open'], {
      cwd: home,
      env: { BROWSER: path.join(home, 'no-such-browser') },
      onSpawn: (child) =>
        child.stderr?.on('data', (d) => {
          stderr += d;
        }),
    });
    const stopped = noBrowser.exit;
    await vi.waitFor(() => expect(stderr).toContain('notice: could not open the browser'), {
      timeout: 10_000,
    });
    noBrowser.child.kill('SIGTERM');
    const end = await stopped;
    expect(end.code).toBe(0);
    expect(end.stderr).toMatch(
      new RegExp(
        `^notice: could not open the browser \\(.*\\); open ${noBrowser.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} yourself\\.\n`,
      ),
    );
  });

  it('massgen --web whose run cannot start stops with the error (exit 1)', async () => {
    const home = tempHome();
    const config = writeFile(
      home,
      'keyless.yaml',
      'agents:\n  - id: a\n    backend:\n      type: openai\n      model: gpt-5-mini\n',
    );
    const r = await runCli(['--web', '--web-port', '0', '--config', config, 'No key'], {
      cwd: home,
      env: { BROWSER: path.join(home, 'no-such-browser') },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^MassGen web UI: http:\/\/127\.0\.0\.1:\d+\/\n$/);
    expect(r.stderr).toContain('error: Agent "a" (backend openai) needs an API key: set OPENAI_API_KEY');
  });

  it('refuses a non-loopback --host without a token, saying why (exit 1)', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: --host 0.0.0.0 is not a loopback address: anyone who can reach it could start runs with your API keys. Give a token with --token TOKEN (or MASSGEN_SERVER_TOKEN); clients then send it in an Authorization header.\n',
    );
  });

  it('serve --config A --config B offers both configs, in the order given', async () => {
    const home = tempHome();
    const first = writeAgentsConfig(fake, home, ['a'], 'first.yaml');
    const second = writeAgentsConfig(fake, home, ['b'], 'second.yaml');
    const { url, child, exit } = await spawnServe(['--port', '0', '--config', first, '--config', second], {
      cwd: home,
    });
    const { body } = await api({ url }, '/api/configs');
    expect(body.configs.filter((c: { example: boolean }) => !c.example)).toEqual([
      { name: 'first', path: first, example: false },
      { name: 'second', path: second, example: false },
    ]);
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });

  it('on 0.0.0.0 with MASSGEN_SERVER_TOKEN it starts and every API request needs the token', async () => {
    const token = 'env-token-0123456789';
    const { url, child, exit } = await spawnServe(['--host', '0.0.0.0', '--port', '0'], {
      env: { MASSGEN_SERVER_TOKEN: token },
    });
    const local = { url: url.replace('0.0.0.0', '127.0.0.1') };
    expect((await api(local, '/api/runs')).status).toBe(401);
    expect((await api(local, '/api/runs', { headers: { authorization: `Bearer ${token}` } })).body).toEqual({
      runs: [],
    });
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });

  it('a port in use is an error naming the port and --port (exit 1)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runCli(['serve', '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `error: Port ${port} on 127.0.0.1 is in use: choose another one with --port N (or stop the program using it).\n`,
      );
    } finally {
      blocker.close();
    }
  });

  it('a bad --port or a served config that does not load stops the start (exit 1)', async () => {
    const bad = await runCli(['serve', '--port', 'eighty']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: --port eighty is not a port number: give a number from 0 to 65535.\n');
    const home = tempHome();
    const missing = await runCli(['serve', '--port', '0', '--config', 'nope.yaml'], { cwd: home });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`error: config file not found: ${path.join(home, 'nope.yaml')}`);
  });
});
