import { describe, expect, it } from 'vitest';
import { browserCommand } from '../../src/tools/mcp/oauth-browser.js';
import { OAuthCallbackServer } from '../../src/tools/mcp/oauth-callback.js';

describe('the OAuth loopback callback', () => {
  it('hands over the code of the redirect whose state matches, and ignores others', async () => {
    const callback = await OAuthCallbackServer.listen();
    callback.expectedState = 'good';
    try {
      expect(callback.redirectUrl).toBe(`http://127.0.0.1:${callback.port}/callback`);
      const wrong = await fetch(`${callback.redirectUrl}?code=evil&state=bad`);
      expect(wrong.status).toBe(400);
      const right = await fetch(`${callback.redirectUrl}?code=abc&state=good`);
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('Authorization complete');
      await expect(callback.waitForCode(new AbortController().signal, 1000)).resolves.toBe('abc');
    } finally {
      await callback.close();
    }
  });

  it('fails the wait with the authorization server’s error, or when cancelled', async () => {
    const callback = await OAuthCallbackServer.listen();
    const other = await OAuthCallbackServer.listen();
    try {
      const refused = expect(callback.waitForCode(new AbortController().signal, 5000)).rejects.toThrow(
        'the authorization server refused: access_denied (User said no)',
      );
      await fetch(`${callback.redirectUrl}?error=access_denied&error_description=User%20said%20no`);
      await refused;
      const stop = new AbortController();
      const cancelled = expect(other.waitForCode(stop.signal, 5000)).rejects.toThrow(
        'the authorization was cancelled',
      );
      stop.abort();
      await cancelled;
    } finally {
      await callback.close();
      await other.close();
    }
  });

  it('opens the URL with $BROWSER (appended, or in place of %s), else the system opener', () => {
    const url = 'http://127.0.0.1:1/authorize?x=1';
    expect(browserCommand(url, { BROWSER: 'firefox --new-tab' }, 'linux')).toEqual([
      'firefox',
      '--new-tab',
      url,
    ]);
    expect(browserCommand(url, { BROWSER: 'open -a Safari %s' }, 'darwin')).toEqual([
      'open',
      '-a',
      'Safari',
      url,
    ]);
    expect(browserCommand(url, {}, 'linux')).toEqual(['xdg-open', url]);
    expect(browserCommand(url, {}, 'darwin')).toEqual(['open', url]);
  });
});
