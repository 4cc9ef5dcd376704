import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogRecorder } from '../../src/events/recorder.js';
import type { CoordinationEvent } from '../../src/events/types.js';

const RUN = 'log_20250101_120000_000000';
const KEY = 'sk-agent-key-from-env-1';
const LITERAL = 'literal-header-token-2';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'massgen-redaction-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => join(root, f))
    .filter((f) => statSync(f).isFile());
}

describe('LogRecorder redaction', () => {
  it('writes no secret of the environment or of the config into any file, and marks what it blanked', async () => {
    const turnDir = join(dir, RUN, 'turn_1');
    const config = {
      agents: [{ id: 'a', backend: { api_key: '${ACCOUNT}', headers: { 'X-Token': LITERAL } } }],
    };
    const recorder = new LogRecorder({
      turnDir,
      runId: RUN,
      question: `Is ${KEY} valid?`,
      env: { ACCOUNT: KEY },
      metadata: { config, cli_args: ['--config', 'c.yaml'] },
    });
    let seq = 0;
    const base = () => ({ runId: RUN, seq: ++seq, ts: Date.UTC(2025, 0, 1) + seq });
    const events: CoordinationEvent[] = [
      { ...base(), type: 'run-start', question: `Is ${KEY} valid?`, agents: [] },
      {
        ...base(),
        type: 'tool-result',
        agentId: 'a',
        toolCallId: 't',
        toolName: 'x',
        output: { auth: LITERAL },
        isError: false,
      },
      {
        ...base(),
        type: 'answer',
        agentId: 'a',
        label: 'agent1.1',
        content: `The key ${KEY} works`,
        answerNumber: 1,
        context: `ctx ${LITERAL}`,
      },
      { ...base(), type: 'final-answer', agentId: 'a', content: `Yes, ${KEY}.`, context: 'ctx' },
    ] as CoordinationEvent[];
    for (const event of events) recorder.handle(event);
    await recorder.close();

    const written = files(turnDir);
    expect(written.length).toBe(7);
    for (const file of written) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(KEY);
      expect(text, file).not.toContain(LITERAL);
    }
    expect(readFileSync(join(turnDir, 'final', 'a', 'answer.txt'), 'utf8')).toBe('Yes, ***.');
    expect(JSON.parse(readFileSync(join(turnDir, 'status.json'), 'utf8')).meta.question).toBe(
      'Is *** valid?',
    );
    expect(readFileSync(join(turnDir, 'execution_metadata.yaml'), 'utf8')).toContain('X-Token: "***"');
  });
});
