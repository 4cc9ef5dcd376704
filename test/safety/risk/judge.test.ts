import { mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolRiskCache } from '../../../src/safety/risk/cache.js';
import { classifierFromConfig, type ToolClassifier } from '../../../src/safety/risk/classifier.js';
import { createRiskJudge, type RiskJudgeOptions } from '../../../src/safety/risk/judge.js';
import type { ToolAnnotations, ToolEntry } from '../../../src/tools/types.js';
import { type FakeReply, scripted } from '../../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../../fake-provider/server.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const ctx = { agentId: 'agent1', phase: 'coordination' as const, signal: new AbortController().signal };
const tempDir = () => realpathSync(mkdtempSync(path.join(os.tmpdir(), 'massgen-risk-')));

function mcpEntry(
  server: string,
  tool: string,
  annotations?: ToolAnnotations,
  description = `The ${tool} tool.`,
): ToolEntry {
  return {
    name: `mcp__${server}__${tool}`,
    originalName: tool,
    server,
    description,
    inputSchema: { type: 'object', properties: { title: { type: 'string' } } },
    source: 'mcp',
    ...(annotations ? { annotations } : {}),
    timeoutMs: 1000,
    origin: `MCP server "${server}"`,
    execute: async () => ({ value: 'ok' }),
  };
}

const call = (entry: ToolEntry, input: unknown = {}) => ({ toolCallId: 'c1', toolName: entry.name, input });

async function judged(entry: ToolEntry, options: RiskJudgeOptions, input?: unknown) {
  const home = options.home ?? tempDir();
  const judge = createRiskJudge({ home, ...options });
  return judge.judge(call(entry, input), entry, ctx);
}

describe('the risk judge: the order of trust', () => {
  const backend = {
    tool_risk: {
      'mcp__gh__*': 'reversible',
      'mcp__gh__delete_*': 'irreversible',
      mcp__gh__delete_draft: 'read-only',
    },
    mcp_servers: [
      { name: 'gh', trusted: true, tool_risk: { 'create_*': { level: 'irreversible', open_world: true } } },
    ],
  } as const;
  const options = { backend, at: 'agents[0].backend' };

  it('a server’s tool_risk beats the backend’s, which beats trusted annotations', async () => {
    expect(await judged(mcpEntry('gh', 'create_issue', { readOnlyHint: true }), options)).toEqual({
      level: 'irreversible',
      openWorld: true,
      source: 'config',
      reason: 'declared irreversible in agents[0].backend.mcp_servers[0].tool_risk ("create_*")',
    });
    expect(await judged(mcpEntry('gh', 'get_issue', { readOnlyHint: true }), options)).toEqual({
      level: 'reversible',
      openWorld: true,
      source: 'config',
      reason: 'declared reversible in agents[0].backend.tool_risk ("mcp__gh__*")',
    });
  });

  it('the most specific pattern wins: an exact name, then the longest pattern', async () => {
    expect((await judged(mcpEntry('gh', 'delete_repo'), options)).level).toBe('irreversible');
    expect((await judged(mcpEntry('gh', 'delete_draft'), options)).level).toBe('read-only');
  });

  it('annotations count from a trusted server, with the spec’s defaults', async () => {
    const trusted = { backend: { mcp_servers: [{ name: 'db', trusted: true }] } };
    const risk = async (annotations: ToolAnnotations) =>
      judged(mcpEntry('db', 'op', annotations), trusted).then((r) => [r.level, r.openWorld, r.source]);
    expect(await risk({ readOnlyHint: true })).toEqual(['read-only', true, 'mcp-annotations']);
    expect(await risk({ readOnlyHint: true, openWorldHint: false })).toEqual([
      'read-only',
      false,
      'mcp-annotations',
    ]);
    expect(await risk({ title: 'Op' })).toEqual(['irreversible', true, 'mcp-annotations']);
    expect(await risk({ destructiveHint: false })).toEqual(['irreversible', true, 'mcp-annotations']);
    expect(await risk({ destructiveHint: false, openWorldHint: false })).toEqual([
      'reversible',
      false,
      'mcp-annotations',
    ]);
  });

  it('an untrusted server’s hints never lower the risk, but a destructive hint counts', async () => {
    const untrusted = { backend: { mcp_servers: [{ name: 'web' }] } };
    expect(await judged(mcpEntry('web', 'fetch', { readOnlyHint: true }), untrusted)).toEqual({
      level: 'unknown',
      openWorld: true,
      source: 'default',
      reason:
        'no declaration, and the annotations of server "web" do not count (it is not marked trusted: true)',
    });
    expect(await judged(mcpEntry('web', 'wipe', { destructiveHint: true }), untrusted)).toMatchObject({
      level: 'irreversible',
      source: 'mcp-annotations',
    });
  });

  it('built-in tools: file tools by where they write, commands by the parsed command, provider tools read-only', async () => {
    const base = tempDir();
    const workspace = path.join(base, 'ws');
    const shared = path.join(base, 'shared');
    mkdirSync(workspace);
    mkdirSync(shared);
    const paths = { workspace, contextPaths: [{ path: shared, permission: 'write' as const }] };
    const tool = (name: string, source: ToolEntry['source'] = 'workspace'): ToolEntry => ({
      name,
      description: name,
      inputSchema: { type: 'object' },
      source,
      timeoutMs: 1000,
      execute: async () => ({ value: '' }),
    });
    const level = async (entry: ToolEntry, input: unknown) => {
      const r = await judged(entry, { paths }, input);
      return `${r.level} ${r.source}${r.openWorld ? ' open-world' : ''}`;
    };
    expect(await level(tool('read_file'), { path: '/etc/passwd' })).toBe('read-only built-in');
    expect(await level(tool('write_file'), { path: 'notes/a.md', content: 'x' })).toBe('reversible built-in');
    expect(await level(tool('edit_file'), { path: path.join(shared, 'a.md') })).toBe('irreversible built-in');
    expect(await level(tool('write_file'), { path: '/etc/x', content: 'x' })).toBe('irreversible built-in');
    expect(await level(tool('execute_command'), { command: 'rm -rf build' })).toBe('reversible command');
    expect(await level(tool('execute_command'), { command: `cp a ${shared}/` })).toBe('irreversible command');
    expect(await level(tool('web_search', 'provider'), {})).toBe('read-only built-in open-world');
    expect(await level(tool('custom_tool__send', 'custom'), {})).toBe('unknown default');
  });
});

describe('the risk judge: the classifier', () => {
  const model = 'risk-llm';
  const verdict = (level: string, reason: string, openWorld = true): FakeReply => ({
    toolCalls: [{ name: 'record_tool_risk', args: { level, open_world: openWorld, reason } }],
  });
  const requests = () => fake.requests.filter((r) => r.model === model);
  const classifier = (): Promise<ToolClassifier | undefined> =>
    classifierFromConfig({
      classifier: { type: 'chatcompletion', model, base_url: fake.baseUrls.chat, api_key: 'k' },
    });

  it('is called once per tool, however many agents ask at once, and then answers from its cache', async () => {
    const home = tempDir();
    fake.setScenario(scripted({ [model]: [verdict('irreversible', 'It sends an email.')] }));
    const before = requests().length;
    const cls = await classifier();
    const entry = mcpEntry('mail', 'send_email', undefined, 'Sends an email to the given address.');
    const judges = [1, 2, 3].map(() => createRiskJudge({ home, classifier: cls }));
    const risks = await Promise.all(judges.map((j) => j.judge(call(entry), entry, ctx)));
    expect(risks.map((r) => r.level)).toEqual(['irreversible', 'irreversible', 'irreversible']);
    expect(risks[0]).toEqual({
      level: 'irreversible',
      openWorld: true,
      source: 'classifier',
      reason: 'classifier chatcompletion/risk-llm: It sends an email.',
    });
    const sent = requests().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.tools.map((t) => t.name)).toEqual(['record_tool_risk']);
    expect(sent[0]?.lastUserText).toContain('Tool name: mcp__mail__send_email');
    expect(sent[0]?.lastUserText).toContain('Sends an email to the given address.');

    // Another run (a new cache object on the same file) asks no model.
    const later = createRiskJudge({
      home,
      classifier: cls,
      cache: new ToolRiskCache(ToolRiskCache.fileIn(home)),
    });
    expect((await later.judge(call(entry), entry, ctx)).level).toBe('irreversible');
    expect(requests().slice(before)).toHaveLength(1);
    const file = JSON.parse(readFileSync(ToolRiskCache.fileIn(home), 'utf8'));
    expect(Object.keys(file.tools)).toEqual(['mail/send_email']);
    expect(file.tools['mail/send_email']).toMatchObject({
      level: 'irreversible',
      by: 'classifier',
      model: 'chatcompletion/risk-llm',
    });
  });

  it('an agent whose turn ends stops waiting, and the classification goes on for the others', async () => {
    const home = tempDir();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived!: () => void;
    const asked = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    fake.setScenario(async (req) => {
      if (req.model !== model) return { text: 'ok' };
      arrived();
      await gate;
      return verdict('irreversible', 'Deletes a repository.');
    });
    const before = requests().length;
    const cls = await classifier();
    const entry = mcpEntry('gh', 'delete_repo');
    const ended = new AbortController();
    const first = createRiskJudge({ home, classifier: cls }).judge(call(entry), entry, {
      ...ctx,
      signal: ended.signal,
    });
    const second = createRiskJudge({ home, classifier: cls }).judge(call(entry), entry, ctx);
    await asked;
    ended.abort(new Error('turn ended'));
    await expect(first).rejects.toThrow('turn ended');
    release();
    expect((await second).level).toBe('irreversible');
    expect(requests().slice(before)).toHaveLength(1);
  });

  it('judges a tool again when its description changes', async () => {
    const home = tempDir();
    fake.setScenario(
      scripted({ [model]: [verdict('read-only', 'Lists.', false), verdict('irreversible', 'Deletes.')] }),
    );
    const before = requests().length;
    const judge = createRiskJudge({ home, classifier: await classifier() });
    const first = mcpEntry('notes', 'tidy', undefined, 'Lists the notes.');
    const changed = mcpEntry('notes', 'tidy', undefined, 'Deletes every note.');
    expect((await judge.judge(call(first), first, ctx)).level).toBe('read-only');
    expect((await judge.judge(call(first), first, ctx)).level).toBe('read-only');
    expect((await judge.judge(call(changed), changed, ctx)).level).toBe('irreversible');
    expect(requests().slice(before)).toHaveLength(2);
  });

  it('keeps no verdict it could not get, and without a classifier only the verdicts the user set hold', async () => {
    const home = tempDir();
    fake.setScenario(
      scripted({ [model]: [{ text: 'No idea.' }, verdict('reversible', 'Adds a row.', false)] }),
    );
    const before = requests().length;
    const cls = await classifier();
    const entry = custom('add_row');
    const judge = createRiskJudge({ home, classifier: cls });
    expect(await judge.judge(call(entry), entry, ctx)).toMatchObject({
      level: 'unknown',
      reason: 'the classifier gave no usable verdict',
    });
    expect((await judge.judge(call(entry), entry, ctx)).level).toBe('reversible');
    expect(requests().slice(before)).toHaveLength(2);

    const without = createRiskJudge({ home });
    expect(await without.judge(call(entry), entry, ctx)).toMatchObject({
      level: 'unknown',
      source: 'default',
    });
    await new ToolRiskCache(ToolRiskCache.fileIn(home)).set('custom_tool__add_row', 'read-only');
    expect(await without.judge(call(entry), entry, ctx)).toMatchObject({
      level: 'read-only',
      source: 'classifier',
    });
    expect(requests().slice(before)).toHaveLength(2);
  });
});

function custom(name: string): ToolEntry {
  return {
    name: `custom_tool__${name}`,
    originalName: name,
    description: `The ${name} tool.`,
    inputSchema: { type: 'object' },
    source: 'custom',
    timeoutMs: 1000,
    execute: async () => ({ value: '' }),
  };
}
