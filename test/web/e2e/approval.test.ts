/**
 * Approving a tool call in the browser: two agents hold a destructive MCP tool (it appends a line
 * to a file per call). Their coordination calls are planned, not run; the presenter's call waits for
 * a decision, which the page's dialog gives: approved once, the call runs exactly once; denied with
 * a message, it never runs. The start page lists the calls waiting, linking to their runs.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/web/server.js';
import { createFakeProvider, type FakeProvider } from '../../fake-provider/server.js';
import { tempHome } from '../../support/cli.js';
import { eagerLedger, fileLines, LEDGER_TOOL, ledgerAgents, PRESENTED } from '../../support/ledger-run.js';
import { startTestServer } from '../../support/web.js';
import { launchBrowser, openPage, screenshot, WEB_ROOT } from './browser.js';

let fake: FakeProvider;
let browser: Browser;
beforeAll(async () => {
  [fake, browser] = await Promise.all([createFakeProvider(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), browser.close()]);
});

/** A server offering the two-agent ledger config, the page on its start form, and the ledger file. */
async function setUp(): Promise<{
  web: RunningServer;
  page: Page;
  errors: string[];
  ledger: string;
}> {
  fake.setScenario(eagerLedger);
  const home = tempHome();
  const ledger = path.join(home, 'ledger.txt');
  const config = ledgerAgents(() => fake, home, ledger, ['a', 'b']);
  const web = await startTestServer({ cwd: home, webRoot: WEB_ROOT, configs: [config] });
  const { page, errors } = await openPage(browser);
  await page.goto(web.url);
  await page.getByTestId('config-select').selectOption('config');
  await page.getByTestId('question-input').fill('Record the decision in the ledger.');
  await page.getByTestId('start-button').click();
  return { web, page, errors, ledger };
}

describe('approvals in the browser', () => {
  it('shows the waiting call with its agent, tool, risk and arguments; approved once, it runs once', async () => {
    const { web, page, errors, ledger } = await setUp();
    try {
      const modal = page.getByTestId('approval-modal');
      await modal.waitFor({ timeout: 20_000 });
      expect(await modal.getByTestId('approval-agent').textContent()).toBe('a');
      expect(await modal.getByTestId('approval-tool').textContent()).toBe(LEDGER_TOOL);
      expect(await modal.locator('[data-testid=approval-risk] .badge').textContent()).toBe('irreversible');
      expect(JSON.parse((await modal.getByTestId('approval-input').textContent())!)).toEqual({
        line: PRESENTED,
      });
      expect(fileLines(ledger)).toEqual([]);
      await screenshot(page, 'approval');
      await modal.getByTestId('approve-once').click();

      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 })
        .toBe('completed');
      expect(await page.getByTestId('approval-modal').count()).toBe(0);
      expect(await page.getByTestId('final-text').textContent()).toBe(`Final: appended: ${PRESENTED}\n`);
      expect(fileLines(ledger)).toEqual([PRESENTED]);
      const notes = await page.locator('[data-agent-id=a] [data-testid=stream-note]').allTextContents();
      expect(notes.filter((n) => n.startsWith(`${LEDGER_TOOL} approved`))).toEqual([
        `${LEDGER_TOOL} approved (once) by human`,
      ]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await web.close();
    }
  });

  it('is listed on the start page too; denied with a message, the call never runs and the agent is told why', async () => {
    const { web, page, errors, ledger } = await setUp();
    try {
      const modal = page.getByTestId('approval-modal');
      await modal.waitFor({ timeout: 20_000 });
      const runPath = new URL(page.url()).pathname;

      // The start page lists the waiting call; its link leads back to the run and its dialog.
      await page.goto(web.url);
      const waiting = page.getByTestId('waiting-approval');
      await waiting.first().waitFor();
      expect(await waiting.count()).toBe(1);
      expect(`/runs/${await waiting.getAttribute('data-run-id')}`).toBe(runPath);
      expect(await waiting.locator('code').textContent()).toBe(LEDGER_TOOL);
      await waiting.locator('a').click();
      await modal.waitFor();
      await modal.getByTestId('approval-feedback').fill('Not in this ledger.');
      await modal.getByTestId('deny').click();

      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 })
        .toBe('completed');
      expect(fileLines(ledger)).toEqual([]);
      const notes = await page.locator('[data-agent-id=a] [data-testid=stream-note]').allTextContents();
      expect(notes.filter((n) => n.startsWith(`${LEDGER_TOOL} denied by`))).toEqual([
        `${LEDGER_TOOL} denied by human`,
      ]);
      expect(await page.getByTestId('final-text').textContent()).toContain('Not in this ledger.');
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await web.close();
    }
  });
});
