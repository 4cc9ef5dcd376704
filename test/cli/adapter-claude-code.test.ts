/**
 * A `claude_code` agent through the built CLI: the Claude Agent SDK spawns the bundled Claude Code
 * binary, pointed at the fake provider's Anthropic endpoint (ANTHROPIC_BASE_URL in its environment).
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
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

const CODER = 'claude-sonnet-4-5';
const CRITIC = 'claude-haiku-4-5';
const env = { ANTHROPIC_API_KEY: 'sk-ant-fake-key' };

function config(home: string, coderExtra = '', top = ''): string {
  return writeFile(
    home,
    'config.yaml',
    `${top}agents:
  - id: coder
    backend:
      type: claude_code
      model: ${CODER}
      base_url: ${fake.baseUrls.anthropic}
      cwd: ws_coder
${coderExtra}
  - id: critic
    backend: { type: claude, model: ${CRITIC}, base_url: ${fake.baseUrls.anthropic} }
`,
  );
}

function events(stdout: string): Array<Record<string, unknown>> {
  const dir = field(stdout, 'LOG_DIR');
  if (!dir) throw new Error(`no LOG_DIR in:\n${stdout}`);
  return readFileSync(path.join(dir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const byModel = (model: string) => fake.requests.filter((r) => r.model === model);

/** The coder's workspace folder (`cwd: ws_coder` is `.massgen/workspaces/ws_coder_<hash>`). */
function workspaceOf(home: string): string {
  const root = path.join(home, '.massgen', 'workspaces');
  const found = readdirSync(root).filter((name) => name.startsWith('ws_coder'));
  expect(found).toHaveLength(1);
  return path.join(root, found[0] as string);
}

/** Ids of the processes working under `dir` (the Claude Code child runs in the agent's workspace). */
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

describe('claude_code agents', () => {
  it('need a key: without one the run stops before anything starts, naming the variable', async () => {
    const home = tempHome();
    const file = writeFile(home, 'c.yaml', 'agents:\n  - id: coder\n    backend: { type: claude_code }\n');
    const result = await runCli(['--automation', '--config', file, 'Hi'], { cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Agent "coder" (backend claude_code) needs an API key: set ANTHROPIC_API_KEY',
    );
  });

  it('reach consensus with a claude agent: 3 requests from Claude Code, 2 from the native agent', async () => {
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
    expect(field(result.stdout, 'ANSWER_PREVIEW')).toBe(`Final answer from ${CODER}`);
    expect(result.stderr).toBe('');
    // Answer, vote and presentation; no model call after an accepted workflow call.
    expect(byModel(CODER)).toHaveLength(3);
    expect(byModel(CRITIC)).toHaveLength(2);
    const first = byModel(CODER)[0] as FakeRequest;
    // Claude Code calls only the Messages API (its non-essential traffic is off), with its betas.
    expect(fake.requests.map((r) => r.path)).toEqual(Array(5).fill('/v1/messages'));
    expect(first.headers['anthropic-beta']?.split(',')).toContain('claude-code-20250219');
    expect(first.headers['x-api-key']).toBe('sk-ant-fake-key');
    expect(first.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['mcp__massgen__new_answer', 'mcp__massgen__vote']),
    );
    expect(first.system).toContain('new_answer');
    const log = events(result.stdout);
    const answers = log
      .filter((e) => e.type === 'answer')
      .map((e) => [e.agentId, e.content])
      .sort();
    expect(answers).toEqual([
      ['coder', `Answer from ${CODER}`],
      ['critic', `Answer from ${CRITIC}`],
    ]);
    expect(
      log
        .filter((e) => e.type === 'vote')
        .map((e) => [e.agentId, e.votedFor])
        .sort(),
    ).toEqual([
      ['coder', 'coder'],
      ['critic', 'coder'],
    ]);
    // Every model call of Claude Code is a usage event of its agent, in its phase.
    const usage = log.filter((e) => e.type === 'usage' && e.agentId === 'coder').map((e) => e.phase);
    expect(usage).toEqual(['coordination', 'coordination', 'presentation']);
    expect(existsSync(workspaceOf(home))).toBe(true);
  }, 120_000);

  it('refuses a Bash call through the safety policy (canUseTool): the command never runs', async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({
        [CODER]: [
          { toolCalls: [{ name: 'Bash', args: { command: 'touch made.txt', description: 'make a file' } }] },
        ],
      }),
    );
    const home = tempHome();
    const permissions = '      permissions: { rules: { deny: ["execute_command(touch*)"] } }';
    const result = await runCli(['--automation', '--config', config(home, permissions), 'Make a file'], {
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
    expect(calls.map((e) => e.toolName)).toEqual(['Bash']);
    // Claude Code got the refusal as the call's result, and the command did not run.
    const second = byModel(CODER)[1] as FakeRequest;
    const result1 = second.messages.find((m) => m.role === 'tool');
    expect(result1?.text).toContain('refused by the safety policy');
    expect(readdirSync(workspaceOf(home))).not.toContain('made.txt');
    // The Bash step, then answer, vote and presentation.
    expect(byModel(CODER)).toHaveLength(4);
  }, 120_000);

  it('ends the Claude Code process when the agent times out; the run goes on without it', async () => {
    fake.requests.length = 0;
    fake.setScenario((req) =>
      req.model === CODER ? { firstByteDelayMs: 60_000, text: 'late' } : consensus()(req),
    );
    const home = tempHome();
    const workspaces = path.join(home, '.massgen', 'workspaces');
    const timeouts = 'timeout_settings: { agent_timeout_seconds: 2 }\n';
    const seen: number[][] = [];
    const running = runCli(['--automation', '--config', config(home, '', timeouts), 'Slow question'], {
      cwd: home,
      env,
      timeoutMs: 90_000,
    });
    await fake.waitForRequest((r) => r.model === CODER);
    seen.push(processesIn(workspaces));
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    expect(seen[0]).toHaveLength(1);
    expect(processesIn(workspaces)).toEqual([]);
    const log = events(result.stdout);
    expect(log.filter((e) => e.type === 'agent-timeout').map((e) => e.agentId)).toEqual([
      'coder',
      'coder',
      'coder',
    ]);
    expect(log.filter((e) => e.type === 'agent-dropped').map((e) => e.agentId)).toEqual(['coder']);
    expect(field(result.stdout, 'WINNER')).toBe('critic');
  }, 120_000);
});
