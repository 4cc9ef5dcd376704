/**
 * Approving a tool call in the browser: two agents hold a destructive MCP tool (it appends a line
 * to a file per call). Their coordination calls are planned, not run; the presenter's call waits for
 * a decision, which the page's modal gives: the call then runs exactly once.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consensus,
  type FakeRequest,
  findAnswerLabels,
  type Scenario,
} from '../../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../../fake-provider/server.js';
import { tempHome, writeFile } from '../../support/cli.js';
import { startTestServer } from '../../support/web.js';
import { cliHelpers, FIXTURES, unwrapToolOutput } from '../../tools/cli-helpers.js';
import { launchBrowser, openPage, screenshot, WEB_ROOT } from './browser.js';

let fake: FakeProvider;
let browser: Browser;
beforeAll(async () => {
  [fake, browser] = await Promise.all([createFakeProvider(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), browser.close()]);
});

const { q, agent } = cliHelpers(() => fake);
const TOOL = 'mcp__ledger__append';
const PRESENTED = 'carried out by the presenter';

const results = (req: FakeRequest) =>
  req.messages.filter((m) => m.role === 'tool' && m.toolName === TOOL).map((m) => unwrapToolOutput(m.text));

/** Each agent calls the tool once, then answers and votes; the presenter calls it and presents its result. */
const eager: Scenario = (req) => {
  if (req.tools.some((t) => t.name === 'new_answer')) {
    if (results(req).length === 0 && findAnswerLabels(req).length === 0) {
      return { toolCalls: [{ name: TOOL, args: { line: `planned by ${req.model}` } }] };
    }
    return consensus()(req);
  }
  const done = results(req);
  if (done.length === 0) return { toolCalls: [{ name: TOOL, args: { line: PRESENTED } }] };
  return { text: `Final: ${done[0]}` };
};

describe('approvals in the browser', () => {
  it('shows the waiting call with its agent, tool, risk and arguments; approved once, it runs once', async () => {
    fake.setScenario(eager);
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const server = [
      'mcp_servers:',
      '  - name: ledger',
      `    command: ${q(process.execPath)}`,
      `    args: [${q(path.join(FIXTURES, 'append-server.mjs'))}, ${q(ledger)}]`,
      '    trusted: true',
    ];
    const agents = ['a', 'b'].map((id) => agent(id, `safety-${id}`, server, { safety: true })).join('\n');
    const config = writeFile(home, 'ledger.yaml', `agents:\n${agents}\n`);
    const web = await startTestServer({ cwd: home, webRoot: WEB_ROOT, configs: [config] });
    const { page, errors } = await openPage(browser);
    try {
      await page.goto(web.url);
      await page.getByTestId('config-select').selectOption('ledger');
      await page.getByTestId('question-input').fill('Record the decision in the ledger.');
      await page.getByTestId('start-button').click();
      const modal = page.getByTestId('approval-modal');
      await modal.waitFor({ timeout: 20_000 });
      expect(await modal.getByTestId('approval-agent').textContent()).toBe('a');
      expect(await modal.getByTestId('approval-tool').textContent()).toBe(TOOL);
      expect(await modal.locator('[data-testid=approval-risk] .badge').textContent()).toBe('irreversible');
      expect(JSON.parse((await modal.getByTestId('approval-input').textContent())!)).toEqual({
        line: PRESENTED,
      });
      expect(existsSync(ledger)).toBe(false);
      await screenshot(page, 'approval');
      await modal.getByTestId('approve-once').click();

      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 })
        .toBe('completed');
      expect(await page.getByTestId('approval-modal').count()).toBe(0);
      expect(await page.locator('[data-testid=final-text]').textContent()).toBe(
        `Final: appended: ${PRESENTED}\n`,
      );
      expect(readFileSync(ledger, 'utf8').split('\n').filter(Boolean)).toEqual([PRESENTED]);
      const notes = await page.locator('[data-agent-id=a] [data-testid=stream-note]').allTextContents();
      expect(notes.filter((n) => n.startsWith(`${TOOL} approved`))).toEqual([
        `${TOOL} approved (once) by human`,
      ]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await web.close();
    }
  });
});
