/**
 * Forty agents in the browser: the run page shows the compact table (status, answers, votes,
 * tokens, cost per agent), and a click on a row opens that agent's panel. The page of a server
 * that requires a token works from an address carrying `?token=`.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus } from '../../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../../fake-provider/server.js';
import { tempHome } from '../../support/cli.js';
import { api, startTestServer, writeAgentsConfig } from '../../support/web.js';
import { launchBrowser, openPage, screenshot, WEB_ROOT } from './browser.js';

let fake: FakeProvider;
let browser: Browser;
beforeAll(async () => {
  [fake, browser] = await Promise.all([createFakeProvider(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), browser.close()]);
});

describe('many agents in the browser', () => {
  it('shows 40 agents as a compact table; a row opens the agent', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const ids = Array.from({ length: 40 }, (_, i) => `agent_${String(i + 1).padStart(2, '0')}`);
    const config = writeAgentsConfig(fake, home, ids, 'forty.yaml');
    const server = await startTestServer({ cwd: home, webRoot: WEB_ROOT, configs: [config] });
    const { page, errors } = await openPage(browser);
    try {
      const started = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Forty views?' },
      });
      await page.goto(`${server.url}runs/${started.body.id}`);
      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 })
        .toBe('completed');
      expect(await page.getByTestId('agents').getAttribute('data-layout')).toBe('table');
      expect(await page.getByTestId('agent-panel').count()).toBe(0);
      const rows = page.getByTestId('agent-row');
      expect(await rows.evaluateAll((els) => els.map((e) => e.dataset.agentId))).toEqual(ids);
      const answers = await page.getByTestId('row-answers').allTextContents();
      expect(answers.map(Number).reduce((a, b) => a + b, 0)).toBe(40);
      expect(await page.locator('[data-agent-id=agent_01] [data-testid=agent-status]').textContent()).toBe(
        'winner',
      );
      await screenshot(page, 'compact-table');
      await rows.nth(6).click();
      const drawer = page.getByTestId('agent-drawer');
      expect(await drawer.getByTestId('agent-panel').getAttribute('data-agent-id')).toBe('agent_07');
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await server.close();
    }
  });

  it('takes the token from its address once and sends it on every request', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const config = writeAgentsConfig(fake, home, ['a', 'b'], 'pair.yaml');
    const server = await startTestServer({
      cwd: home,
      webRoot: WEB_ROOT,
      configs: [config],
      token: 'web-secret',
    });
    const { page, errors } = await openPage(browser);
    try {
      const refused = await api(server, '/api/runs');
      expect(refused.status).toBe(401);
      await page.goto(`${server.url}?token=web-secret`);
      expect(new URL(page.url()).search).toBe('');
      await page.getByTestId('config-select').selectOption('pair');
      await page.getByTestId('question-input').fill('Behind a token?');
      await page.getByTestId('start-button').click();
      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 })
        .toBe('completed');
      expect(await page.getByTestId('final-text').textContent()).toBe('Final answer from web-a\n');
      await page.reload();
      await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('completed');
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await server.close();
    }
  });
});
