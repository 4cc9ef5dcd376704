/**
 * Many MCP servers in one run (CLI): only `MASSGEN_MCP_START_CONCURRENCY` of them connect at a
 * time, the others wait their turn, and the run deadline still ends the run — servers still queued
 * then are never started.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { cliHelpers, FIXTURES } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
  fake.setScenario(consensus());
});
afterAll(async () => {
  await fake.close();
});

const { q, agent } = cliHelpers(() => fake);

/** `agents` agents, each with `servers` stdio servers running `script` with `dir` as its argument. */
function manyServers(agents: number, servers: number, script: string, dir: string): string {
  const blocks = Array.from({ length: agents }, (_, a) =>
    agent(`a${a + 1}`, 'pool-model', [
      'mcp_servers:',
      ...Array.from({ length: servers }, (_, s) => [
        `  - name: s${s + 1}`,
        `    command: ${q(process.execPath)}`,
        `    args: [${q(path.join(FIXTURES, script))}, ${q(dir)}]`,
      ]).flat(),
    ]),
  );
  return `agents:\n${blocks.join('\n')}\n`;
}

const started = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('started-')).length;

describe('MCP server start-up is pooled and bounded by the run (CLI)', () => {
  it('6 servers of 3 agents with a pool of 2: never more than 2 connect at once, all 6 get ready', async () => {
    const home = tempHome();
    const dir = path.join(home, 'marks');
    mkdirSync(dir);
    const file = writeFile(home, 'pool.yaml', manyServers(3, 2, 'counting-server.mjs', dir));
    const r = await runCli(['--automation', '--config', file, 'Ping?'], {
      cwd: home,
      env: { MASSGEN_MCP_START_CONCURRENCY: '2' },
      timeoutMs: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(started(dir)).toBe(6);
    const counts = readFileSync(path.join(dir, 'counts'), 'utf8').trim().split('\n').map(Number);
    expect(counts).toHaveLength(12);
    expect(Math.max(...counts)).toBe(2);
  }, 90_000);

  it('a pool of 1 held by a server that never answers: the deadline ends the run, the queued servers never start', async () => {
    const home = tempHome();
    const dir = path.join(home, 'hanging');
    mkdirSync(dir);
    const file = writeFile(home, 'hang.yaml', manyServers(2, 2, 'hanging-server.mjs', dir));
    const begun = Date.now();
    const r = await runCli(['--automation', '--orchestrator-timeout', '2', '--config', file, 'Ping?'], {
      cwd: home,
      env: { MASSGEN_MCP_START_CONCURRENCY: '1' },
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('STATUS_FINAL: timeout');
    // The 30 s connect timeout of the first server did not hold the run past its 2 s deadline.
    expect(Date.now() - begun).toBeLessThan(15_000);
    expect(started(dir)).toBe(1);
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(ps).not.toContain(dir);
  });

  it('a MASSGEN_MCP_START_CONCURRENCY that is not a whole number ≥ 1 is a config error', async () => {
    const home = tempHome();
    const dir = path.join(home, 'none');
    mkdirSync(dir);
    const file = writeFile(home, 'bad.yaml', manyServers(1, 1, 'hanging-server.mjs', dir));
    const r = await runCli(['--automation', '--config', file, 'Ping?'], {
      cwd: home,
      env: { MASSGEN_MCP_START_CONCURRENCY: 'lots' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: MASSGEN_MCP_START_CONCURRENCY must be a whole number of at least 1 (MCP servers that connect at the same time), got "lots"; unset it for the default, 8.\n',
    );
    expect(started(dir)).toBe(0);
  });
});
