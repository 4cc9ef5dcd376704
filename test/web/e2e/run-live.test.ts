/**
 * The page in Chromium against the real server and the fake provider: a run started from the start
 * form streams into every agent's panel, then shows the vote graph, the winner and the final answer;
 * a run under way is cancelled from its page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type Scenario } from '../../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../../fake-provider/server.js';
import { tempHome } from '../../support/cli.js';
import { api, gate, startTestServer, writeAgentsConfig } from '../../support/web.js';
import { launchBrowser, openPage, screenshot, WEB_ROOT } from './browser.js';

let fake: FakeProvider;
let browser: Browser;
beforeAll(async () => {
  [fake, browser] = await Promise.all([createFakeProvider(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), browser.close()]);
});

/** Consensus, with reasoning and Markdown text streamed before each workflow call. */
const chatty: Scenario = (req) => {
  const reply = consensus({
    present: (r) => `## Final answer\n\nFrom **${r.model}**:\n\n\`\`\`ts\nconst x = 4;\n\`\`\``,
  })(req);
  if (!req.tools.some((t) => t.name === 'new_answer')) return { ...reply, chunkDelayMs: 1 };
  return {
    ...reply,
    reasoning: `Weighing the options of ${req.model}`,
    text: `Working on it, **${req.model}**.`,
    chunkDelayMs: 1,
  };
};

describe('a run in the browser', () => {
  it('starts from the page; every agent panel streams; the vote graph, the winner and the final answer show; the session goes on from the run page', async () => {
    fake.setScenario(chatty);
    const home = tempHome();
    const config = writeAgentsConfig(fake, home, ['a', 'b', 'c'], 'team.yaml');
    const served = await startTestServer({ cwd: home, webRoot: WEB_ROOT, configs: [config] });
    const { page, errors } = await openPage(browser);
    try {
      await page.goto(served.url);
      await page.getByTestId('config-select').selectOption('team');
      await page.getByTestId('config-ok').waitFor();
      await page.getByTestId('question-input').fill('What is 2+2?');
      await screenshot(page, 'start');
      await page.getByTestId('start-button').click();
      await page.waitForURL(/\/runs\/log_/);
      const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 })
        .toBe('completed');
      const panels = page.getByTestId('agent-panel');
      expect(await panels.evaluateAll((els) => els.map((e) => e.getAttribute('data-agent-id')))).toEqual([
        'a',
        'b',
        'c',
      ]);
      for (const id of ['a', 'b', 'c']) {
        const panel = page.locator(`[data-testid=agent-panel][data-agent-id=${id}]`);
        expect(await panel.locator('.stream-text strong').first().textContent()).toBe(`web-${id}`);
        expect(await panel.getByTestId('reasoning').first().getAttribute('open')).toBeNull();
      }
      expect(await page.locator('[data-agent-id=a] [data-testid=agent-status]').textContent()).toBe('winner');
      const final = page.getByTestId('final-answer');
      expect(await final.locator('h2').first().textContent()).toContain('by a');
      expect(await final.locator('[data-testid=final-text] h2').textContent()).toBe('Final answer');
      expect(await final.locator('code.language-ts .hljs-keyword').first().textContent()).toBe('const');
      await screenshot(page, 'run');

      await page.getByTestId('tab-votes').click();
      const counted = page.locator('[data-testid=vote-edge][data-state=counted]');
      expect(
        await counted.evaluateAll((els) => els.map((e) => `${e.dataset.voter}>${e.dataset.target}`).sort()),
      ).toEqual(['a>a', 'b>a', 'c>a']);
      expect(await page.getByTestId('winner').textContent()).toContain('Winner: a');
      expect(await page.locator('[data-testid=tally-row][data-agent-id=a] strong').textContent()).toBe('3');
      await screenshot(page, 'votes');

      await page.getByTestId('tab-compare').click();
      expect(await page.locator('[data-testid=diff-view] h4').allTextContents()).toEqual([
        'agent1.1 · a',
        'agent2.1 · b',
      ]);
      expect(await page.getByTestId('diff-del').allTextContents()).toEqual(['a']);
      expect(await page.getByTestId('diff-ins').allTextContents()).toEqual(['b']);
      await page.getByTestId('tab-timeline').click();
      const kinds = await page
        .getByTestId('timeline-entry')
        .evaluateAll((els) => els.map((e) => e.dataset.kind));
      expect(kinds.filter((k) => k === 'answer')).toHaveLength(3);
      expect(kinds.filter((k) => k === 'winner')).toHaveLength(1);
      expect(kinds.at(-1)).toBe('run-end');
      await screenshot(page, 'timeline');

      const detail = await api(served, `/api/runs/${runId}`);
      expect(detail.body).toMatchObject({ status: 'completed', winner: 'a' });

      // The next turn of the session, from the run's page.
      await page.getByTestId('continue-input').fill('And 3+3?');
      await page.getByTestId('continue-button').click();
      await page.waitForURL((url) => !url.pathname.endsWith(runId));
      const nextId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      expect(nextId).toBe(`${runId}-turn_2`);
      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 })
        .toBe('completed');
      expect(await page.getByTestId('run-question').textContent()).toBe('And 3+3?');
      const next = await api(served, `/api/runs/${nextId}`);
      expect(next.body.sessionId).toBe(detail.body.sessionId);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await served.close();
    }
  });

  it('cancels a run under way from its page', async () => {
    const held = gate(2);
    fake.setScenario(held.scenario);
    const home = tempHome();
    const config = writeAgentsConfig(fake, home, ['a', 'b'], 'pair.yaml');
    const server = await startTestServer({ cwd: home, webRoot: WEB_ROOT, configs: [config] });
    const { page, errors } = await openPage(browser);
    try {
      const started = await api(server, '/api/runs', { body: { configPath: config, question: 'Slow one?' } });
      await held.arrived;
      await page.goto(`${server.url}runs/${started.body.id}`);
      await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('running');
      await page.getByTestId('cancel-button').click();
      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 10_000 })
        .toBe('interrupted');
      expect(await page.getByTestId('cancel-button').count()).toBe(0);
      const detail = await api(server, `/api/runs/${started.body.id}`);
      expect(detail.body.status).toBe('interrupted');
      expect(errors).toEqual([]);
    } finally {
      held.release();
      await page.context().close();
      await server.close();
    }
  });
});
