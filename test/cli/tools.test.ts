import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { consensus, type FakeRequest, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, ROOT, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const FIXTURES = path.join(ROOT, 'test/fixtures/tools');
const require = createRequire(import.meta.url);
const q = (value: string) => JSON.stringify(value);

/** The entry script of an installed MCP server package (its `bin`), so this works on a fresh clone. */
function serverScript(pkg: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin as string | Record<string, string>;
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : Object.values(bin)[0]!);
}

function events(logDir: string): CoordinationEvent[] {
  return readFileSync(path.join(logDir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as CoordinationEvent);
}

/** Requests of one model, in order. */
const of = (model: string) => fake.requests.filter((r) => r.model === model);
const toolText = (req: FakeRequest, name: string) =>
  req.messages.find((m) => m.role === 'tool' && m.toolName === name)?.text;

/** One chatcompletion agent named `id` using `model`, with extra backend lines. */
function agent(id: string, model: string, backend: string[]): string {
  return [
    `  - id: ${q(id)}`,
    '    backend:',
    '      type: chatcompletion',
    `      model: ${q(model)}`,
    `      base_url: ${q(fake.baseUrls.chat)}`,
    '      api_key: test-key',
    ...backend.map((l) => `      ${l}`),
  ].join('\n');
}

/** Presents the winning answer verbatim (the text between its answer tags). */
const presentAnswer = consensus({
  present: (req) => /<agent1\.\d+>\s*([\s\S]*?)\s*<end of agent1\.\d+>/.exec(req.lastUserText)?.[1] ?? '?',
});

describe('tools through the CLI (fake provider, real MCP servers)', () => {
  it('calls tools of server-everything and server-filesystem over stdio; results reach the model, the answer and context.txt; filters apply', async () => {
    const home = tempHome();
    const data = path.join(home, 'data');
    execFileSync(process.execPath, ['-e', `require('fs').mkdirSync(${q(data)})`]);
    writeFileSync(path.join(data, 'note.txt'), 'The launch code is 4711.');
    const model = 'mcp-model';
    fake.setScenario(
      scripted(
        {
          [model]: [
            {
              toolCalls: [
                { name: 'mcp__everything__echo', args: { message: 'ping-123' } },
                { name: 'mcp__files__read_text_file', args: { path: path.join(data, 'note.txt') } },
              ],
            },
            (req) => ({
              toolCalls: [
                {
                  name: 'new_answer',
                  args: {
                    content: `Echo said: ${toolText(req, 'mcp__everything__echo')}; file says: ${toolText(req, 'mcp__files__read_text_file')}`,
                  },
                },
              ],
            }),
          ],
        },
        presentAnswer,
      ),
    );
    const file = writeFile(
      home,
      'mcp.yaml',
      `agents:\n${agent('a', model, [
        'mcp_servers:',
        '  - name: everything',
        '    type: stdio',
        `    command: ${q(process.execPath)}`,
        `    args: [${q(serverScript('@modelcontextprotocol/server-everything'))}, stdio]`,
        '  - name: files',
        `    command: ${q(process.execPath)}`,
        `    args: [${q(serverScript('@modelcontextprotocol/server-filesystem'))}, ${q(data)}]`,
        'allowed_tools: [mcp__everything__echo, get-sum, mcp__files__read_text_file, list_directory]',
        'exclude_tools: [list_directory]',
      ])}\n`,
    );
    const start = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'What does the note say?'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    const requests = of(model).filter((req) => req.index >= start);
    const first = requests[0]!;
    expect(first.tools.map((t) => t.name).sort()).toEqual([
      'mcp__everything__echo',
      'mcp__everything__get-sum',
      'mcp__files__read_text_file',
      'new_answer',
      'vote',
    ]);
    const second = requests[1]!;
    expect(toolText(second, 'mcp__everything__echo')).toBe('Echo: ping-123');
    expect(toolText(second, 'mcp__files__read_text_file')).toBe('The launch code is 4711.');

    const logDir = field(r.stdout, 'LOG_DIR')!;
    const answer = readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8');
    expect(answer).toBe('Echo said: Echo: ping-123; file says: The launch code is 4711.');
    const all = events(logDir);
    const ready = all.filter((e) => e.type === 'tool-server-status' && e.status === 'ready');
    expect(ready.map((e) => (e as { server: string }).server).sort()).toEqual(['everything', 'files']);
    expect(all.filter((e) => e.type === 'tool-result').map((e) => (e as { isError: boolean }).isError)).toEqual([
      false,
      false,
    ]);
    const contexts = readdirSync(path.join(logDir, 'a'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('context.txt'),
    );
    const context = readFileSync(path.join(logDir, 'a', contexts[0]!), 'utf8');
    expect(context).toContain('[tool call mcp__everything__echo]');
    expect(context).toContain('Echo: ping-123');
    // The servers were closed with the run: no process is left serving the temp folder.
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(ps).not.toContain(data);
  });
});
