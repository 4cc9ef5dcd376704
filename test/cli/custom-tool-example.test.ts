/**
 * The README's custom-tool example as a user runs it: the two files of the README copied into a
 * folder of their own, `massgen` started from another folder, the agent on the fake provider.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, ROOT, runCli, tempHome } from '../support/cli.js';
import { cliHelpers } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
/** The fenced code blocks of the README in one language. */
const blocks = (lang: string) =>
  [...README.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
const exampleYaml = blocks('yaml').find((b) => b.includes('# One agent with custom tools'))!;
const exampleTs = blocks('ts').find((b) =>
  b.startsWith('// The custom tools of examples/custom_tools.yaml'),
)!;
const QUESTION = 'What is 2.5 m plus 30 cm, in inches?';

describe("the README's custom-tool example", () => {
  it('shows the packaged example files as they are', () => {
    expect(exampleYaml).toBe(readFileSync(path.join(ROOT, 'examples/custom_tools.yaml'), 'utf8'));
    expect(exampleTs).toBe(readFileSync(path.join(ROOT, 'examples/tools/math.ts'), 'utf8'));
  });

  it("runs from a user's own folder: paths resolve against the config file, the tools' results reach the model", async () => {
    const { toolText, presentAnswer } = cliHelpers(() => fake);
    const calls = [
      { name: 'custom_tool__add', args: { a: 250, b: 30 } },
      { name: 'custom_tool__convert_units', args: { value: 280, from: 'cm', to: 'in' } },
      { name: 'custom_tool__word_count', args: { path: 'notes.txt' } },
    ];
    fake.setScenario(
      scripted(
        {
          'gpt-5-mini': [
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
    const mine = path.join(tempHome(), 'my-tools');
    mkdirSync(path.join(mine, 'tools'), { recursive: true });
    const file = path.join(mine, 'custom_tools.yaml');
    writeFileSync(file, exampleYaml);
    writeFileSync(path.join(mine, 'tools/math.ts'), exampleTs);
    writeFileSync(path.join(mine, 'notes.txt'), 'one two three four\n');
    const elsewhere = tempHome();
    const start = fake.requests.length;

    const r = await runCli(['--automation', '--config', file, '--base-url', fake.baseUrls.openai, QUESTION], {
      cwd: elsewhere,
      env: { OPENAI_API_KEY: 'test-key' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [first, second] = fake.requests.filter((req) => req.index >= start && req.model === 'gpt-5-mini');
    expect(first!.protocol).toBe('responses');
    expect(first!.tools.map((t) => t.name).sort()).toEqual([
      'custom_tool__add',
      'custom_tool__convert_units',
      'custom_tool__word_count',
      'new_answer',
      'vote',
    ]);
    // The preset unit is hidden from the model.
    const add = first!.tools.find((t) => t.name === 'custom_tool__add')!;
    expect(Object.keys((add.parameters as { properties: object }).properties).sort()).toEqual(['a', 'b']);
    expect(JSON.parse(toolText(second!, 'custom_tool__add')!)).toEqual({ sum: 280, unit: 'cm' });
    expect(JSON.parse(toolText(second!, 'custom_tool__convert_units')!)).toEqual({
      value: 110.236,
      unit: 'in',
    });
    // `wc` ran in the config file's folder, not in the working directory.
    expect(toolText(second!, 'custom_tool__word_count')).toMatch(/^\s*4 notes\.txt$/);
    const answer = readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8');
    expect(answer).toContain('custom_tool__add={"sum":280,"unit":"cm"}');
    expect(answer).toContain('custom_tool__convert_units={"value":110.236,"unit":"in"}');
  });

  it('validates as packaged from any folder (its module loads from the examples folder)', async () => {
    const r = await runCli(['--validate', '@examples/custom_tools'], { cwd: tempHome() });
    expect(r.stdout).toBe('0 errors, 0 warnings');
    expect(r.code).toBe(0);
  });
});
