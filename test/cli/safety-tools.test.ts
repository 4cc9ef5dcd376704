import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolRiskCache } from '../../src/safety/risk/cache.js';
import { classifierFromConfig } from '../../src/safety/risk/classifier.js';
import { createRiskJudge } from '../../src/safety/risk/judge.js';
import type { ToolEntry } from '../../src/tools/types.js';
import { type FakeReply, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const model = 'risk-llm';
const verdict = (level: string, openWorld: boolean, reason: string): FakeReply => ({
  toolCalls: [{ name: 'record_tool_risk', args: { level, open_world: openWorld, reason } }],
});

function mcpEntry(server: string, tool: string, description: string): ToolEntry {
  return {
    name: `mcp__${server}__${tool}`,
    originalName: tool,
    server,
    description,
    inputSchema: { type: 'object', properties: { to: { type: 'string' } } },
    source: 'mcp',
    timeoutMs: 1000,
    execute: async () => ({ value: '' }),
  };
}

/** A home folder whose cache holds the classifier's verdicts on two tools (as a run leaves it). */
async function classifiedHome(): Promise<string> {
  const home = tempHome();
  fake.setScenario(
    scripted({
      [model]: [
        verdict('irreversible', true, 'It sends an email.'),
        verdict('read-only', false, 'It lists notes.'),
      ],
    }),
  );
  const classifier = await classifierFromConfig({
    classifier: { type: 'chatcompletion', model, base_url: fake.baseUrls.chat, api_key: 'k' },
  });
  const judge = createRiskJudge({ home, classifier, cache: new ToolRiskCache(ToolRiskCache.fileIn(home)) });
  const signal = new AbortController().signal;
  for (const entry of [
    mcpEntry('mail', 'send_email', 'Sends an email.'),
    mcpEntry('notes', 'list', 'Lists notes.'),
  ]) {
    await judge.judge({ toolCallId: 'c', toolName: entry.name, input: {} }, entry, {
      agentId: 'agent1',
      phase: 'coordination',
      signal,
    });
  }
  return home;
}

const json = (stdout: string) =>
  JSON.parse(stdout) as { file: string; tools: Array<Record<string, unknown>>; declarations: unknown[] };

describe('massgen safety tools', () => {
  it('lists the verdicts kept in ~/.massgen/safety/tool-risk.json, as JSON and as text', async () => {
    const home = await classifiedHome();
    const listed = await runCli(['safety', 'tools', '--json'], { cwd: home });
    expect(listed.code).toBe(0);
    const data = json(listed.stdout);
    expect(data.file).toBe(ToolRiskCache.fileIn(home));
    expect(data.declarations).toEqual([]);
    expect(data.tools.map(({ at: _at, hash: _hash, ...rest }) => rest)).toEqual([
      {
        server: 'mail',
        tool: 'send_email',
        name: 'mcp__mail__send_email',
        level: 'irreversible',
        openWorld: true,
        reason: 'It sends an email.',
        by: 'classifier',
        model: 'chatcompletion/risk-llm',
      },
      {
        server: 'notes',
        tool: 'list',
        name: 'mcp__notes__list',
        level: 'read-only',
        openWorld: false,
        reason: 'It lists notes.',
        by: 'classifier',
        model: 'chatcompletion/risk-llm',
      },
    ]);
    const text = await runCli(['safety', 'tools'], { cwd: home });
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').filter(Boolean)).toEqual([
      `Verdicts in ${ToolRiskCache.fileIn(home)}:`,
      expect.stringMatching(
        /^mcp__mail__send_email {2}irreversible open-world {2}\(classifier chatcompletion\/risk-llm, \d{4}-\d\d-\d\d\) {2}It sends an email\.$/,
      ),
      expect.stringMatching(
        /^mcp__notes__list {2}read-only {2}\(classifier chatcompletion\/risk-llm, \d{4}-\d\d-\d\d\) {2}It lists notes\.$/,
      ),
    ]);
  });

  it('set changes a verdict, which a run then uses without asking the classifier', async () => {
    const home = await classifiedHome();
    const set = await runCli(
      ['safety', 'tools', 'set', 'mcp__mail__send_email', 'reversible', '--no-open-world'],
      { cwd: home },
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toBe(`mcp__mail__send_email is now reversible in ${ToolRiskCache.fileIn(home)}\n`);
    const bySlash = await runCli(['safety', 'tools', 'set', 'notes/list', 'unknown'], { cwd: home });
    expect(bySlash.code).toBe(0);
    const tools = json((await runCli(['safety', 'tools', '--json'], { cwd: home })).stdout).tools;
    expect(tools.map((t) => [t.name, t.level, t.openWorld, t.by])).toEqual([
      ['mcp__mail__send_email', 'reversible', false, 'user'],
      ['mcp__notes__list', 'unknown', false, 'user'],
    ]);
    const before = fake.requests.length;
    const entry = mcpEntry('mail', 'send_email', 'Sends an email.');
    const risk = await createRiskJudge({ home, cache: new ToolRiskCache(ToolRiskCache.fileIn(home)) }).judge(
      { toolCallId: 'c', toolName: entry.name, input: {} },
      entry,
      { agentId: 'agent1', phase: 'coordination', signal: new AbortController().signal },
    );
    expect([risk.level, risk.source]).toEqual(['reversible', 'classifier']);
    expect(fake.requests.length).toBe(before);
  });

  it('refuses an unknown tool or level, naming what is listed and the levels', async () => {
    const home = await classifiedHome();
    const tool = await runCli(['safety', 'tools', 'set', 'mcp__mail__send', 'read-only'], { cwd: home });
    expect(tool.code).toBe(1);
    expect(tool.stderr).toBe(
      `error: No tool "mcp__mail__send" in ${ToolRiskCache.fileIn(home)}. Listed tools: mcp__mail__send_email, mcp__notes__list. Use a name that \`massgen safety tools\` shows (or server/tool).\n`,
    );
    const level = await runCli(['safety', 'tools', 'set', 'mcp__mail__send_email', 'harmless'], {
      cwd: home,
    });
    expect(level.code).toBe(1);
    expect(level.stderr).toBe(
      'error: "harmless" is not a risk level; use one of read-only, reversible, irreversible, unknown.\n',
    );
  });

  it('with --config also lists the config’s declarations and trusted servers', async () => {
    const home = tempHome();
    const config = writeFile(
      home,
      'config.yaml',
      [
        'agents:',
        '  - id: a',
        '    backend:',
        '      type: openai',
        '      model: gpt-5-mini',
        '      tool_risk:',
        '        "mcp__github__get_*": read-only',
        '        custom_tool__mail: { level: irreversible, open_world: true }',
        '      mcp_servers:',
        '        - name: github',
        '          command: github-mcp',
        '          trusted: true',
        '          tool_risk:',
        '            "create_*": irreversible',
      ].join('\n'),
    );
    const listed = await runCli(['safety', 'tools', '--config', config, '--json'], { cwd: home });
    expect(listed.stderr).toBe('');
    expect(json(listed.stdout)).toEqual({
      file: ToolRiskCache.fileIn(home),
      tools: [],
      declarations: [
        { at: 'agents[0].backend.tool_risk', pattern: 'mcp__github__get_*', level: 'read-only' },
        {
          at: 'agents[0].backend.tool_risk',
          pattern: 'custom_tool__mail',
          level: 'irreversible',
          openWorld: true,
        },
        { at: 'agents[0].backend.mcp_servers[0]', trustedServer: 'github' },
        { at: 'agents[0].backend.mcp_servers[0].tool_risk', pattern: 'create_*', level: 'irreversible' },
      ],
    });
    const text = await runCli(['safety', 'tools', '--config', config], { cwd: home });
    expect(text.stdout).toBe(
      [
        `No tool has been classified yet (${ToolRiskCache.fileIn(home)}).`,
        `Declared in ${config}:`,
        'agents[0].backend.tool_risk: "mcp__github__get_*" read-only',
        'agents[0].backend.tool_risk: "custom_tool__mail" irreversible open-world',
        'agents[0].backend.mcp_servers[0]: server "github" is trusted (its annotations count)',
        'agents[0].backend.mcp_servers[0].tool_risk: "create_*" irreversible',
        '',
      ].join('\n'),
    );
  });

  it('a damaged cache file is an error naming the file and the fix', async () => {
    const home = await classifiedHome();
    const file = ToolRiskCache.fileIn(home);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    const listed = await runCli(['safety', 'tools'], { cwd: home });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(
      new RegExp(
        `^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.+\\); fix it or delete it \\(the tools are then classified again\\)\\n$`,
      ),
    );
  });
});
