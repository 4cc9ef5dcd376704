/**
 * Files picked in the start form go with the run: in Chromium against the real server and the fake
 * provider, an image chosen with the file input reaches every agent's requests as an image part.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus } from '../../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../../fake-provider/server.js';
import { tempHome, writeFile } from '../../support/cli.js';
import { makePng } from '../../support/media-files.js';
import { startTestServer, writeAgentsConfig } from '../../support/web.js';
import { launchBrowser, openPage, WEB_ROOT } from './browser.js';

let fake: FakeProvider;
let browser: Browser;
beforeAll(async () => {
  [fake, browser] = await Promise.all([createFakeProvider({ scenario: consensus() }), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), browser.close()]);
});

describe('uploads in the browser', () => {
  it('a file picked in the start form reaches every agent as an image part', async () => {
    const home = tempHome();
    const config = writeAgentsConfig(fake, home, ['a', 'b'], 'pair.yaml');
    const png = makePng(5, 5);
    const picked = writeFile(tempHome(), 'diagram.png', png as unknown as string);
    const served = await startTestServer({ cwd: home, webRoot: WEB_ROOT, configs: [config] });
    const { page, errors } = await openPage(browser);
    try {
      await page.goto(served.url);
      await page.getByTestId('config-select').selectOption('pair');
      await page.getByTestId('config-ok').waitFor();
      await page.getByTestId('question-input').fill('What does the diagram show?');
      await page.getByTestId('attach-input').setInputFiles(picked);
      expect(await page.getByTestId('attach-list').textContent()).toBe('diagram.png');
      const before = fake.requests.length;
      await page.getByTestId('start-button').click();
      await page.waitForURL(/\/runs\/log_/);
      await expect
        .poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 })
        .toBe('completed');
      const sent = fake.requests.slice(before);
      expect(sent.length).toBe(5);
      expect(sent.map((q) => q.media?.map((m) => [m.mediaType, m.bytes]))).toEqual(
        sent.map(() => [['image/png', png.length]]),
      );
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await served.close();
    }
  });
});
