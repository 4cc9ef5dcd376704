/**
 * A `codex` agent through the built CLI: the Codex SDK spawns the bundled `codex` binary, pointed at
 * the fake provider's Responses endpoint; the workflow tools reach it over a loopback MCP server.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const CODEX = 'gpt-5-codex';
const CRITIC = 'claude-haiku-4-5';

/** Ids of the codex processes given a folder under `dir` (`--cd <the agent's workspace>`). */
function processesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((arg) => arg.startsWith(dir)) && args.some((arg) => arg.endsWith('/codex'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

function config(home: string, top = ''): string {
  return writeFile(
    home,
    'config.yaml',
    `${top}agents:
  - id: coder
    backend: { type: codex, model: ${CODEX}, base_url: ${fake.baseUrls.openai}, cwd: ws_coder }
  - id: critic
    backend: { type: claude, model: ${CRITIC}, base_url: ${fake.baseUrls.anthropic} }
`,
  );
}

const env = { OPENAI_API_KEY: 'sk-fake-openai', ANTHROPIC_API_KEY: 'sk-ant-fake' };

describe('codex agents', () => {
  it('reach consensus with a claude agent: 3 requests from Codex, 2 from the native agent', async () => {
    fake.setScenario(consensus());
    fake.requests.length = 0;
    const home = tempHome();
    const result = await runCli(['--automation', '--config', config(home), 'What is 2+2?'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'WINNER')).toBe('coder');
    expect(field(result.stdout, 'ANSWER_PREVIEW')).toBe(`Final answer from ${CODEX}`);
    const codex = fake.requests.filter((r) => r.model === CODEX);
    expect(codex.map((r) => r.path)).toEqual(['/v1/responses', '/v1/responses', '/v1/responses']);
    expect(fake.requests.filter((r) => r.model === CRITIC)).toHaveLength(2);
    const first = codex[0] as FakeRequest;
    expect(first.headers.authorization).toBe('Bearer sk-fake-openai');
    expect(first.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['mcp__massgen__new_answer', 'mcp__massgen__vote']),
    );
    expect(first.system).toContain('new_answer');
    const log = readFileSync(path.join(field(result.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const answers = log.filter((e) => e.type === 'answer').map((e) => [e.agentId, e.content]);
    expect(answers.sort()).toEqual([
      ['coder', `Answer from ${CODEX}`],
      ['critic', `Answer from ${CRITIC}`],
    ]);
    // One usage event per model call, read from the rollout also for turns ended at their decision.
    const usage = log.filter((e) => e.type === 'usage' && e.agentId === 'coder').map((e) => e.phase);
    expect(usage).toEqual(['coordination', 'coordination', 'presentation']);
  }, 120_000);

  it('ends the codex process when the agent times out; the run goes on without it', async () => {
    fake.requests.length = 0;
    fake.setScenario((req) =>
      req.model === CODEX ? { firstByteDelayMs: 60_000, text: 'late' } : consensus()(req),
    );
    const home = tempHome();
    const workspaces = path.join(home, '.massgen', 'workspaces');
    const running = runCli(
      ['--automation', '--config', config(home, 'timeout_settings: { agent_timeout_seconds: 2 }\n'), 'Slow'],
      { cwd: home, env, timeoutMs: 90_000 },
    );
    await fake.waitForRequest((r) => r.model === CODEX);
    const during = processesIn(workspaces);
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    expect(during).toHaveLength(1);
    expect(processesIn(workspaces)).toEqual([]);
    expect(field(result.stdout, 'WINNER')).toBe('critic');
  }, 120_000);

  it("checks Codex's own commands with the safety policy: a denied one never runs, an allowed one goes on", async () => {
    fake.requests.length = 0;
    const shell = (cmd: string) => ({ toolCalls: [{ name: 'exec_command', args: { cmd } }] });
    fake.setScenario(
      scripted({ [CODEX]: [shell('touch denied.txt'), shell('touch allowed.txt')] }, consensus()),
    );
    const home = tempHome();
    const file = writeFile(
      home,
      'config.yaml',
      `agents:
  - id: coder
    backend:
      type: codex
      model: ${CODEX}
      base_url: ${fake.baseUrls.openai}
      cwd: ws_coder
      permissions: { rules: { deny: ["execute_command(touch denied*)"] } }
  - id: critic
    backend: { type: claude, model: ${CRITIC}, base_url: ${fake.baseUrls.anthropic} }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'Make two files'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const root = path.join(home, '.massgen', 'workspaces');
    const workspace = path.join(root, readdirSync(root).find((name) => name.startsWith('ws_coder'))!);
    expect(existsSync(path.join(workspace, 'denied.txt'))).toBe(false);
    const codex = fake.requests.filter((r) => r.model === CODEX);
    const refusal = codex[1]?.messages.find((m) => m.role === 'tool')?.text;
    expect(refusal).toContain('Command blocked by PreToolUse hook');
    expect(refusal).toContain('refused by the safety policy');
    const log = readFileSync(path.join(field(result.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const denied = log.filter((e) => e.type === 'tool-denied').map((e) => [e.agentId, e.toolName, e.by]);
    expect(denied).toEqual([['coder', 'execute_command', 'policy']]);
    // The denied call is shown with its refusal; the allowed one reached Codex's command runner
    // (its output, whatever the sandbox made of it, is in the next request).
    const hooked = log
      .filter((e) => e.type === 'tool-call' && e.agentId === 'coder' && e.toolName === 'Bash')
      .map((e) => e.input);
    expect(hooked).toEqual([{ command: 'touch denied.txt' }]);
    const results = codex[2]?.messages.filter((m) => m.role === 'tool').map((m) => m.text) ?? [];
    expect(results).toHaveLength(2);
    expect(results[1]).not.toContain('blocked by PreToolUse hook');
    const refused = log.find((e) => e.type === 'tool-result' && e.toolName === 'Bash');
    expect(refused).toMatchObject({ isError: true });
    expect(String(refused?.output)).toContain('deny rule `execute_command(touch denied*)`');
  }, 120_000);
});
