/**
 * Bad input gets a clear, bounded answer through the CLI: timeouts a timer cannot hold, huge values,
 * alias bombs, files that are not files, oversized files, and a log folder that cannot be written.
 * Each is a config error (exit 1) naming the file or flag and the fix, with no stack trace, before
 * any request reaches the provider.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { CLI, type CliResult, runCli, tempHome, writeFile } from '../support/cli.js';

const NO_STACK = /\n\s+at .+:\d+:\d+/;

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
  fake.setScenario(consensus());
});
afterAll(async () => {
  await fake.close();
});

/** One agent on the fake provider, plus extra top-level YAML. */
function config(extra = '', backend: string[] = []): string {
  return [
    'agents:',
    '  - id: a',
    '    backend:',
    '      type: chatcompletion',
    '      model: bad-input-model',
    `      base_url: ${JSON.stringify(fake.baseUrls.chat)}`,
    '      api_key: test-key',
    ...backend.map((l) => `      ${l}`),
    extra,
  ].join('\n');
}

/** Runs the CLI and checks that no request reached the provider. */
async function refusedBeforeAnyRequest(args: string[], cwd: string): Promise<CliResult> {
  const before = fake.requests.length;
  const r = await runCli(args, { cwd });
  expect(fake.requests.length).toBe(before);
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(NO_STACK);
  return r;
}

describe('timeouts a Node.js timer cannot hold', () => {
  it('--orchestrator-timeout above 2^31 ms is refused, naming the flag and the maximum', async () => {
    const home = tempHome();
    const file = writeFile(home, 'c.yaml', config());
    const r = await refusedBeforeAnyRequest(
      ['--automation', '--orchestrator-timeout', '99999999999', '--config', file, 'Q'],
      home,
    );
    expect(r.stderr).toBe(
      'error: --orchestrator-timeout must be at most 2147483 seconds (about 24.8 days, the longest timer Node.js can set), got 99999999999.\n',
    );
  });

  it('every timeout key of a config above the maximum is an error naming its key path (35 days in YAML)', async () => {
    const home = tempHome();
    const days35 = 35 * 24 * 3600;
    const file = writeFile(
      home,
      'c.yaml',
      config(
        [
          'timeout_settings:',
          `  orchestrator_timeout_seconds: ${days35}`,
          `  agent_timeout_seconds: ${days35}`,
          `  tool_timeout_seconds: ${days35}`,
        ].join('\n'),
        [
          'mcp_servers:',
          `  - { name: s, command: node, timeout_seconds: ${days35} }`,
          'custom_tools:',
          `  - { name: t, command: [echo, "{x}"], timeout_seconds: ${days35} }`,
        ],
      ),
    );
    const r = await refusedBeforeAnyRequest(['--automation', '--config', file, 'Q'], home);
    const keys = [
      ...r.stderr.matchAll(/✖ .*c\.yaml: ([\w.[\]]+): must be at most 2147483, got 3024000\n/g),
    ].map((m) => m[1]);
    expect(keys.sort()).toEqual([
      'agents[0].backend.custom_tools[0].timeout_seconds',
      'agents[0].backend.mcp_servers[0].timeout_seconds',
      'timeout_settings.agent_timeout_seconds',
      'timeout_settings.orchestrator_timeout_seconds',
      'timeout_settings.tool_timeout_seconds',
    ]);
    expect(r.stderr.match(/fix: use at most 2147483 seconds \(about 24\.8 days/g)).toHaveLength(5);
  });

  it('the largest timeout allowed is accepted', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'c.yaml',
      config('timeout_settings:\n  orchestrator_timeout_seconds: 2147483'),
    );
    const r = await runCli(['--validate', file], { cwd: home });
    expect(r.stdout).toBe('0 errors, 0 warnings');
    expect(r.code).toBe(0);
  });
});

describe('huge values', () => {
  it('an invalid backend.type of 1 MB is answered at once, without a suggestion search, echoing a short part; 4 MB is refused by size', async () => {
    const home = tempHome();
    const huge = 'x'.repeat(1_000_000);
    const file = writeFile(home, 'c.yaml', config().replace('type: chatcompletion', `type: ${huge}`));
    const started = Date.now();
    const r = await runCli(['--validate', file], { cwd: home });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${file}: agents[0].backend.type: unknown backend type "${'x'.repeat(37)}..."`,
    );
    expect(r.stdout).not.toContain('did you mean');
    expect(r.stdout.length).toBeLessThan(2000);

    const four = writeFile(
      home,
      'four.yaml',
      config().replace('type: chatcompletion', `type: ${'x'.repeat(4_000_000)}`),
    );
    const refused = await refusedBeforeAnyRequest(['--config', four, 'Q'], home);
    expect(refused.stderr).toContain(`config file ${four} is too large: 3.8 MiB (at most 1 MiB)`);
  });

  it('an unknown key of 1 MB is cut in the message', async () => {
    const home = tempHome();
    const huge = 'k'.repeat(1_000_000);
    const backend = { type: 'chatcompletion', model: 'm', base_url: fake.baseUrls.chat, [huge]: 1 };
    const file = writeFile(home, 'c.json', JSON.stringify({ agents: [{ id: 'a', backend }] }));
    const r = await refusedBeforeAnyRequest(['--config', file, 'Q'], home);
    expect(r.stderr).toContain(
      `unknown key \`${'k'.repeat(80)}… (1000000 characters)\` in \`agents[0].backend\``,
    );
    expect(r.stderr.length).toBeLessThan(3000);
  });
});

describe('files that are not configs', () => {
  it('a YAML alias bomb is a config error naming the file (exit 1)', async () => {
    const home = tempHome();
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const file = writeFile(home, 'bomb.yaml', `${levels.join('\n')}\n${config()}\n`);
    const r = await refusedBeforeAnyRequest(['--config', file, 'Q'], home);
    expect(r.stderr).toContain(`error: ${file}: its YAML aliases (*name) expand to too much data`);
    const v = await runCli(['--validate', file], { cwd: home });
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(`${file}: its YAML aliases (*name) expand to too much data`);
  });

  it('--config naming a FIFO or a directory is refused at once, not read', async () => {
    const home = tempHome();
    const fifo = path.join(home, 'pipe.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await refusedBeforeAnyRequest(['--config', fifo, 'Q'], home);
    expect(r.stderr).toContain(`config file ${fifo} is a named pipe (FIFO), not a regular file`);
    const v = await runCli(['--validate', fifo], { cwd: home });
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('is a named pipe (FIFO), not a regular file');

    const dir = path.join(home, 'dir.yaml');
    mkdirSync(dir);
    const d = await refusedBeforeAnyRequest(['--config', dir, 'Q'], home);
    expect(d.stderr).toContain(`config file ${dir} is a directory, not a regular file`);
  });

  it('a ./.env that is a FIFO does not hang the run', async () => {
    const home = tempHome();
    expect(spawnSync('mkfifo', [path.join(home, '.env')]).status).toBe(0);
    const file = writeFile(home, 'c.yaml', config());
    const r = await refusedBeforeAnyRequest(['--config', file, 'Q'], home);
    expect(r.stderr).toContain(`.env file ${path.join(home, '.env')} is a named pipe (FIFO)`);
  });

  it('a config file over 1 MiB is refused with its size', async () => {
    const home = tempHome();
    const file = writeFile(home, 'big.yaml', `${config()}\n# ${'x'.repeat(1024 * 1024)}\n`);
    const r = await refusedBeforeAnyRequest(['--config', file, 'Q'], home);
    expect(r.stderr).toContain(`config file ${file} is too large: 1.0 MiB (at most 1 MiB)`);
  });

  it('a config that is not UTF-8 names the line and column of the bad byte', async () => {
    const home = tempHome();
    const file = path.join(home, 'latin1.yaml');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(`${config()}\n    system_message: "caf`), Buffer.from([0xe9, 0x22, 0x0a])]),
    );
    const r = await refusedBeforeAnyRequest(['--config', file, 'Q'], home);
    expect(r.stderr).toContain(`config file ${file} is not valid UTF-8: byte 0xe9 at line 9, column 25`);
  });
});

/** Whether this machine can mount a folder read-only in a user namespace (Linux `unshare`). */
const canMountReadOnly =
  spawnSync('unshare', ['--map-root-user', '--mount', 'true'], { stdio: 'ignore' }).status === 0;

/** Runs the CLI in `cwd` with `cwd` mounted read-only (a private mount namespace). */
function runReadOnly(cwd: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const script = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"';
    const child = spawn(
      'unshare',
      ['--map-root-user', '--mount', 'sh', '-c', script, 'sh', cwd, process.execPath, CLI, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a log folder that cannot be created', () => {
  it.runIf(canMountReadOnly)(
    'a read-only working folder: exit 1 before any request, naming the folder, EROFS and --no-logs',
    async () => {
      const home = tempHome();
      const file = writeFile(home, 'c.yaml', config());
      const before = fake.requests.length;
      const r = await runReadOnly(home, ['--automation', '--config', file, 'Q']);
      expect(fake.requests.length).toBe(before);
      expect(r.code).toBe(1);
      const folder = path.join(home, '.massgen', 'massgen_logs');
      expect(r.stderr).toContain(
        `error: cannot create the log folder ${folder}: the file system is read-only (EROFS at ${home})\n`,
      );
      expect(r.stderr).toContain('fix: run with --no-logs');
      expect(r.stderr).not.toContain('ENOENT');
      expect(r.stdout).toBe('');
    },
  );

  it('a file where the .massgen folder should be: exit 1 naming the folder and the fix', async () => {
    const home = tempHome();
    writeFileSync(path.join(home, '.massgen'), 'not a folder');
    const file = writeFile(home, 'c.yaml', config());
    const r = await refusedBeforeAnyRequest(['--automation', '--config', file, 'Q'], home);
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: cannot create the log folder ${path.join(home, '.massgen', 'massgen_logs').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (a part of the path is a file, not a folder|a file of that name is in the way) \\(`,
      ),
    );
    expect(r.stderr).toContain('fix: run with --no-logs');
  });
});
