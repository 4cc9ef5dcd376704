/**
 * A `copilot` agent through the built CLI: the Copilot SDK starts its bundled Copilot CLI runtime
 * with a BYOK provider pointed at the fake provider (OpenAI Chat Completions or Responses, or
 * Anthropic Messages), so no GitHub login is involved; the workflow tools are SDK tools.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest, scripted } from '../fake-provider/scenario.js';
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

const PILOT = 'gpt-5-mini';
const CRITIC = 'gpt-4o';
const env = { OPENAI_API_KEY: 'sk-fake-openai' };

/** The pilot beside the critic; `alone`: the pilot only (its requests then do not depend on the critic's timing). */
function config(home: string, pilotExtra = '', top = '', alone = false): string {
  const critic = `  - id: critic
    backend: { type: openai, model: ${CRITIC}, base_url: ${fake.baseUrls.openai} }
`;
  return writeFile(
    home,
    'config.yaml',
    `${top}agents:
  - id: pilot
    backend:
      type: copilot
      model: ${PILOT}
      base_url: ${fake.baseUrls.openai}
      cwd: ws_pilot
${pilotExtra}
${alone ? '' : critic}`,
  );
}

function logDir(stdout: string): string {
  const dir = field(stdout, 'LOG_DIR');
  if (!dir) throw new Error(`no LOG_DIR in:\n${stdout}`);
  return dir;
}

function events(stdout: string): Array<Record<string, unknown>> {
  return readFileSync(path.join(logDir(stdout), 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const byModel = (model: string) => fake.requests.filter((r) => r.model === model);

/** The pilot's workspace folder (`cwd: ws_pilot` is `.massgen/workspaces/ws_pilot_<hash>`). */
function workspaceOf(home: string): string {
  const root = path.join(home, '.massgen', 'workspaces');
  const found = readdirSync(root).filter((name) => name.startsWith('ws_pilot'));
  expect(found).toHaveLength(1);
  return path.join(root, found[0] as string);
}

/** Ids of the processes working under `dir` (the Copilot runtime runs in the agent's workspace). */
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

describe('copilot agents', () => {
  it('reach consensus with an openai agent: 3 requests from Copilot, 2 from the native agent; usage is priced', async () => {
    fake.setScenario(consensus());
    fake.requests.length = 0;
    const home = tempHome();
    const result = await runCli(['--automation', '--config', config(home), 'What is 2+2?'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'WINNER')).toBe('pilot');
    expect(field(result.stdout, 'ANSWER_PREVIEW')).toBe(`Final answer from ${PILOT}`);
    const pilot = byModel(PILOT);
    expect(pilot.map((r) => r.path)).toEqual([
      '/v1/chat/completions',
      '/v1/chat/completions',
      '/v1/chat/completions',
    ]);
    expect(byModel(CRITIC)).toHaveLength(2);
    const first = pilot[0] as FakeRequest;
    expect(first.headers.authorization).toBe('Bearer sk-fake-openai');
    expect(first.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['new_answer', 'vote', 'bash']));
    expect(first.system).toContain('new_answer');
    // The presentation has no workflow tools.
    expect((pilot[2] as FakeRequest).tools.map((t) => t.name)).not.toContain('new_answer');
    const log = events(result.stdout);
    const answers = log.filter((e) => e.type === 'answer').map((e) => [e.agentId, e.content]);
    expect(answers.sort()).toEqual([
      ['critic', `Answer from ${CRITIC}`],
      ['pilot', `Answer from ${PILOT}`],
    ]);
    const votes = log.filter((e) => e.type === 'vote').map((e) => [e.agentId, e.votedFor]);
    expect(votes.sort()).toEqual([
      ['critic', 'pilot'],
      ['pilot', 'pilot'],
    ]);
    // One usage event per model call, in its phase; status.json prices them by the model.
    const usage = log.filter((e) => e.type === 'usage' && e.agentId === 'pilot');
    expect(usage.map((e) => e.phase)).toEqual(['coordination', 'coordination', 'presentation']);
    const status = JSON.parse(readFileSync(path.join(logDir(result.stdout), 'status.json'), 'utf8'));
    const costs = status.costs.agents.pilot;
    const input = usage.reduce((sum, e) => sum + (e.usage as { inputTokens: number }).inputTokens, 0);
    expect(costs.input_tokens).toBe(input);
    expect(costs.calls).toBe(3);
    expect(costs.estimated_cost).toBeGreaterThan(0);
    expect(processesIn(workspaceOf(home))).toEqual([]);
    // Copilot keeps its state in its private home, not in the workspace.
    expect(readdirSync(workspaceOf(home))).toEqual([]);
  }, 120_000);

  it('refuses a bash call through the safety policy: the command never runs', async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({
        [PILOT]: [
          { toolCalls: [{ name: 'bash', args: { command: 'touch made.txt', description: 'make a file' } }] },
        ],
      }),
    );
    const home = tempHome();
    const permissions = '      permissions: { rules: { deny: ["execute_command(touch*)"] } }';
    const result = await runCli(
      ['--automation', '--config', config(home, permissions, '', true), 'Make a file'],
      {
        cwd: home,
        env,
        timeoutMs: 90_000,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const log = events(result.stdout);
    const denied = log.filter((e) => e.type === 'tool-denied');
    expect(denied.map((e) => [e.agentId, e.toolName, e.by])).toEqual([
      ['pilot', 'execute_command', 'policy'],
    ]);
    const calls = log.filter((e) => e.type === 'tool-call' && e.agentId === 'pilot');
    expect(calls.map((e) => e.toolName)).toEqual(['bash']);
    const results = log.filter((e) => e.type === 'tool-result' && e.agentId === 'pilot');
    expect(results.map((e) => e.isError)).toEqual([true]);
    // Copilot got the refusal as the call's result, and the command did not run.
    const second = byModel(PILOT)[1] as FakeRequest;
    expect(second.messages.find((m) => m.role === 'tool')?.text).toContain('refused by the safety policy');
    expect(readdirSync(workspaceOf(home))).not.toContain('made.txt');
    // The bash step, then answer, vote and presentation.
    expect(byModel(PILOT)).toHaveLength(4);
  }, 120_000);

  it('speak Anthropic Messages for a claude model and the Responses API with wire_api: responses', async () => {
    fake.setScenario(consensus());
    fake.requests.length = 0;
    const home = tempHome();
    const file = writeFile(
      home,
      'config.yaml',
      `agents:
  - id: claude_pilot
    backend: { type: copilot, model: claude-haiku-4-5, base_url: ${fake.url} }
  - id: responses_pilot
    backend: { type: copilot, model: ${PILOT}, base_url: ${fake.baseUrls.openai}, wire_api: responses }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'What is 2+2?'], {
      cwd: home,
      env: { ...env, ANTHROPIC_API_KEY: 'sk-ant-fake' },
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'WINNER')).toBe('claude_pilot');
    const claude = byModel('claude-haiku-4-5');
    expect(claude.map((r) => r.path)).toEqual(['/v1/messages', '/v1/messages', '/v1/messages']);
    expect(claude[0]?.headers['x-api-key']).toBe('sk-ant-fake');
    expect(byModel(PILOT).map((r) => r.path)).toEqual(['/v1/responses', '/v1/responses']);
  }, 120_000);

  it('run the MCP servers of mcp_servers themselves (exclude_tools applied); a call is judged as mcp__<server>__<tool>', async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({
        [PILOT]: [
          { toolCalls: [{ name: 'everything-echo', args: { message: 'hi there' } }] },
          { toolCalls: [{ name: 'everything-get-sum', args: { a: 2, b: 3 } }] },
        ],
      }),
    );
    const home = tempHome();
    const servers = [
      '      mcp_servers:',
      '        - name: everything',
      `          command: ${JSON.stringify(process.execPath)}`,
      `          args: [${JSON.stringify(serverScript('@modelcontextprotocol/server-everything'))}, stdio]`,
      '          exclude_tools: [get-env]',
      '      tool_risk: { mcp__everything__echo: read-only }',
      '      permissions: { rules: { deny: ["mcp__everything__get-sum"] } }',
    ].join('\n');
    const result = await runCli(['--automation', '--config', config(home, servers, '', true), 'Echo'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const [first, second, third] = byModel(PILOT) as FakeRequest[];
    expect(first?.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['everything-echo', 'everything-get-sum']),
    );
    expect(first?.tools.map((t) => t.name)).not.toContain('everything-get-env');
    expect(second?.messages.filter((m) => m.role === 'tool').map((m) => m.text)).toEqual(['Echo: hi there']);
    expect(third?.messages.filter((m) => m.role === 'tool').at(-1)?.text).toContain(
      'refused by the safety policy',
    );
    const log = events(result.stdout);
    expect(log.filter((e) => e.type === 'tool-denied').map((e) => [e.toolName, e.by])).toEqual([
      ['mcp__everything__get-sum', 'policy'],
    ]);
    expect(log.filter((e) => e.type === 'tool-call' && e.agentId === 'pilot').map((e) => e.toolName)).toEqual(
      ['everything-echo', 'everything-get-sum'],
    );
    // Echo, the refused sum, then answer, vote and presentation.
    expect(byModel(PILOT)).toHaveLength(5);
  }, 120_000);

  it('stream their text and reasoning; a turn ending without a decision is answered with the enforcement message', async () => {
    fake.requests.length = 0;
    fake.setScenario(scripted({ [PILOT]: [{ text: 'Let me think about it.', reasoning: 'Hmm.' }] }));
    const home = tempHome();
    const result = await runCli(['--automation', '--config', config(home, '', '', true), 'What is 2+2?'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const requests = byModel(PILOT);
    // The text-only turn, then answer (a new session, told to decide), vote and presentation.
    expect(requests).toHaveLength(4);
    expect(requests[1]?.lastUserText).toContain(
      'Finish your work by calling either the `vote` tool or the `new_answer` tool.',
    );
    const log = events(result.stdout);
    const text = log
      .filter((e) => e.type === 'text-delta' && e.agentId === 'pilot')
      .map((e) => e.text)
      .join('');
    expect(text).toBe('Let me think about it.');
    const reasoning = log
      .filter((e) => e.type === 'reasoning-delta' && e.agentId === 'pilot')
      .map((e) => e.text);
    expect(reasoning.join('')).toBe('Hmm.');
    expect(log.filter((e) => e.type === 'workflow-rejected').map((e) => e.toolName)).toEqual(['none']);
    expect(field(result.stdout, 'WINNER')).toBe('pilot');
  }, 120_000);

  it('refuse every call of their own tools with copilot_permission_policy: deny', async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({
        [PILOT]: [{ toolCalls: [{ name: 'bash', args: { command: 'echo hi', description: 'say hi' } }] }],
      }),
    );
    const home = tempHome();
    const result = await runCli(
      ['--automation', '--config', config(home, '      copilot_permission_policy: deny', '', true), 'Say hi'],
      { cwd: home, env, timeoutMs: 90_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    const second = byModel(PILOT)[1] as FakeRequest;
    expect(second.messages.find((m) => m.role === 'tool')?.text).toContain(
      'bash is not allowed: this agent may not use its own tools (copilot_permission_policy: deny).',
    );
    expect(byModel(PILOT)).toHaveLength(4);
  }, 120_000);

  it('ends the Copilot process when the agent times out; the run goes on without it', async () => {
    fake.requests.length = 0;
    fake.setScenario((req) =>
      req.model === PILOT ? { firstByteDelayMs: 60_000, text: 'late' } : consensus()(req),
    );
    const home = tempHome();
    const workspaces = path.join(home, '.massgen', 'workspaces');
    const running = runCli(
      [
        '--automation',
        '--config',
        config(home, '', 'timeout_settings: { agent_timeout_seconds: 2 }\n'),
        'Slow',
      ],
      { cwd: home, env, timeoutMs: 90_000 },
    );
    await fake.waitForRequest((r) => r.model === PILOT);
    const during = processesIn(workspaces);
    // Its environment: the private home and offline mode, and not the run's key.
    const environ = readFileSync(`/proc/${during[0]}/environ`, 'utf8').split('\0').filter(Boolean);
    const names = environ.map((v) => v.split('=')[0]).sort();
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    expect(during).toHaveLength(1);
    expect(processesIn(workspaces)).toEqual([]);
    expect(environ).toContain('COPILOT_OFFLINE=true');
    expect(names).toEqual(['COPILOT_CACHE_HOME', 'COPILOT_HOME', 'COPILOT_OFFLINE', 'HOME', 'PATH']);
    const log = events(result.stdout);
    expect(log.filter((e) => e.type === 'agent-timeout').map((e) => e.agentId)).toEqual([
      'pilot',
      'pilot',
      'pilot',
    ]);
    expect(log.filter((e) => e.type === 'agent-dropped').map((e) => e.agentId)).toEqual(['pilot']);
    expect(field(result.stdout, 'WINNER')).toBe('critic');
  }, 120_000);

  it('fail the execution, naming it, when the Copilot process dies mid-turn; a new one runs the retry', async () => {
    fake.requests.length = 0;
    fake.setScenario(scripted({ [PILOT]: [{ firstByteDelayMs: 60_000, text: 'never sent' }] }));
    const home = tempHome();
    const workspaces = path.join(home, '.massgen', 'workspaces');
    const running = runCli(['--automation', '--config', config(home), 'What is 2+2?'], {
      cwd: home,
      env,
      // A process left running (the dead client's timers) would hold the CLI past this.
      timeoutMs: 20_000,
    });
    await fake.waitForRequest((r) => r.model === PILOT);
    const [pid] = processesIn(workspaces);
    process.kill(pid as number, 'SIGKILL');
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    const log = events(result.stdout);
    const errors = log.filter((e) => e.type === 'agent-error' && e.agentId === 'pilot');
    expect(errors.map((e) => e.message)).toEqual([
      'Copilot stopped: the Copilot CLI exited (signal SIGKILL)',
    ]);
    // The retry, in a new process, saw the critic's answer and voted for it.
    expect(log.filter((e) => e.type === 'vote').map((e) => [e.agentId, e.votedFor])).toEqual([
      ['critic', 'critic'],
      ['pilot', 'critic'],
    ]);
    expect(field(result.stdout, 'WINNER')).toBe('critic');
    expect(byModel(PILOT)).toHaveLength(2);
    expect(processesIn(workspaces)).toEqual([]);
  }, 120_000);

  it('retry a refused model call themselves; a key refused for good fails the execution, naming the key', async () => {
    fake.requests.length = 0;
    const refused = { error: { status: 401, message: 'Incorrect API key provided' } };
    fake.setScenario(scripted({ [PILOT]: [refused] }));
    const home = tempHome();
    const once = await runCli(['--automation', '--config', config(home, '', '', true), 'What is 2+2?'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(once.code, once.stderr).toBe(0);
    // Copilot retried the refused call: the refusal, then answer, vote and presentation; no error.
    expect(byModel(PILOT)).toHaveLength(4);
    expect(events(once.stdout).filter((e) => e.type === 'agent-error')).toEqual([]);

    fake.requests.length = 0;
    fake.setScenario((req) => (req.model === PILOT ? refused : consensus()(req)));
    const always = await runCli(['--automation', '--config', config(tempHome()), 'What is 2+2?'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(always.code, always.stderr).toBe(0);
    const errors = events(always.stdout).filter((e) => e.type === 'agent-error' && e.agentId === 'pilot');
    const message = `Copilot failed: Authentication failed with provider at ${fake.baseUrls.openai} (HTTP 401): check OPENAI_API_KEY`;
    expect(errors.map((e) => e.message)).toEqual([message, message, message]);
    expect(field(always.stdout, 'WINNER')).toBe('critic');
  }, 120_000);

  it('names the cause when the Copilot CLI cannot start; the run goes on without the agent', async () => {
    fake.setScenario(consensus());
    fake.requests.length = 0;
    const home = tempHome();
    const missing = path.join(home, 'no-such-copilot');
    const result = await runCli(['--automation', '--config', config(home), 'Hi'], {
      cwd: home,
      env: { ...env, COPILOT_CLI_PATH: missing },
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(byModel(PILOT)).toEqual([]);
    const log = events(result.stdout);
    const errors = log.filter((e) => e.type === 'agent-error' && e.agentId === 'pilot');
    expect(errors.map((e) => e.message)).toEqual([
      `Copilot stopped: Copilot CLI not found at ${missing}. Set COPILOT_CLI_PATH to use a custom installation.`,
      `Copilot stopped: Copilot CLI not found at ${missing}. Set COPILOT_CLI_PATH to use a custom installation.`,
      `Copilot stopped: Copilot CLI not found at ${missing}. Set COPILOT_CLI_PATH to use a custom installation.`,
    ]);
    expect(field(result.stdout, 'WINNER')).toBe('critic');
  }, 120_000);

  it('fail the execution when the CLI takes longer to start than session_send_timeout_seconds', async () => {
    fake.setScenario(consensus());
    fake.requests.length = 0;
    const home = tempHome();
    const workspaces = path.join(home, '.massgen', 'workspaces');
    const result = await runCli(
      ['--automation', '--config', config(home, '      session_send_timeout_seconds: 0.001'), 'Hi'],
      // A process started after the turn gave up would hold the CLI past this.
      { cwd: home, env, timeoutMs: 20_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(byModel(PILOT)).toEqual([]);
    const message =
      'Copilot stopped: the Copilot CLI did not start a session within 0.001 s (session_send_timeout_seconds)';
    const errors = events(result.stdout).filter((e) => e.type === 'agent-error' && e.agentId === 'pilot');
    expect(errors.map((e) => e.message)).toEqual([message, message, message]);
    expect(processesIn(workspaces)).toEqual([]);
    expect(field(result.stdout, 'WINNER')).toBe('critic');
  }, 120_000);

  it('needs a provider key or a GitHub token: without either the run stops before anything starts', async () => {
    const home = tempHome();
    const file = writeFile(home, 'c.yaml', 'agents:\n  - id: pilot\n    backend: { type: copilot }\n');
    const result = await runCli(['--automation', '--config', file, 'Hi'], { cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Agent "pilot" (backend copilot) needs an API key: set OPENAI_API_KEY (copilot_provider: openai) or, for a GitHub Copilot subscription, COPILOT_GITHUB_TOKEN or GH_TOKEN or GITHUB_TOKEN',
    );
  });
});
