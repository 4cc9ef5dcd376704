import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeRequest, Scenario } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { eagerLedger, fileLines, LEDGER_TOOL, ofType } from '../support/ledger-run.js';
import { cliHelpers, events, FIXTURES } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const { q, agent } = cliHelpers(() => fake);
const CLASSIFIER = 'risk-llm';
const asksClassifier = (req: FakeRequest) => req.model === CLASSIFIER;

/** The classifier calls the tool irreversible; the agents call it once each, as in the ledger runs. */
const scenario: Scenario = (req) =>
  asksClassifier(req)
    ? {
        toolCalls: [
          {
            name: 'record_tool_risk',
            args: { level: 'irreversible', open_world: false, reason: 'It appends to a file for good.' },
          },
        ],
      }
    : eagerLedger(req);

/** Three agents holding the ledger server, which gives no annotations, and a classifier on the fake. */
function config(home: string, ledger: string): string {
  const server = [
    'mcp_servers:',
    '  - name: ledger',
    `    command: ${q(process.execPath)}`,
    `    args: [${q(path.join(FIXTURES, 'append-server.mjs'))}, ${q(ledger)}, --no-annotations]`,
  ];
  const agents = ['a', 'b', 'c'].map((id) => agent(id, `safety-${id}`, server, { safety: true })).join('\n');
  const classifier = [
    'safety:',
    '  classifier:',
    '    type: chatcompletion',
    `    model: ${CLASSIFIER}`,
    `    base_url: ${q(fake.baseUrls.chat)}`,
    '    api_key: test-key',
  ].join('\n');
  return writeFile(home, 'config.yaml', `agents:\n${agents}\n${classifier}\n`);
}

describe('the risk classifier through the CLI', () => {
  it('is asked once about a tool three agents call, and a second run takes its verdict from the cache', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const file = config(home, ledger);
    fake.setScenario(scenario);
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const before = fake.requests.length;
      const r = await runCli(['--automation', '--config', file, 'Record the decision in the ledger.'], {
        cwd: home,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const all = events(field(r.stdout, 'LOG_DIR')!);
      runs.push({ asked: fake.requests.slice(before).filter(asksClassifier), all });
    }
    const [first, second] = runs;
    expect(first!.asked).toHaveLength(1);
    expect(first!.asked[0]!.lastUserText).toContain(`Tool name: ${LEDGER_TOOL}`);
    expect(first!.asked[0]!.lastUserText).toContain('Appends a line to the ledger file.');
    expect(second!.asked).toHaveLength(0);
    // Both runs acted on the verdict: every coordination call planned, the presenter denied.
    for (const { all } of runs) {
      const deferred = ofType(all, 'tool-deferred');
      expect(deferred.map((e) => [e.agentId, e.risk.level]).sort()).toEqual([
        ['a', 'irreversible'],
        ['b', 'irreversible'],
        ['c', 'irreversible'],
      ]);
      expect(deferred.every((e) => e.risk.source === 'classifier')).toBe(true);
      expect(ofType(all, 'tool-denied')).toHaveLength(1);
    }
    expect(fileLines(ledger)).toEqual([]);

    const listed = await runCli(['safety', 'tools', '--json'], { cwd: home });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({
      tools: [{ server: 'ledger', tool: 'append', level: 'irreversible', by: 'classifier' }],
    });
  });
});
