import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest, type Scenario } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

/** A two-agent config on the fake provider (`extra` lines appended). */
function config(home: string, extra: string[] = []): string {
  return writeFile(
    home,
    'c.yaml',
    [
      'agents:',
      ...['a', 'b'].flatMap((id) => [
        `  - id: ${id}`,
        '    backend:',
        '      type: chatcompletion',
        `      model: m-${id}`,
        `      base_url: ${fake.baseUrls.chat}`,
      ]),
      ...extra,
    ].join('\n'),
  );
}

const offers = (req: FakeRequest, name: string) => req.tools.some((t) => t.name === name);
const isPresentation = (req: FakeRequest) => !offers(req, 'vote') && !offers(req, 'submit');

/** Resolves with the first request `match` accepts; meanwhile `reply` answers those requests. */
function gate(match: (req: FakeRequest) => boolean, reply: Scenario) {
  let seen!: () => void;
  const reached = new Promise<void>((resolve) => {
    seen = resolve;
  });
  const scenario: Scenario = (req) => {
    if (!match(req)) return consensus()(req);
    seen();
    return reply(req);
  };
  return { reached, scenario };
}

function status(stdout: string) {
  return JSON.parse(readFileSync(field(stdout, 'STATUS')!, 'utf8'));
}

/** Stack frames (`    at fn (file:line)`) or Node's own crash banner. */
const STACK = /^\s+at .+\(|node:internal|Unhandled 'error'/m;

describe('run lifecycle (CLI)', () => {
  it('a deadline during the presentation ends the run at the deadline with the stored answer (exit 0)', async () => {
    fake.setScenario((req) =>
      isPresentation(req) ? { firstByteDelayMs: 20_000, text: 'late' } : consensus()(req),
    );
    const home = tempHome();
    const started = Date.now();
    const r = await runCli(['--automation', '--orchestrator-timeout', '2', '--config', config(home), 'Q'], {
      cwd: home,
    });
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.stdout).toMatch(/^STATUS_FINAL: timeout$/m);
    expect(readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8')).toBe('Answer from m-a');
    const s = status(r.stdout);
    expect(s.run.status).toBe('timeout');
    expect(s.coordination.phase).toBe('presentation');
    expect(s.meta.session_id).toBe(field(r.stdout, 'SESSION_ID'));
  });

  it('SIGTERM during post-evaluation: interrupted (exit 4), the presented answer kept on disk and in the session', async () => {
    const evaluation = gate(
      (req) => offers(req, 'submit'),
      () => ({ firstByteDelayMs: 20_000, toolCalls: [{ name: 'submit', args: { confirmed: true } }] }),
    );
    fake.setScenario(evaluation.scenario);
    const home = tempHome();
    const file = config(home, ['orchestrator:', '  coordination:', '    max_orchestration_restarts: 1']);
    const r = await runCli(['--automation', '--config', file, 'Q'], {
      cwd: home,
      onSpawn: (child) => void evaluation.reached.then(() => child.kill('SIGTERM')),
    });
    expect(r.code).toBe(4);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toMatch(/^STATUS_FINAL: interrupted$/m);
    const logDir = field(r.stdout, 'LOG_DIR')!;
    expect(readFileSync(path.join(logDir, 'final', 'a', 'answer.txt'), 'utf8')).toBe('Final answer from m-a');
    const s = status(r.stdout);
    expect(s.run.status).toBe('interrupted');
    expect(s.coordination.phase).toBe('presentation');
    const events = readFileSync(path.join(logDir, 'events.jsonl'), 'utf8').trim().split('\n');
    expect(events.filter((l) => JSON.parse(l).type === 'run-end')).toHaveLength(1);
    const sessionId = field(r.stdout, 'SESSION_ID')!;
    expect(s.meta.session_id).toBe(sessionId);
    const sessionDir = path.join(home, '.massgen', 'sessions', sessionId);
    expect(readdirSync(sessionDir)).toContain('turn_1');
    expect(readFileSync(path.join(sessionDir, 'turn_1', 'answer.txt'), 'utf8')).toBe('Final answer from m-a');
  });

  it('an interrupt during coordination leaves status.json interrupted in its true phase', async () => {
    const answering = gate(
      (req) => offers(req, 'new_answer') && req.model === 'm-b',
      () => ({ firstByteDelayMs: 20_000, text: 'never' }),
    );
    fake.setScenario(answering.scenario);
    const home = tempHome();
    const r = await runCli(['--automation', '--config', config(home), 'Q'], {
      cwd: home,
      onSpawn: (child) => void answering.reached.then(() => child.kill('SIGINT')),
    });
    expect(r.code).toBe(4);
    const s = status(r.stdout);
    expect(s.run.status).toBe('interrupted');
    expect(s.coordination.phase).toBe('initial_answer');
    expect(s.coordination.completion_percentage).toBeLessThan(100);
  });

  it('a reader that goes away (| grep -m1 LOG_DIR) does not stop the run or print a stack trace', async () => {
    fake.setScenario(consensus({ latencyMs: 200 }));
    const home = tempHome();
    let logDir = '';
    const r = await runCli(['--automation', '--config', config(home), 'Q'], {
      cwd: home,
      onSpawn: (child) => {
        let text = '';
        child.stdout?.on('data', (chunk) => {
          text += chunk;
          const line = /^LOG_DIR: (.+)$/m.exec(text);
          if (line && !logDir) {
            logDir = line[1]!;
            child.stdout?.destroy();
          }
        });
      },
    });
    expect(logDir).not.toBe('');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/EPIPE/);
    const s = JSON.parse(readFileSync(path.join(logDir, 'status.json'), 'utf8'));
    expect(s.run.status).toBe('completed');
    expect(s.coordination.phase).toBe('completed');
    expect(readFileSync(path.join(logDir, 'final', 'a', 'answer.txt'), 'utf8')).toBe('Final answer from m-a');
  });

  it.each([
    ['the deadline', ['--orchestrator-timeout', '1'], 3],
    ['Ctrl-C', [], 4],
  ] as const)('a hanging embedding service never holds up %s', async (_, flags, code) => {
    fake.setScenario(consensus());
    fake.setEmbeddingDelay(60_000);
    const home = tempHome();
    const memory = [
      'memory:',
      '  persistent_memory:',
      `    embedding: { provider: "openai", model: "text-embedding-3-small", base_url: "${fake.baseUrls.openai}", api_key: "k" }`,
    ];
    const started = Date.now();
    try {
      const r = await runCli(['--automation', ...flags, '--config', config(home, memory), 'Q'], {
        cwd: home,
        onSpawn: (child) => {
          if (code !== 4) return;
          child.stdout?.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('LOG_DIR: ')) child.kill('SIGINT');
          });
        },
      });
      expect(r.code).toBe(code);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(status(r.stdout).run.status).toBe(code === 3 ? 'timeout' : 'interrupted');
    } finally {
      fake.setEmbeddingDelay(0);
    }
  });

  it('replay --plain into a closed pipe (| head) stops at once: exit 0, no stack trace', async () => {
    const r = await runCli(['replay', '@examples/demo', '--plain', '--speed', '0'], {
      onSpawn: (child) => child.stdout?.once('data', () => child.stdout?.destroy()),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
