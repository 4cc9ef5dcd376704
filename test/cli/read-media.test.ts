/**
 * `read_media` (`enable_multimodal_tools: true`) through the CLI: the agent reads an image and a
 * document from a context path; the image comes back as an image part of the tool result on
 * Anthropic, the document as its Markdown; a path outside what the agent may read is refused.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { makeDocx, makePng } from '../support/media-files.js';
import { events } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

describe('read_media (CLI)', () => {
  it('shows an image, reads a document, refuses a path it may not read', async () => {
    const home = tempHome();
    mkdirSync(path.join(home, 'inputs'));
    const png = makePng(4, 4);
    writeFile(home, 'inputs/chart.png', png as unknown as string);
    const docx = await makeDocx('Plan', ['Ship in May']);
    writeFile(home, 'inputs/plan.docx', docx as unknown as string);
    writeFile(home, 'secret.png', png as unknown as string);
    const model = 'rm-claude';
    const read = (p: string) => ({ toolCalls: [{ name: 'read_media', args: { path: p } }] });
    fake.setScenario(
      scripted(
        {
          [model]: [
            read(path.join(home, 'inputs/chart.png')),
            read(path.join(home, 'inputs/plan.docx')),
            read(path.join(home, 'secret.png')),
            { toolCalls: [{ name: 'new_answer', args: { content: 'Read them.' } }] },
          ],
        },
        consensus(),
      ),
    );
    const config = writeFile(
      home,
      'rm.yaml',
      [
        'agents:',
        '  - id: reader',
        '    backend:',
        '      type: claude',
        `      model: ${model}`,
        `      base_url: "${fake.baseUrls.anthropic}"`,
        '      api_key: k',
        '      cwd: ws_reader',
        '      enable_multimodal_tools: true',
        'orchestrator:',
        '  context_paths:',
        '    - path: inputs',
        '      permission: read',
        '',
      ].join('\n'),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, 'What is in the inputs?'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = fake.requests.slice(before).filter((q) => q.model === model);
    // After the first call: the image inside the tool_result block.
    expect(sent[1]!.media?.map((m) => [m.wireType, m.mediaType, m.bytes])).toEqual([
      ['image', 'image/png', png.length],
    ]);
    const outputs = events(field(r.stdout, 'LOG_DIR')!).flatMap((e) =>
      e.type === 'tool-result' ? [e.output] : [],
    );
    expect(outputs[0]).toBe(`chart.png (image/png, ${png.length} bytes): it follows.`);
    expect(outputs[1]).toBe(
      `plan.docx (application/vnd.openxmlformats-officedocument.wordprocessingml.document, ${docx.length} bytes):\n# Plan\n\nShip in May`,
    );
    expect(outputs[2]).toMatch(/^Not allowed: read access to .*secret\.png denied/);
  });
});
