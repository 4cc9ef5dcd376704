/**
 * Generated media in the browser: a run whose agent calls generate_image and generate_speech (the
 * fake provider's OpenAI image and speech endpoints answer) shows the image and an audio player in
 * its final answer, loaded from the final workspace with the server's token — while it runs and
 * after the page is reloaded (a past run, replayed).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SPEECH, fakeMp4, fakePng } from '../../fake-provider/generation-protocol.js';
import { createFakeProvider, type FakeProvider } from '../../fake-provider/server.js';
import { tempHome } from '../../support/cli.js';
import { api, gate, readSse, startTestServer } from '../../support/web.js';
import { filmerConfig, filmerScript, makerConfig, makerScript } from '../media-run.js';
import { launchBrowser, openPage, WEB_ROOT } from './browser.js';

const TOKEN = 'media-e2e-token-0123456789';

let fake: FakeProvider;
let browser: Browser;
beforeAll(async () => {
  [fake, browser] = await Promise.all([createFakeProvider(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), browser.close()]);
});

/** The width a PNG's IHDR chunk gives. */
const pngWidth = (png: Buffer) => png.readUInt32BE(16);

/** What the final answer's generated files show, once the image has loaded. */
async function shownMedia(page: Page) {
  const files = page.locator('[data-testid=generated-files][data-ready=true]');
  await files.waitFor();
  await page.waitForFunction(
    () => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=generated-file] img');
      return img?.complete === true && img.naturalWidth > 0;
    },
    undefined,
    { timeout: 10_000 },
  );
  return files.evaluate((root) => ({
    files: [...root.querySelectorAll<HTMLElement>('[data-testid=generated-file]')].map((f) => [
      f.dataset.path,
      f.dataset.element,
    ]),
    imageWidth: root.querySelector<HTMLImageElement>('img')?.naturalWidth,
    imageSrc: root.querySelector<HTMLImageElement>('img')?.src,
    audioSrc: root.querySelector<HTMLAudioElement>('audio')?.src,
    audioControls: root.querySelector<HTMLAudioElement>('audio')?.controls,
  }));
}

/** Status, content type and length of `url` fetched by the page itself (with `range`, if given). */
function fetchInPage(page: Page, url: string, range?: string) {
  return page.evaluate(
    async ([u, r]) => {
      const res = await fetch(u!, r ? { headers: { range: r } } : {});
      return [res.status, res.headers.get('content-type'), (await res.arrayBuffer()).byteLength];
    },
    [url, range],
  );
}

describe('generated media in the browser', () => {
  it('a live run shows the generated image and audio in its final answer, and again after a reload', async () => {
    const model = 'media-e2e';
    const held = gate(1, makerScript(model));
    fake.setScenario(held.scenario);
    const served = await startTestServer({ webRoot: WEB_ROOT, token: TOKEN });
    const { page, errors } = await openPage(browser);
    try {
      const config = makerConfig(fake, served.home, model);
      const started = await api(served, '/api/runs', {
        body: { configPath: config, question: 'Make a logo and an intro.' },
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(started.status).toBe(201);
      const id: string = started.body.id;
      await held.arrived;
      await page.goto(`${served.url}runs/${encodeURIComponent(id)}?token=${TOKEN}`);
      await page.getByTestId('run-page').waitFor();
      expect(await page.getByTestId('run-status').textContent()).toBe('running');
      held.release();

      const origin = new URL(served.url).origin;
      const at = (file: string) => `${origin}/api/runs/${id}/workspace/final/${file}?token=${TOKEN}`;
      const expected = {
        files: [
          ['logo.png', 'img'],
          ['intro.mp3', 'audio'],
        ],
        imageWidth: pngWidth(fakePng()),
        imageSrc: at('logo.png'),
        audioSrc: at('intro.mp3'),
        audioControls: true,
      };
      expect(await shownMedia(page)).toEqual(expected);
      expect(await page.getByTestId('run-status').textContent()).toBe('completed');
      expect(await fetchInPage(page, at('intro.mp3'))).toEqual([200, 'audio/mpeg', FAKE_SPEECH.length]);
      expect(await fetchInPage(page, at('logo.png'))).toEqual([200, 'image/png', fakePng().length]);

      // Reloaded, the run is a past one: replayed, with the same media.
      await page.reload();
      await page.getByTestId('run-page').waitFor();
      expect(await shownMedia(page)).toEqual(expected);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await served.close();
    }
  });

  it('a generated video shows as a <video> with controls, served in byte ranges', async () => {
    const model = 'media-e2e-veo';
    fake.setScenario(filmerScript(model));
    const home = tempHome();
    const served = await startTestServer({
      cwd: home,
      webRoot: WEB_ROOT,
      token: TOKEN,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        MASSGEN_RETRY_BASE_MS: '20',
        MASSGEN_VIDEO_POLL_MS: '20',
      },
    });
    const { page, errors } = await openPage(browser);
    try {
      const config = filmerConfig(fake, served.home, model);
      const started = await api(served, '/api/runs', {
        body: { configPath: config, question: 'Make a clip.' },
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const id: string = started.body.id;
      await readSse(`${served.url}api/runs/${id}/events?token=${TOKEN}`);
      await page.goto(`${served.url}runs/${encodeURIComponent(id)}?token=${TOKEN}`);
      const files = page.locator('[data-testid=generated-files][data-ready=true]');
      await files.waitFor();
      const src = `${new URL(served.url).origin}/api/runs/${id}/workspace/final/clip.mp4?token=${TOKEN}`;
      expect(
        await files.evaluate((root) =>
          [...root.querySelectorAll<HTMLElement>('[data-testid=generated-file]')].map((f) => {
            const video = f.querySelector('video');
            return [f.dataset.path, f.dataset.element, video?.src, video?.controls];
          }),
        ),
      ).toEqual([['clip.mp4', 'video', src, true]]);
      expect(await fetchInPage(page, src)).toEqual([200, 'video/mp4', fakeMp4().length]);
      expect(await fetchInPage(page, src, 'bytes=0-7')).toEqual([206, 'video/mp4', 8]);
      // The Workspace tab previews it with the same player.
      await page.getByTestId('tab-workspace').click();
      await page.locator('[data-testid=workspace-file][data-path="clip.mp4"][data-where=final]').click();
      const preview = page.locator('[data-testid=file-preview][data-path="clip.mp4"] video');
      expect(await preview.evaluate((v: HTMLVideoElement) => [v.src, v.controls])).toEqual([src, true]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await served.close();
    }
  });
});
