/**
 * Commands against a hostile model, through the CLI: `execute_command` and command-line custom
 * tools see none of MassGen's keys (process environment, ./.env, ~/.massgen/.env), the bubblewrap
 * sandbox shows neither the home folder, nor MassGen's folders, nor `.env` files; without
 * bubblewrap the fallback says so on stderr (also with --automation) and what a command leaves
 * running (`setsid`, `nohup`, `&`) ends with it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapStatus } from '../../src/workspace/sandbox.js';
import { scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { allToolResults, call, pathWithoutBwrap, processGone, resultOf } from '../support/hostile.js';
import { cliHelpers } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const { agent, presentAnswer } = cliHelpers(() => fake);
const sandboxed = bwrapStatus().available;

/** Values that must reach no command, no tool result, no log and no output. */
const SECRETS = {
  dotenv: 'sk-dotenv-secret-1111',
  dotenvPassword: 'pw-dotenv-secret-2222',
  homeDotenv: 'sk-home-secret-3333',
  processKey: 'xai-env-secret-4444',
  plain: 'plain-value-not-passed-6666',
  projectDotenv: 'proj-secret-7777',
  nestedDotenv: 'nested-secret-8888',
};
const PASSED = 'ghp-passed-token-5555';

/** A home (= working directory) holding keys in every place MassGen reads them from. */
function homeWithKeys(): { home: string; project: string; env: Record<string, string> } {
  const home = tempHome();
  writeFileSync(
    path.join(home, '.env'),
    `OPENAI_API_KEY=${SECRETS.dotenv}\nDOTENV_PASSWORD=${SECRETS.dotenvPassword}\n`,
  );
  mkdirSync(path.join(home, '.massgen'));
  writeFileSync(path.join(home, '.massgen', '.env'), `ANTHROPIC_API_KEY=${SECRETS.homeDotenv}\n`);
  const project = path.join(home, 'project');
  mkdirSync(path.join(project, 'sub'), { recursive: true });
  writeFileSync(path.join(project, '.env'), `PROJECT_KEY=${SECRETS.projectDotenv}\n`);
  writeFileSync(path.join(project, 'sub', '.env.local'), `NESTED=${SECRETS.nestedDotenv}\n`);
  writeFileSync(path.join(project, 'readme.txt'), 'readable readme');
  const env = { XAI_API_KEY: SECRETS.processKey, PASSED_TOKEN: PASSED, PLAIN_VALUE: SECRETS.plain };
  return { home, project, env };
}

function config(home: string, model: string): string {
  return writeFile(
    home,
    'cmd.yaml',
    [
      'agents:',
      agent('h', model, [
        'cwd: ws',
        'enable_mcp_command_line: true',
        'command_line_pass_env_vars: [PASSED_TOKEN]',
        'context_paths:',
        '  - path: project',
        'custom_tools:',
        '  - name: show_env',
        '    description: Print the environment.',
        '    command: [/usr/bin/env]',
        '    env: {TOOL_SETTING: plain-setting}',
      ]),
      '',
    ].join('\n'),
  );
}

/** What every run of this file checks: no secret anywhere, and the environments commands got. */
function expectNoSecrets(texts: Record<string, string>): void {
  for (const [where, text] of Object.entries(texts)) {
    for (const [name, secret] of Object.entries(SECRETS))
      expect(text, `${name} in ${where}`).not.toContain(secret);
  }
}

/** Names of the variables of `env` output (one `NAME=value` per line). */
const names = (output: string) =>
  output
    .split('\n')
    .filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l))
    .map((l) => l.slice(0, l.indexOf('=')))
    .sort();
/** Set by the shell itself, not passed. */
const SHELL_VARIABLES = new Set(['PWD', 'SHLVL', 'OLDPWD', '_']);

describe('commands against a hostile model (CLI)', () => {
  it.skipIf(!sandboxed)(
    'sandboxed: commands and custom tools see no key; the sandbox shows no home, no MassGen folder, no .env',
    async () => {
      const { home, project, env } = homeWithKeys();
      const reads = [
        'cat .env',
        'cat ~/.massgen/.env',
        'ls -A ~',
        `cat ${home}/.env`,
        `cat ${home}/.massgen/.env`,
        `ls -A ${home}`,
        `ls -A ${home}/.massgen`,
        `cat ${project}/.env`,
        `cat ${project}/sub/.env.local`,
        `cat ${project}/readme.txt`,
        "cat /proc/*/environ | tr '\\0' '\\n'",
      ];
      fake.setScenario(
        scripted(
          {
            'h-env': [
              {
                toolCalls: [
                  call('c1', 'execute_command', { command: 'env | sort' }),
                  call('c2', 'execute_command', { command: reads.join('; ') }),
                  call('t1', 'custom_tool__show_env', {}),
                  call('f1', 'read_file', { path: `${project}/.env` }),
                  call('f2', 'read_file', { path: `${home}/.massgen/.env` }),
                  call('f3', 'search_files', { pattern: 'secret', path: project }),
                  call('f4', 'read_file', { path: `${project}/readme.txt` }),
                ],
              },
              { toolCalls: [call('a1', 'new_answer', { content: 'looked around' })] },
            ],
          },
          presentAnswer,
        ),
      );
      const since = fake.requests.length;
      const r = await runCli(['--automation', '--config', config(home, 'h-env'), 'Go.'], { cwd: home, env });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const result = (id: string) => resultOf(fake, since, id) ?? '';
      const ws = /Your workspace is (\S+?):/.exec(fake.requests[since]!.system)![1]!;

      const commandEnv = result('c1');
      expect(commandEnv).toMatch(/^exit code 0\n/);
      expect(commandEnv).toContain(`\nHOME=${ws}\n`);
      expect(commandEnv).toContain(`\nPASSED_TOKEN=${PASSED}\n`);
      expect(names(commandEnv).filter((n) => !SHELL_VARIABLES.has(n))).toEqual([
        'HOME',
        'LANG',
        'MASSGEN_COMMAND_ID',
        'PASSED_TOKEN',
        'PATH',
        'TERM',
      ]);
      const looked = result('c2');
      expect(looked).toContain('readable readme');
      expect(looked).toMatch(/cat: \.env: No such file or directory/);
      expect(looked).toContain(`cat: ${project}/.env: Permission denied`);
      expect(looked).toContain(`cat: ${project}/sub/.env.local: Permission denied`);
      expect(looked).toContain(`cat: ${home}/.env: No such file or directory`);
      expect(looked).toContain(`cat: ${home}/.massgen/.env: No such file or directory`);

      const toolEnv = result('t1');
      expect(toolEnv).toContain(`HOME=${home}\n`);
      expect(toolEnv).toContain('TOOL_SETTING=plain-setting');
      expect(names(toolEnv)).toEqual(['HOME', 'LANG', 'MASSGEN_COMMAND_ID', 'PATH', 'TERM', 'TOOL_SETTING']);

      expect(result('f1')).toBe(
        `Not allowed: read access to ${project}/.env denied: environment files (.env, .env.*) hold keys; they are never readable or writable`,
      );
      expect(result('f2')).toBe(
        `Not allowed: read access to ${home}/.massgen/.env denied: ${home}/.massgen is MassGen's own folder (logs, sessions, other runs' files); it is off limits`,
      );
      expect(result('f3')).toBe(`No matches for "secret" under ${project}.`);
      expect(result('f4')).toBe('readable readme');

      const logDir = field(r.stdout, 'LOG_DIR')!;
      expectNoSecrets({
        'tool results': allToolResults(fake, since),
        'events.jsonl': readFileSync(path.join(logDir, 'events.jsonl'), 'utf8'),
        stdout: r.stdout,
        stderr: r.stderr,
      });
    },
  );

  it('without bubblewrap: a warning on stderr (never stdout), no key in the environment, and nothing a command leaves running survives it', async () => {
    const { home, env } = homeWithKeys();
    const spawnAndLeave = [
      "setsid sh -c 'echo $$ > setsid.pid; exec sleep 300' &",
      "nohup sh -c 'echo $$ > nohup.pid; exec sleep 300' > /dev/null 2>&1 &",
      "sh -c 'echo $$ > bg.pid; exec sleep 300' > /dev/null 2>&1 &",
      'until [ -s setsid.pid ] && [ -s nohup.pid ] && [ -s bg.pid ]; do :; done; echo started',
    ].join('\n');
    fake.setScenario(
      scripted(
        {
          'h-nobwrap': [
            {
              toolCalls: [
                call('c1', 'execute_command', { command: 'env | sort' }),
                call('t1', 'custom_tool__show_env', {}),
              ],
            },
            { toolCalls: [call('c2', 'execute_command', { command: spawnAndLeave })] },
            { toolCalls: [call('c3', 'execute_command', { command: 'cat setsid.pid nohup.pid bg.pid' })] },
            { toolCalls: [call('a1', 'new_answer', { content: 'spawned' })] },
          ],
        },
        presentAnswer,
      ),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', config(home, 'h-nobwrap'), 'Go.'], {
      cwd: home,
      env: { ...env, PATH: pathWithoutBwrap() },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: h: execute_command runs commands WITHOUT a sandbox (bwrap (bubblewrap) is not installed); install bubblewrap to confine them to the workspace\n',
    );
    expect(r.stdout).not.toContain('WITHOUT a sandbox');
    const result = (id: string) => resultOf(fake, since, id) ?? '';
    const ws = /Your workspace is (\S+?):/.exec(fake.requests[since]!.system)![1]!;
    expect(fake.requests[since]!.tools.find((t) => t.name === 'execute_command')!.description).toMatch(
      /WITHOUT a sandbox/,
    );
    const commandEnv = result('c1');
    expect(commandEnv).toContain(`\nHOME=${ws}\n`);
    expect(names(commandEnv).filter((n) => !SHELL_VARIABLES.has(n))).toEqual([
      'HOME',
      'LANG',
      'MASSGEN_COMMAND_ID',
      'PASSED_TOKEN',
      'PATH',
      'TERM',
    ]);
    expect(result('c2')).toBe('exit code 0\nstdout:\nstarted\n\nstderr:\n');
    const pids = /stdout:\n(\d+)\n(\d+)\n(\d+)\n/.exec(result('c3'))!.slice(1).map(Number);
    expect(pids).toHaveLength(3);
    for (const pid of pids) expect(processGone(pid), `process ${pid}`).toBe(true);
    const logDir = field(r.stdout, 'LOG_DIR')!;
    expectNoSecrets({
      'tool results': allToolResults(fake, since),
      'events.jsonl': readFileSync(path.join(logDir, 'events.jsonl'), 'utf8'),
      stdout: r.stdout,
    });
  });
});
