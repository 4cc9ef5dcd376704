/**
 * A `gemini_cli` agent through the built CLI: the Gemini CLI (`@google/gemini-cli`'s bundle) runs
 * headless as a child process, pointed at the fake provider's Gemini endpoint
 * (`GOOGLE_GEMINI_BASE_URL`); the workflow tools reach it over a loopback MCP server.
 */
import { mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest, type Scenario, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { serverScript } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const CLI_MODEL = 'gemini-2.5-pro';
const NATIVE = 'gemini-2.5-flash';
const USAGE = { inputTokens: 1000, outputTokens: 200 };

/** Ids of the processes whose working directory is under `dir` (the Gemini CLI in the agent's workspace). */
function processesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function config(home: string, top = '', coderExtra = ''): string {
  return writeFile(
    home,
    'config.yaml',
    `${top}agents:
  - id: coder
    backend:
      type: gemini_cli
      model: ${CLI_MODEL}
      base_url: ${fake.baseUrls.gemini}
      cwd: ws_coder
${coderExtra}
  - id: critic
    backend: { type: gemini, model: ${NATIVE}, base_url: ${fake.baseUrls.gemini} }
`,
  );
}

const env = { GEMINI_API_KEY: 'gemini-fake-key' };

function workspaceOf(home: string): string {
  const root = path.join(home, '.massgen', 'workspaces');
  const found = readdirSync(root).filter((name) => name.startsWith('ws_coder'));
  expect(found).toHaveLength(1);
  return path.join(root, found[0] as string);
}

function events(stdout: string): Array<Record<string, unknown>> {
  return readFileSync(path.join(field(stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The consensus bot, every reply reporting {@link USAGE}. */
const metered = (): Scenario => {
  const bot = consensus();
  return async (req) => ({ ...(await bot(req)), usage: USAGE });
};

describe('gemini_cli agents', () => {
  it('reach consensus with a gemini agent: 3 requests from the CLI, 2 from the native agent; usage is priced', async () => {
    fake.setScenario(metered());
    fake.requests.length = 0;
    const home = tempHome();
    const result = await runCli(['--automation', '--config', config(home), 'What is 2+2?'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'WINNER')).toBe('coder');
    expect(field(result.stdout, 'ANSWER_PREVIEW')).toBe(`Final answer from ${CLI_MODEL}`);
    const cli = fake.requests.filter((r) => r.model === CLI_MODEL);
    expect(cli.map((r) => r.path)).toEqual(
      Array(3).fill(`/v1beta/models/${CLI_MODEL}:streamGenerateContent`),
    );
    expect(fake.requests.filter((r) => r.model === NATIVE)).toHaveLength(2);
    // No other call of the CLI's own (routing, next-speaker or loop checks on another model).
    expect(fake.requests).toHaveLength(5);
    const first = cli[0] as FakeRequest;
    expect(first.headers['x-goog-api-key']).toBe('gemini-fake-key');
    expect(first.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['mcp_massgen_new_answer', 'mcp_massgen_vote']),
    );
    expect(first.system).toContain('new_answer');
    expect(first.lastUserText).toContain('What is 2+2?');
    // The presentation has no workflow tools.
    expect(cli[2]?.tools.map((t) => t.name).filter((n) => n.startsWith('mcp_massgen_'))).toEqual([]);
    const log = events(result.stdout);
    const answers = log.filter((e) => e.type === 'answer').map((e) => [e.agentId, e.content]);
    expect(answers.sort()).toEqual([
      ['coder', `Answer from ${CLI_MODEL}`],
      ['critic', `Answer from ${NATIVE}`],
    ]);
    // One usage event per model call, read from the session record also for turns ended at their decision.
    const usage = log.filter((e) => e.type === 'usage' && e.agentId === 'coder').map((e) => e.phase);
    expect(usage).toEqual(['coordination', 'coordination', 'presentation']);
    const price = calcPrice({ input_tokens: 1000, output_tokens: 200 }, CLI_MODEL, { providerId: 'google' });
    const costs = JSON.parse(readFileSync(field(result.stdout, 'STATUS')!, 'utf8')).costs;
    expect(costs.agents.coder).toEqual({
      backend: 'gemini_cli',
      model: CLI_MODEL,
      input_tokens: 3000,
      output_tokens: 600,
      reasoning_tokens: 0,
      cached_tokens: 0,
      calls: 3,
      estimated_cost: expect.closeTo(3 * (price?.total_price ?? Number.NaN), 8),
      unpriced_calls: 0,
    });
    // The CLI's own process is gone, and nothing it started is left in the workspace.
    expect(processesIn(path.join(home, '.massgen', 'workspaces'))).toEqual([]);
  }, 120_000);

  it('takes system_prompt and append_system_prompt; reports its thought summaries as reasoning, with their tokens', async () => {
    const bot = consensus();
    fake.requests.length = 0;
    fake.setScenario(async (req) => {
      const reply = await bot(req);
      if (req.model !== CLI_MODEL) return reply;
      const phase = req.tools.some((t) => t.name === 'mcp_massgen_new_answer') ? 'answer' : 'present';
      return {
        ...reply,
        reasoning: `**Weighing** the ${phase} first.`,
        usage: { inputTokens: 500, outputTokens: 80, reasoningTokens: 30 },
      };
    });
    const home = tempHome();
    const prompts = [
      '      system_prompt: "You are a careful coder working for MassGen."',
      '      append_system_prompt: "Prefer small files."',
    ].join('\n');
    const result = await runCli(['--automation', '--config', config(home, '', prompts), 'What is 2+2?'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    // system_prompt replaces the CLI's own prompt; the appended text and the coordination prompt follow it.
    const system = fake.requests.find((r) => r.model === CLI_MODEL)?.system ?? '';
    expect(system.startsWith('You are a careful coder working for MassGen.')).toBe(true);
    expect(system).not.toContain('Gemini CLI');
    expect(system.indexOf('Prefer small files.')).toBeGreaterThan(0);
    expect(system.indexOf('new_answer')).toBeGreaterThan(system.indexOf('Prefer small files.'));
    const coder = events(result.stdout).filter((e) => e.agentId === 'coder');
    const reasoning = coder.filter((e) => e.type === 'reasoning-delta').map((e) => [e.phase, e.text]);
    expect(reasoning).toEqual([
      ['coordination', '**Weighing** the answer first.'],
      ['coordination', '**Weighing** the answer first.'],
      ['presentation', '**Weighing** the present first.'],
    ]);
    const usage = coder.filter((e) => e.type === 'usage').map((e) => e.usage);
    expect(usage).toEqual(Array(3).fill({ inputTokens: 500, outputTokens: 80, reasoningTokens: 30 }));
  }, 120_000);

  it('judges its shell commands by the safety policy (its BeforeTool hook): the refused one never runs', async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({
        [CLI_MODEL]: [
          { toolCalls: [{ name: 'run_shell_command', args: { command: 'touch made.txt' } }] },
          { toolCalls: [{ name: 'run_shell_command', args: { command: 'mkdir kept' } }] },
        ],
      }),
    );
    const home = tempHome();
    const extra = [
      '      approval_mode: yolo',
      '      permissions: { rules: { deny: ["execute_command(touch*)"] } }',
    ].join('\n');
    const result = await runCli(['--automation', '--config', config(home, '', extra), 'Make a file'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const log = events(result.stdout);
    const denied = log.filter((e) => e.type === 'tool-denied');
    expect(denied.map((e) => [e.agentId, e.toolName, e.by])).toEqual([
      ['coder', 'execute_command', 'policy'],
    ]);
    const calls = log.filter((e) => e.type === 'tool-call' && e.agentId === 'coder');
    expect(calls.map((e) => [e.toolName, e.input])).toEqual([
      ['run_shell_command', { command: 'touch made.txt' }],
      ['run_shell_command', { command: 'mkdir kept' }],
    ]);
    const results = log.filter((e) => e.type === 'tool-result' && e.agentId === 'coder');
    expect(results.map((e) => e.isError)).toEqual([true, false]);
    // The CLI got the refusal as the call's result, and the command did not run.
    const cli = fake.requests.filter((r) => r.model === CLI_MODEL);
    const refusal = cli[1]?.messages.find((m) => m.role === 'tool');
    expect(refusal?.text).toContain('refused by the safety policy');
    expect(readdirSync(workspaceOf(home))).not.toContain('made.txt');
    expect(readdirSync(workspaceOf(home))).toContain('kept');
    // The two shell steps, then answer, vote and presentation.
    expect(cli).toHaveLength(5);
  }, 120_000);

  it('runs its own MCP servers (a real stdio server from npm), their calls judged by their risk declared in tool_risk', async () => {
    fake.requests.length = 0;
    const home = tempHome();
    const data = path.join(home, 'data');
    mkdirSync(data);
    const tool = 'mcp_files_list_allowed_directories';
    fake.setScenario(scripted({ [CLI_MODEL]: [{ toolCalls: [{ name: tool, args: {} }] }] }));
    const q = (text: string) => JSON.stringify(text);
    const servers = [
      // Its risk is declared by the name the model sees: it may run while the agents answer.
      `      tool_risk: { ${tool}: read-only }`,
      '      mcp_servers:',
      '        files:',
      `          command: ${q(process.execPath)}`,
      `          args: [${q(serverScript('@modelcontextprotocol/server-filesystem'))}, ${q(data)}]`,
    ].join('\n');
    const result = await runCli(['--automation', '--config', config(home, '', servers), 'What is 2+2?'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const cli = fake.requests.filter((r) => r.model === CLI_MODEL);
    expect(cli[0]?.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining([tool, 'mcp_files_read_text_file']),
    );
    const log = events(result.stdout).filter((e) => e.agentId === 'coder');
    expect(log.filter((e) => e.type === 'tool-call').map((e) => e.toolName)).toEqual([tool]);
    const results = log.filter((e) => e.type === 'tool-result');
    expect(results.map((e) => [e.toolName, e.isError])).toEqual([[tool, false]]);
    // The server answered (the CLI gives it its workspace as its root), and the model got the answer.
    expect(cli[1]?.messages.find((m) => m.role === 'tool')?.text).toContain(workspaceOf(home));
    // The call, then answer, vote and presentation.
    expect(cli).toHaveLength(4);
  }, 120_000);

  it('ends the CLI process when the agent times out; the run goes on without it', async () => {
    fake.requests.length = 0;
    fake.setScenario((req) =>
      req.model === CLI_MODEL ? { firstByteDelayMs: 60_000, text: 'late' } : consensus()(req),
    );
    const home = tempHome();
    const workspaces = path.join(home, '.massgen', 'workspaces');
    const running = runCli(
      ['--automation', '--config', config(home, 'timeout_settings: { agent_timeout_seconds: 10 }\n'), 'Slow'],
      { cwd: home, env, timeoutMs: 110_000 },
    );
    // The CLI takes a few seconds to start on a busy machine: the timeout leaves it time to ask.
    await Promise.race([fake.waitForRequest((r) => r.model === CLI_MODEL), running]);
    const during = processesIn(workspaces);
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    expect(during).toHaveLength(1);
    expect(processesIn(workspaces)).toEqual([]);
    expect(field(result.stdout, 'WINNER')).toBe('critic');
    expect(field(result.stdout, 'AGENT_DROPPED')).toBe('coder: timed out after 10s');
  }, 120_000);

  it('Ctrl-C ends the CLI process with the run (exit 4)', async () => {
    fake.requests.length = 0;
    fake.setScenario((req) =>
      req.model === CLI_MODEL ? { firstByteDelayMs: 60_000, text: 'late' } : consensus()(req),
    );
    const home = tempHome();
    const workspaces = path.join(home, '.massgen', 'workspaces');
    let interrupt = () => {};
    const running = runCli(['--automation', '--config', config(home), 'Slow'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
      onSpawn: (child) => {
        interrupt = () => child.kill('SIGINT');
      },
    });
    await Promise.race([fake.waitForRequest((r) => r.model === CLI_MODEL), running]);
    expect(processesIn(workspaces)).toHaveLength(1);
    interrupt();
    const result = await running;
    expect(result.code, result.stderr).toBe(4);
    expect(processesIn(workspaces)).toEqual([]);
  }, 120_000);

  it('a CLI that cannot start fails the agent with its message; the run goes on', async () => {
    const home = tempHome();
    const broken = writeFile(
      home,
      'broken-gemini.mjs',
      "process.stderr.write('Invalid auth method selected.\\n');\nprocess.exit(41);\n",
    );
    fake.setScenario(consensus());
    const result = await runCli(['--automation', '--config', config(home), 'Q'], {
      cwd: home,
      env: { ...env, MASSGEN_GEMINI_CLI: broken },
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'WINNER')).toBe('critic');
    const message =
      'the Gemini CLI exited with code 41 before starting its turn: Invalid auth method selected.';
    expect(field(result.stdout, 'AGENT_DROPPED')).toBe(`coder: ${message}`);
    const log = events(result.stdout);
    const errors = log.filter((e) => e.type === 'agent-error' && e.agentId === 'coder');
    expect(errors.map((e) => [e.message, e.willRetry])).toEqual([
      [message, true],
      [message, true],
      [message, false],
    ]);
  }, 120_000);

  it('without a key, the run stops before it starts, naming the variables (exit 1)', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'c.yaml',
      'agents:\n  - id: coder\n    backend: { type: gemini_cli, model: gemini-2.5-pro }\n',
    );
    const result = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Agent "coder" (backend gemini_cli) needs an API key: set GEMINI_API_KEY or GOOGLE_API_KEY',
    );
  });

  it('a missing CLI is a setup error naming the variable (exit 1)', async () => {
    const home = tempHome();
    const missing = path.join(home, 'nowhere', 'gemini.js');
    const result = await runCli(['--automation', '--config', config(home), 'Q'], {
      cwd: home,
      env: { ...env, MASSGEN_GEMINI_CLI: missing },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Agent "coder" (backend type "gemini_cli") cannot run: MASSGEN_GEMINI_CLI names ${missing}, which does not exist`,
    );
    expect(result.stderr).not.toContain('    at ');
  });
});
