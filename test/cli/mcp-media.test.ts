/**
 * MCP tool results with images or audio reach the model as media parts of the tool result (through
 * the built CLI, a real MCP server and the fake provider): images on OpenAI Responses, Anthropic and
 * Gemini, audio on Gemini; Chat Completions tool messages are text, so there they stay a line of text.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { FIXTURES, serverScript } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const q = (value: string) => JSON.stringify(value);
const TYPES = [
  ['gpt', 'openai', 'mm-gpt', () => fake.baseUrls.openai],
  ['claude', 'claude', 'mm-claude', () => fake.baseUrls.anthropic],
  ['gemini', 'gemini', 'mm-gemini', () => fake.baseUrls.gemini],
  ['local', 'chatcompletion', 'mm-local', () => fake.baseUrls.chat],
] as const;

function config(server: string[], tool: string): string {
  return [
    'agents:',
    ...TYPES.flatMap(([id, type, model, url]) => [
      `  - id: ${id}`,
      '    backend:',
      `      type: ${type}`,
      `      model: ${model}`,
      `      base_url: ${q(url())}`,
      '      api_key: test-key',
      '      permissions: false',
      '      mcp_servers:',
      ...server.map((l) => `        ${l}`),
      `      allowed_tools: [${tool}]`,
    ]),
    '',
  ].join('\n');
}

/** Each agent calls `tool` once, then answers. */
function callOnce(tool: string) {
  return scripted(
    Object.fromEntries(
      TYPES.map(([, , model]) => [
        model,
        [
          { toolCalls: [{ name: tool, args: {} }] },
          { toolCalls: [{ name: 'new_answer', args: { content: `seen by ${model}` } }] },
        ],
      ]),
    ),
    consensus(),
  );
}

/** The request of `model` that carries the tool's result (its second request). */
const afterTool = (since: number, model: string): FakeRequest =>
  fake.requests.slice(since).filter((r) => r.model === model)[1]!;

describe('MCP media results (CLI)', () => {
  it('an image from server-everything reaches the model as an image part where the API takes one', async () => {
    const tool = 'mcp__everything__get-tiny-image';
    fake.setScenario(callOnce(tool));
    const home = tempHome();
    const file = writeFile(
      home,
      'mcp.yaml',
      config(
        [
          '- name: everything',
          `  command: ${q(process.execPath)}`,
          `  args: [${q(serverScript('@modelcontextprotocol/server-everything'))}, stdio]`,
        ],
        tool,
      ),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Show me the logo'], { cwd: home });
    expect(r.code).toBe(0);
    const media = (model: string) => afterTool(since, model).media?.map((m) => [m.wireType, m.mediaType]);
    expect(media('mm-gpt')).toEqual([['input_image', 'image/png']]);
    expect(media('mm-claude')).toEqual([['image', 'image/png']]);
    expect(media('mm-gemini')).toEqual([['inlineData', 'image/png']]);
    expect(media('mm-local')).toEqual([]);
    // The Responses API gets the image inside the function call's output.
    const output = afterTool(since, 'mm-gpt').body.input.find(
      (i: { type?: string }) => i.type === 'function_call_output',
    ).output;
    expect(output.map((p: { type: string }) => p.type)).toEqual(['input_text', 'input_image']);
    // Anthropic: inside the tool_result block.
    const result = afterTool(since, 'mm-claude')
      .body.messages.flatMap((m: { content: unknown }) => (Array.isArray(m.content) ? m.content : []))
      .find((b: { type: string }) => b.type === 'tool_result');
    expect(result.content.map((b: { type: string }) => b.type)).toEqual(['text', 'image']);
    // Chat Completions: the text line that describes the image, no base64 in the message.
    const toolMessage = afterTool(since, 'mm-local').messages.find((m) => m.role === 'tool')!;
    expect(toolMessage.text).toMatch(
      /^<tool_output tool="mcp__everything__get-tiny-image">\nHere's the image you requested:\n\[image image\/png, \d+ bytes\]\nThe image above is the MCP logo\.\n<\/tool_output>$/,
    );
  });

  it('audio reaches Gemini as inline audio; the other APIs get the line of text', async () => {
    const tool = 'mcp__media__listen';
    fake.setScenario(callOnce(tool));
    const home = tempHome();
    const file = writeFile(
      home,
      'mcp.yaml',
      config(
        [
          '- name: media',
          `  command: ${q(process.execPath)}`,
          `  args: [${q(path.join(FIXTURES, 'media-server.mjs'))}]`,
        ],
        tool,
      ),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Listen'], { cwd: home });
    expect(r.code).toBe(0);
    const media = (model: string) =>
      afterTool(since, model).media?.map((m) => [m.wireType, m.mediaType, m.bytes]);
    expect(media('mm-gemini')).toEqual([['inlineData', 'audio/wav', 1644]]);
    expect(media('mm-gpt')).toEqual([]);
    expect(media('mm-claude')).toEqual([]);
    expect(media('mm-local')).toEqual([]);
    expect(afterTool(since, 'mm-claude').messages.find((m) => m.role === 'tool')?.text).toBe(
      '<tool_output tool="mcp__media__listen">\nHere is the clip:\n[audio audio/wav, 1644 bytes]\n</tool_output>',
    );
  });
});
