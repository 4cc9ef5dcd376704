import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
let evaluations = 0;

beforeAll(async () => {
  fake = await createFakeProvider({
    scenario: (req: FakeRequest) => {
      if (req.tools.some((t) => t.name === 'submit')) {
        evaluations++;
        return evaluations === 1
          ? {
              toolCalls: [
                {
                  name: 'restart_orchestration',
                  args: { reason: 'Missing the second person', instructions: 'Cover both' },
                },
              ],
            }
          : { toolCalls: [{ name: 'submit', args: { confirmed: true } }] };
      }
      return consensus({
        present: (r) => `Presentation ${r.system.includes('PREVIOUS ATTEMPT') ? 'two' : 'one'}`,
      })(req);
    },
  });
});
afterAll(() => fake.close());

describe('massgen submit/restart (CLI)', () => {
  it('restarts once, then submits; both attempts are in the logs and the final answer is at turn level', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'r.yaml',
      [
        'agents:',
        ...['a', 'b'].flatMap((id) => [
          `  - id: ${id}`,
          '    backend:',
          '      type: chatcompletion',
          `      model: m-${id}`,
          `      base_url: ${fake.baseUrls.chat}`,
        ]),
        'orchestrator:',
        '  coordination:',
        '    max_orchestration_restarts: 2',
      ].join('\n'),
    );
    const r = await runCli(['--automation', '--config', file, 'Describe two people'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^RESTART: Attempt 2\/3$/m);
    const logDir = field(r.stdout, 'LOG_DIR')!;
    expect(readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8')).toBe('Presentation two');
    expect(readFileSync(path.join(logDir, 'attempt_1', 'final', 'a', 'answer.txt'), 'utf8')).toBe(
      'Presentation one',
    );
    expect(readFileSync(path.join(logDir, 'attempt_2', 'final', 'a', 'answer.txt'), 'utf8')).toBe(
      'Presentation two',
    );
    for (const attempt of ['attempt_1', 'attempt_2']) {
      expect(readdirSync(path.join(logDir, attempt))).toEqual(expect.arrayContaining(['a', 'b', 'final']));
    }
    expect(existsSync(path.join(logDir, 'a'))).toBe(false);
    const status = JSON.parse(readFileSync(field(r.stdout, 'STATUS')!, 'utf8'));
    expect(status.coordination).toMatchObject({ attempt: 2, max_attempts: 3 });
    expect(status.results.winner).toBe('a');
    // The second attempt's prompts carried the evaluator's feedback.
    const second = fake.requests.filter((q) => q.system.includes('Missing the second person'));
    // Two answers, two votes and the presentation (the evaluation prompt carries no feedback).
    expect(second).toHaveLength(5);
  });
});
