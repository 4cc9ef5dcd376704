/**
 * Past runs in the browser: a run the CLI made is in the history (searchable by question), opens at
 * its own address and replays at a chosen speed with the same views; its agents' workspace
 * snapshots are browsed, a file previewed and diffed between two agents.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/web/server.js';
import { scripted } from '../../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../../support/cli.js';
import { startTestServer } from '../../support/web.js';
import { cliHelpers } from '../../tools/cli-helpers.js';
import { launchBrowser, openPage, screenshot, WEB_ROOT } from './browser.js';

let fake: FakeProvider;
let browser: Browser;
let server: RunningServer & { home: string };
const QUESTION = 'Write a short report on event sourcing.';

const call = (id: string, name: string, args: Record<string, unknown>) => ({ id, name, args });

beforeAll(async () => {
  [fake, browser] = await Promise.all([createFakeProvider(), launchBrowser()]);
  fake.setScenario(
    scripted({
      'ws-a': [
        {
          toolCalls: [call('a1', 'write_file', { path: 'report.md', content: 'Alpha view\nshared line\n' })],
        },
        { toolCalls: [call('a2', 'new_answer', { content: 'A wrote report.md' })] },
      ],
      'ws-b': [
        {
          firstByteDelayMs: 150,
          toolCalls: [call('b1', 'write_file', { path: 'report.md', content: 'Beta view\nshared line\n' })],
        },
        { toolCalls: [call('b2', 'new_answer', { content: 'B wrote report.md' })] },
      ],
    }),
  );
  const { agent } = cliHelpers(() => fake);
  const home = tempHome();
  const config = writeFile(
    home,
    'ws.yaml',
    `agents:\n${agent('a', 'ws-a', ['cwd: ws'])}\n${agent('b', 'ws-b', ['cwd: ws'])}\n`,
  );
  const r = await runCli(['--automation', '--config', config, QUESTION], { cwd: home });
  expect(r.code, r.stderr).toBe(0);
  expect(field(r.stdout, 'WINNER')).toBe('a');
  server = await startTestServer({ cwd: home, webRoot: WEB_ROOT, configs: [config] });
});
afterAll(async () => {
  await server?.close();
  await Promise.all([fake.close(), browser.close()]);
});

describe('history and replay in the browser', () => {
  it('lists the past run, finds it by its question, opens and replays it at 1×, 16× and instantly', async () => {
    const { page, errors } = await openPage(browser);
    try {
      await page.goto(server.url);
      const rows = page.getByTestId('history-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      await page.getByTestId('history-search').fill('no such question');
      await page.locator('[data-testid=history] p.muted').waitFor();
      expect(await rows.count()).toBe(0);
      await page.getByTestId('history-search').fill('EVENT SOURCING');
      await page.locator('[data-testid=history-table][data-query="EVENT SOURCING"]').waitFor();
      expect(await rows.count()).toBe(1);
      await screenshot(page, 'history');
      await rows.first().locator('a').click();
      await page.waitForURL(/\/runs\/log_/);

      const progress = page.getByTestId('replay-progress');
      await expect
        .poll(() => progress.getAttribute('data-done'))
        .toBe(await progress.getAttribute('data-total'));
      const total = Number(await progress.getAttribute('data-total'));
      expect(await page.getByTestId('run-status').textContent()).toBe('completed');
      expect(await page.getByTestId('final-text').textContent()).toBe('Final answer from ws-a\n');

      // Replayed at 1×, the run shows as replaying, then completes with the same final answer.
      await page.evaluate(() => {
        const el = document.querySelector('[data-testid=run-status]')!;
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      });
      await page.getByTestId('replay-speed').selectOption('1');
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen), { timeout: 20_000 })
        .toEqual(['replaying', 'completed']);
      expect(Number(await progress.getAttribute('data-done'))).toBe(total);
      expect(await page.getByTestId('final-text').textContent()).toBe('Final answer from ws-a\n');
      await page.getByTestId('replay-speed').selectOption('16');
      await page.getByTestId('replay-speed').selectOption('instant');
      await expect.poll(async () => Number(await progress.getAttribute('data-done'))).toBe(total);
      expect(await page.getByTestId('run-status').textContent()).toBe('completed');

      await page.reload();
      await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('completed');
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('browses the workspace snapshots, previews a file and diffs it between the two agents', async () => {
    const { page, errors } = await openPage(browser);
    try {
      const { runs } = (await (await fetch(`${server.url}api/runs`)).json()) as {
        runs: Array<{ id: string }>;
      };
      await page.goto(`${server.url}runs/${runs[0]!.id}`);
      await page.getByTestId('tab-workspace').click();
      const fileA = page
        .locator('[data-testid=workspace-file][data-path="report.md"][data-where^="a/"]')
        .first();
      await fileA.click();
      await expect
        .poll(() => page.getByTestId('file-preview').textContent())
        .toBe('Alpha view\nshared line\n');
      const other = page.getByTestId('workspace-diff-with');
      const peers = await other
        .locator('option')
        .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
      const b = peers.find((v) => v.startsWith('b/'))!;
      await other.selectOption(b);
      await page.getByTestId('diff-view').waitFor();
      expect(await page.getByTestId('diff-del').allTextContents()).toEqual(['Alpha']);
      expect(await page.getByTestId('diff-ins').allTextContents()).toEqual(['Beta']);
      await screenshot(page, 'workspace');
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
