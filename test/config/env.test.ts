import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDefaultConfig } from '../../src/config/discover.js';
import { loadEnvFiles } from '../../src/config/env.js';

function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-config-test-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('.env loading', () => {
  it('gives precedence to the real environment, then ./.env, then ~/.massgen/.env', () => {
    const cwd = tempFiles({ '.env': 'A=cwd\nB=cwd\n# comment\nQ="quoted value"\n' });
    const home = tempFiles({ '.massgen/.env': 'A=home\nB=home\nC=home\n' });
    const env: NodeJS.ProcessEnv = { A: 'real' };
    const loaded = loadEnvFiles({ cwd, home, env });
    expect(loaded).toEqual([path.join(cwd, '.env'), path.join(home, '.massgen', '.env')]);
    expect(env).toEqual({ A: 'real', B: 'cwd', C: 'home', Q: 'quoted value' });
  });

  it('also reads ~/.config/massgen/.env last', () => {
    const home = tempFiles({
      '.massgen/.env': 'A=massgen\n',
      '.config/massgen/.env': 'A=config\nD=config\n',
    });
    const env: NodeJS.ProcessEnv = {};
    loadEnvFiles({ cwd: tempFiles({}), home, env });
    expect(env).toEqual({ A: 'massgen', D: 'config' });
  });

  it('does not override a variable set to the empty string', () => {
    const cwd = tempFiles({ '.env': 'A=file\n' });
    const env: NodeJS.ProcessEnv = { A: '' };
    loadEnvFiles({ cwd, home: tempFiles({}), env });
    expect(env.A).toBe('');
  });

  it('returns no files when none exist', () => {
    expect(loadEnvFiles({ cwd: tempFiles({}), home: tempFiles({}), env: {} })).toEqual([]);
  });
});

describe('default config discovery', () => {
  it('prefers ./.massgen/config.yaml over ~/.config/massgen/config.yaml', () => {
    const cwd = tempFiles({ '.massgen/config.yaml': 'a: 1\n' });
    const home = tempFiles({ '.config/massgen/config.yaml': 'a: 1\n' });
    expect(findDefaultConfig({ cwd, home })).toBe(path.join(cwd, '.massgen', 'config.yaml'));
    expect(findDefaultConfig({ cwd: tempFiles({}), home })).toBe(
      path.join(home, '.config', 'massgen', 'config.yaml'),
    );
    expect(findDefaultConfig({ cwd: tempFiles({}), home: tempFiles({}) })).toBeUndefined();
  });
});
