import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../src/events/types.js';
import { scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { cliHelpers, events, serverScript } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const { q, agent, toolText, presentAnswer } = cliHelpers(() => fake);
const TOOL = 'mcp__every__trigger-elicitation-request';

describe('MCP elicitation (CLI, real server-everything)', () => {
  it('declines a server’s elicitation at once in --automation and records both events', async () => {
    const model = 'elicit-model';
    fake.setScenario(
      scripted(
        {
          [model]: [
            { toolCalls: [{ name: TOOL, args: {} }] },
            (req) => ({
              toolCalls: [{ name: 'new_answer', args: { content: `Result: ${toolText(req, TOOL)}` } }],
            }),
          ],
        },
        presentAnswer,
      ),
    );
    const home = tempHome();
    const file = writeFile(
      home,
      'elicit.yaml',
      `agents:\n${agent('a', model, [
        'mcp_servers:',
        '  - name: every',
        `    command: ${q(process.execPath)}`,
        `    args: [${q(serverScript('@modelcontextprotocol/server-everything'))}, stdio]`,
      ])}\n`,
    );
    const r = await runCli(['--automation', '--config', file, 'Ask me something'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The tool is listed only to clients that declare the elicitation capability.
    expect(field(r.stdout, 'ANSWER_PREVIEW')).toContain('User declined to provide the requested information');
    const log = events(field(r.stdout, 'LOG_DIR')!);
    const requests = log.filter((e): e is EventOf<'elicitation-request'> => e.type === 'elicitation-request');
    const responses = log.filter(
      (e): e is EventOf<'elicitation-response'> => e.type === 'elicitation-response',
    );
    expect(requests).toHaveLength(1);
    expect(responses).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      agentId: 'a',
      server: 'every',
      message: 'Please provide inputs for the following fields:',
    });
    expect(Object.keys(requests[0]!.requestedSchema.properties)).toContain('name');
    expect(responses[0]).toMatchObject({
      agentId: 'a',
      server: 'every',
      requestId: requests[0]!.requestId,
      action: 'decline',
      reason: 'no interactive display to ask the user',
    });
    expect(responses[0]!.fields).toBeUndefined();
  });

  it('says so in the plain display', async () => {
    const model = 'elicit-plain-model';
    fake.setScenario(scripted({ [model]: [{ toolCalls: [{ name: TOOL, args: {} }] }] }, presentAnswer));
    const home = tempHome();
    const file = writeFile(
      home,
      'elicit.yaml',
      `agents:\n${agent('a', model, [
        'mcp_servers:',
        '  - name: every',
        `    command: ${q(process.execPath)}`,
        `    args: [${q(serverScript('@modelcontextprotocol/server-everything'))}, stdio]`,
      ])}\n`,
    );
    const r = await runCli(['--config', file, 'Ask me something'], { cwd: home });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('❓'));
    expect(lines).toEqual([
      '❓ [a] MCP server "every" asked the user for input: declined (no interactive display to ask the user)',
    ]);
  });
});
