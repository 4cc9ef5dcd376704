/**
 * The page in a real browser for end-to-end tests: Debian's Chromium driven by playwright-core, one
 * browser per test file and a fresh page per test; screenshots of the main views go to
 * docs/screenshots/ (the README shows them), so they stay current.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ROOT } from '../../support/cli.js';

export const WEB_ROOT = path.join(ROOT, 'dist/web');
const SHOTS = path.join(ROOT, 'docs/screenshots');

/** Chromium as the tests run it (no sandbox in CI containers, nothing reaching the network). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.MASSGEN_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** A fresh page of `browser` at a desktop size; page errors fail the test that reads `errors`. */
export async function openPage(
  browser: Browser,
  width = 1400,
  height = 900,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.setDefaultTimeout(10_000);
  return { page, errors };
}

/** Saves a screenshot of the page as docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}
