import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { cliHelpers, events, FIXTURES, serverScript } from '../tools/cli-helpers.js';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const { q, agent, toolText, presentAnswer } = cliHelpers(() => fake);
const of = (model: string) => fake.requests.filter((r) => r.model === model);

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
    expect(
      all.filter((e) => e.type === 'tool-result').map((e) => (e as { isError: boolean }).isError),
    ).toEqual([false, false]);
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

  it('runs a TS module tool with preset args, a command tool, a hanging tool (timeout) and a throwing tool; a Python tool is skipped with a warning', async () => {
    const home = tempHome();
    const model = 'custom-model';
    const calls = [
      { name: 'custom_tool__add', args: { a: 2, b: 3, unit: 'forged' } },
      { name: 'custom_tool__word_count', args: { text: 'one two three' } },
      { name: 'custom_tool__word_fail', args: { text: 'fail' } },
      { name: 'custom_tool__hang', args: {} },
      { name: 'custom_tool__boom', args: {} },
    ];
    fake.setScenario(
      scripted(
        {
          [model]: [
            { toolCalls: calls },
            (req) => ({
              toolCalls: [
                {
                  name: 'new_answer',
                  args: { content: calls.map((c) => `${c.name}=${toolText(req, c.name)}`).join(' | ') },
                },
              ],
            }),
          ],
        },
        presentAnswer,
      ),
    );
    const mathPath = path.relative(home, path.join(FIXTURES, 'math-tools.ts'));
    const counter = path.join(FIXTURES, 'word-count.mjs');
    const file = writeFile(
      home,
      'custom.yaml',
      `agents:\n${agent('a', model, [
        'custom_tools:',
        `  - path: ${q(mathPath)}`,
        '    function: [add, hang, boom]',
        '    preset_args: [{unit: cm}, {}, {}]',
        '    timeout_seconds: 0.5',
        '  - name: word_count',
        '    description: Count the words of a text.',
        `    command: [${q(process.execPath)}, ${q(counter)}, "{text}", "{prefix}"]`,
        '    preset_args: {prefix: "n="}',
        '  - name: word_fail',
        `    command: [${q(process.execPath)}, ${q(counter)}, "{text}"]`,
        '  - name: two_num_tool',
        '    path: massgen/tool/_basic/_two_num_tool.py',
        '    function: two_num_tool',
      ])}\n`,
    );
    const start = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Compute things'], { cwd: home });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /not supported yet: agents\[0\]\.backend\.custom_tools\[3\] \(Python custom tool "two_num_tool"\)/,
    );

    const [first, second] = of(model).filter((req) => req.index >= start);
    const add = first!.tools.find((t) => t.name === 'custom_tool__add')!;
    expect(add.description).toBe('Add two numbers and give the sum in the configured unit.');
    expect(Object.keys((add.parameters as { properties: object }).properties).sort()).toEqual(['a', 'b']);
    const count = first!.tools.find((t) => t.name === 'custom_tool__word_count')!;
    expect(count.parameters).toMatchObject({ properties: { text: { type: 'string' } }, required: ['text'] });
    expect(first!.tools.map((t) => t.name)).not.toContain('custom_tool__two_num_tool');

    expect(JSON.parse(toolText(second!, 'custom_tool__add')!)).toEqual({ sum: 5, unit: 'cm' });
    expect(JSON.parse(toolText(second!, 'custom_tool__word_count')!)).toEqual({ words: 3, prefix: 'n=' });
    expect(toolText(second!, 'custom_tool__word_fail')).toMatch(/exited with status 3:\s+asked to fail/);
    expect(toolText(second!, 'custom_tool__hang')).toBe('Tool custom_tool__hang timed out after 0.5s.');
    expect(toolText(second!, 'custom_tool__boom')).toBe('Tool custom_tool__boom failed: kaboom');

    const answer = readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8');
    expect(answer).toContain('custom_tool__add={"sum":5,"unit":"cm"}');
    const results = events(field(r.stdout, 'LOG_DIR')!).filter((e) => e.type === 'tool-result');
    expect(results.map((e) => [e.toolName, e.isError])).toEqual(
      expect.arrayContaining([
        ['custom_tool__add', false],
        ['custom_tool__word_fail', true],
        ['custom_tool__hang', true],
        ['custom_tool__boom', true],
      ]),
    );
  });

  it('a server that cannot start and one that dies mid-call take their tools away with events; the run finishes', async () => {
    const home = tempHome();
    const model = 'crash-model';
    fake.setScenario(
      scripted(
        {
          [model]: [
            { toolCalls: [{ name: 'mcp__crashy__crash', args: {} }] },
            { toolCalls: [{ name: 'mcp__crashy__crash', args: {} }] },
            (req) => ({
              toolCalls: [
                {
                  name: 'new_answer',
                  args: { content: `tools now: ${req.tools.map((t) => t.name).join(',')}` },
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
      'crash.yaml',
      `agents:\n${agent('a', model, [
        'mcp_servers:',
        '  broken:',
        '    command: massgen-no-such-command-xyz',
        '  crashy:',
        `    command: ${q(process.execPath)}`,
        `    args: [${q(path.join(FIXTURES, 'crash-server.mjs'))}]`,
      ])}\n`,
    );
    const start = fake.requests.length;
    const r = await runCli(['--config', file, 'Crash it'], { cwd: home, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MCP server "broken" failed to start: .*ENOENT/);
    expect(r.stdout).toMatch(/MCP server "crashy" stopped: the server closed the connection/);
    const requests = of(model).filter((req) => req.index >= start);
    expect(requests[0]!.tools.map((t) => t.name)).toContain('mcp__crashy__crash');
    // The call in flight got an error result; the next request no longer offers the tool.
    expect(requests[1]!.messages.find((m) => m.role === 'tool')?.text).toMatch(
      /failed: .*(closed|Connection)/i,
    );
    expect(requests[1]!.tools.map((t) => t.name)).toEqual(['new_answer', 'vote']);
    expect(requests[2]!.messages.filter((m) => m.role === 'tool').at(-1)?.text).toMatch(
      /Unknown tool "mcp__crashy__crash"/,
    );
    expect(r.stdout).toContain('tools now: new_answer,vote');
  });

  it('Ctrl-C during a run closes the MCP servers: no process is left behind', async () => {
    const home = tempHome();
    const data = path.join(home, 'ctrl-c-data');
    execFileSync(process.execPath, ['-e', `require('fs').mkdirSync(${q(data)})`]);
    fake.setScenario(consensus({ latencyMs: 20_000 }));
    const file = writeFile(
      home,
      'sigint.yaml',
      `agents:\n${agent('a', 'sigint-model', [
        'mcp_servers:',
        '  - name: files',
        `    command: ${q(process.execPath)}`,
        `    args: [${q(serverScript('@modelcontextprotocol/server-filesystem'))}, ${q(data)}]`,
      ])}\n`,
    );
    const running = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).includes(data);
    let wasRunning = false;
    const r = await runCli(['--config', file, 'Wait'], {
      cwd: home,
      onSpawn: (child) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('MCP server "files" ready')) {
            wasRunning = running();
            child.kill('SIGINT');
          }
        });
      },
    });
    expect(r.code).toBe(4);
    expect(wasRunning).toBe(true);
    expect(running()).toBe(false);
  });

  it('a custom tool that cannot be loaded stops the run before it starts (exit 1), naming the key', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'bad.yaml',
      `agents:\n${agent('a', 'bad-model', ['custom_tools:', '  - path: tools/missing.ts', '    function: f'])}\n`,
    );
    const start = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${file}: agents[0].backend.custom_tools[0].path: custom tool module not found: ${path.join(home, 'tools/missing.ts')}`,
    );
    expect(r.stderr).toContain("fix: paths are relative to the config file's folder");
    expect(fake.requests.length).toBe(start);
  });
});
