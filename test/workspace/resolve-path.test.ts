import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalPath } from '../../src/workspace/permissions.js';
import { resolveReal } from '../../src/workspace/resolve-path.js';

function root(): string {
  return canonicalPath(mkdtempSync(path.join(os.tmpdir(), 'massgen-resolve-')), '/');
}

describe('resolveReal', () => {
  it('follows a dangling link, and a chain of them, to where writing through it would land', () => {
    const r = root();
    mkdirSync(path.join(r, 'ws'));
    symlinkSync('/elsewhere/x', path.join(r, 'ws', 'd'));
    symlinkSync('d', path.join(r, 'ws', 'chain'));
    expect(resolveReal('d', path.join(r, 'ws'))).toBe('/elsewhere/x');
    expect(resolveReal('chain', path.join(r, 'ws'))).toBe('/elsewhere/x');
    expect(resolveReal('chain/deeper/file', path.join(r, 'ws'))).toBe('/elsewhere/x/deeper/file');
  });

  it('applies `..` to the folder a link led to, not to the text of the path', () => {
    const r = root();
    mkdirSync(path.join(r, 'ws'));
    mkdirSync(path.join(r, 'other', 'inner'), { recursive: true });
    symlinkSync(path.join(r, 'other', 'inner'), path.join(r, 'ws', 'in'));
    expect(resolveReal('in/../x', path.join(r, 'ws'))).toBe(path.join(r, 'other', 'x'));
    expect(resolveReal('missing/../y', path.join(r, 'ws'))).toBe(path.join(r, 'ws', 'y'));
    expect(resolveReal('..notes/./a', path.join(r, 'ws'))).toBe(path.join(r, 'ws', '..notes', 'a'));
  });

  it('refuses a loop of links', () => {
    const r = root();
    symlinkSync('b', path.join(r, 'a'));
    symlinkSync('a', path.join(r, 'b'));
    expect(() => resolveReal('a/file', r)).toThrow(/too many levels of symbolic links/);
  });
});
