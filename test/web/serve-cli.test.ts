/**
 * `massgen serve` through the built CLI: the URL line, the API behind it, a clean stop on SIGTERM
 * (a run under way interrupted, its log flushed), and the errors that keep it from starting.
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome } from '../support/cli.js';
import { api, gate, logEvents, spawnServe, writeAgentsConfig } from '../support/web.js';

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

  it('refuses a non-loopback --host without a token, saying why (exit 1)', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: --host 0.0.0.0 is not a loopback address: anyone who can reach it could start runs with your API keys. Give a token with --token TOKEN (or MASSGEN_SERVER_TOKEN); clients then send it in an Authorization header.\n',
    );
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
