import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { FIXTURES } from '../tools/cli-helpers.js';

const q = (value: string) => JSON.stringify(value);
const MATH = path.join(FIXTURES, 'math-tools.ts');

/** A config of one agent with the given backend lines (tools). */
function config(backend: string[]): string {
  return [
    'agents:',
    '  - id: a',
    '    backend:',
    '      type: openai',
    '      model: gpt-5-mini',
    ...backend.map((l) => `      ${l}`),
    '',
  ].join('\n');
}

interface Report {
  valid: boolean;
  error_count: number;
  errors: Array<{ file: string; path: string; message: string; suggestion: string | null }>;
}

describe('--validate checks tools without running them', () => {
  it('reports every broken custom tool and MCP server with its key path and a fix (exit 1)', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'tools.yaml',
      config([
        'custom_tools:',
        `  - path: ${q(MATH)}`,
        '    function: [add, subtract]',
        '  - path: tools/missing.ts',
        '    function: f',
        '  - name: counter',
        '    command: [massgen-no-such-program-xyz, "{path}"]',
        '    cwd: no-such-folder',
        '  - name: local',
        '    command: [./bin/count.sh]',
        'mcp_servers:',
        '  - name: files',
        '    command: massgen-no-such-server-xyz',
        '    args: ["--root", "${MASSGEN_TEST_UNSET_ROOT}"]',
        '    env: { API_TOKEN: "${MASSGEN_TEST_UNSET_TOKEN}" }',
        '    cwd: servers',
        '  - name: web',
        '    url: "localhost:8080/mcp"',
        '  - name: fine',
        `    command: ${q(process.execPath)}`,
        '    args: ["--version"]',
      ]),
    );
    const r = await runCli(['--validate', file, '--json'], { cwd: home });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.path)).toEqual([
      'agents[0].backend.custom_tools[0].function',
      'agents[0].backend.custom_tools[1].path',
      'agents[0].backend.custom_tools[2].command[0]',
      'agents[0].backend.custom_tools[2].cwd',
      'agents[0].backend.custom_tools[3].command[0]',
      'agents[0].backend.mcp_servers[0].args[1]',
      'agents[0].backend.mcp_servers[0].env.API_TOKEN',
      'agents[0].backend.mcp_servers[0].cwd',
      'agents[0].backend.mcp_servers[0].command',
      'agents[0].backend.mcp_servers[1].url',
    ]);
    expect(report.error_count).toBe(10);
    expect(new Set(report.errors.map((e) => e.file))).toEqual(new Set([file]));
    const [
      missingExport,
      missingModule,
      noProgram,
      noCwd,
      noScript,
      unsetArg,
      unsetEnv,
      noServerCwd,
      noServer,
      badUrl,
    ] = report.errors;
    expect(missingExport!.message).toBe(`${MATH} has no exported function "subtract"`);
    expect(missingExport!.suggestion).toBe('exported functions: add, boom, hang');
    expect(missingModule!.message).toBe(
      `custom tool module not found: ${path.join(home, 'tools/missing.ts')}`,
    );
    expect(missingModule!.suggestion).toBe("paths are relative to the config file's folder");
    expect(noProgram!.message).toBe('program "massgen-no-such-program-xyz" not found on PATH');
    expect(noCwd!.message).toBe(`folder ${path.join(home, 'no-such-folder')} does not exist`);
    expect(noScript!.message).toBe(`program ${path.join(home, 'bin/count.sh')} not found or not executable`);
    expect(unsetArg!.message).toBe('${MASSGEN_TEST_UNSET_ROOT} is not set or is empty (MCP server "files")');
    expect(unsetArg!.suggestion).toBe(
      'set MASSGEN_TEST_UNSET_ROOT in the environment, in ./.env or in ~/.massgen/.env',
    );
    expect(unsetEnv!.message).toBe('${MASSGEN_TEST_UNSET_TOKEN} is not set or is empty (MCP server "files")');
    expect(noServerCwd!.message).toBe(
      `MCP server "files": folder ${path.join(home, 'servers')} does not exist`,
    );
    expect(noServer!.message).toBe(
      'MCP server "files": program "massgen-no-such-server-xyz" not found on PATH',
    );
    expect(noServer!.suggestion).toBe('install it (e.g. Node.js for npx), or give its full path');
    expect(badUrl!.message).toBe('MCP server "web": not an http(s) URL');

    // The text report names the same problems, each with its fix.
    const text = await runCli(['--validate', file], { cwd: home });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      `✖ ${file}: agents[0].backend.custom_tools[0].function: ${MATH} has no exported function "subtract"\n  fix: exported functions: add, boom, hang`,
    );
    expect(text.stdout).toMatch(/\n10 errors, 0 warnings$/);
  });

  it('passes tools that load and servers that resolve, starting none of them; .env variables count (exit 0)', async () => {
    const home = tempHome();
    mkdirSync(path.join(home, 'servers'));
    writeFile(home, '.env', 'MASSGEN_TEST_ROOT=/data\n');
    const marker = path.join(home, 'started');
    const file = writeFile(
      home,
      'good.yaml',
      config([
        'custom_tools:',
        `  - path: ${q(MATH)}`,
        '    function: [add, hang]',
        '  - name: count',
        '    command: [wc, -w, "{path}"]',
        'mcp_servers:',
        '  files:',
        `    command: ${q(process.execPath)}`,
        `    args: ["-e", ${q(`require('fs').writeFileSync(${q(marker)}, '')`)}, "\${MASSGEN_TEST_ROOT}"]`,
        '    cwd: servers',
        '  search:',
        '    url: "https://example.com/mcp"',
      ]),
    );
    const r = await runCli(['--validate', file], { cwd: home });
    expect(r.stdout).toBe('0 errors, 0 warnings');
    expect(r.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('names a server of the name-keyed form by its name', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'map.yaml',
      config(['mcp_servers:', '  files:', '    command: massgen-no-such-server-xyz']),
    );
    const r = await runCli(['--validate', file, '--json'], { cwd: home });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Report).errors.map((e) => e.path)).toEqual([
      'agents[0].backend.mcp_servers.files.command',
    ]);
  });
});
