import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../../src/config/validate.js';
import { ConfigError } from '../../../src/errors.js';
import { createRunRisk } from '../../../src/safety/risk/run-risk.js';
import type { ToolEntry } from '../../../src/tools/types.js';

const homeDir = () => mkdtempSync(path.join(os.tmpdir(), 'massgen-run-risk-'));
const ctx = { agentId: 'b', phase: 'presentation' as const, signal: new AbortController().signal };

describe('createRunRisk: the judges of a run', () => {
  it('gives each agent the declarations of its own backend', async () => {
    const { config } = validateConfigObject(
      {
        agents: [
          { id: 'a', backend: { type: 'openai', model: 'm' } },
          { id: 'b', backend: { type: 'openai', model: 'm', tool_risk: { 'custom_tool__*': 'read-only' } } },
        ],
      },
      'test.yaml',
    );
    const risk = await createRunRisk(config!, { env: {}, homeDir: homeDir() });
    const entry: ToolEntry = {
      name: 'custom_tool__lookup',
      description: 'Looks up a word.',
      inputSchema: { type: 'object' },
      source: 'custom',
      timeoutMs: 1000,
    };
    const call = { toolCallId: 'c', toolName: entry.name, input: {} };
    expect(await risk.judgeFor(0).judge(call, entry, ctx)).toMatchObject({
      level: 'unknown',
      source: 'default',
    });
    expect(await risk.judgeFor(1).judge(call, entry, ctx)).toEqual({
      level: 'read-only',
      openWorld: false,
      source: 'config',
      reason: 'declared read-only in agents[1].backend.tool_risk ("custom_tool__*")',
    });
  });

  it('a classifier without its key is a configuration error before the run, naming the variable', async () => {
    const { config } = validateConfigObject(
      {
        agent: { backend: { type: 'openai', model: 'm' } },
        safety: { classifier: { type: 'claude', model: 'c' } },
      },
      'test.yaml',
    );
    const made = createRunRisk(config!, { env: {}, homeDir: homeDir() });
    await expect(made).rejects.toThrow(ConfigError);
    await expect(made).rejects.toThrow(
      'safety.classifier (type claude) needs an API key: set ANTHROPIC_API_KEY, or give safety.classifier.api_key',
    );
  });
});
