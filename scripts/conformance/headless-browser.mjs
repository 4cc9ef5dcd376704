#!/usr/bin/env node
/**
 * A stand-in for the user's browser, for `BROWSER="node headless-browser.mjs"`: it opens the
 * authorization URL and follows its redirects. Against an authorization server that signs in at
 * once (the conformance suite's, the tests' one) that lands on MassGen's loopback callback with the
 * code, as a browser would after the user clicked "Allow".
 */
const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: headless-browser.mjs <url>\n');
  process.exit(2);
}
const response = await fetch(url, { redirect: 'follow' });
await response.text();
process.exit(response.ok ? 0 : 1);
