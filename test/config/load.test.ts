import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesDir, findPackageRoot, listExamples, resolveExample } from '../../src/config/examples.js';
import { loadConfigFile, resolveConfigPath } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-config-test-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function loadError(ref: string, options?: { cwd?: string; home?: string }): Promise<ConfigError> {
  const error = await loadConfigFile(ref, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const VALID_YAML = 'agents:\n  - id: a\n    backend:\n      type: openai\n      model: gpt-5-mini\n';

describe('loading config files', () => {
  it('loads a YAML file relative to cwd and returns the normalised config', async () => {
    const cwd = tempFiles({ 'c.yaml': VALID_YAML });
    const loaded = await loadConfigFile('c.yaml', { cwd });
    expect(loaded.path).toBe(path.join(cwd, 'c.yaml'));
    expect(loaded.config.agents[0]).toEqual({ id: 'a', backend: { type: 'openai', model: 'gpt-5-mini' } });
    expect(loaded.raw).toEqual({ agents: [{ id: 'a', backend: { type: 'openai', model: 'gpt-5-mini' } }] });
    expect(loaded.warnings).toEqual([]);
  });

  it('loads a JSON config', async () => {
    const cwd = tempFiles({
      'c.json': JSON.stringify({ agent: { backend: { model: 'claude-sonnet-4-5' } } }),
    });
    const loaded = await loadConfigFile('c.json', { cwd });
    expect(loaded.config.agents[0]?.backend.type).toBe('claude');
  });

  it('reports broken YAML with file, line and column and the parser message', async () => {
    const cwd = tempFiles({ 'bad.yaml': 'agents:\n  - id: a\n    backend: {type: openai\n' });
    const error = await loadError('bad.yaml', { cwd });
    const file = path.join(cwd, 'bad.yaml');
    expect(error.message).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: invalid YAML: `),
    );
    expect(error.message).not.toContain('\n');
    expect(error.issues).toEqual([
      expect.objectContaining({
        file,
        path: '',
        message: expect.stringMatching(/^invalid YAML at line \d+, column \d+: /),
      }),
    ]);
  });

  it('reports a duplicate YAML key with its line', async () => {
    const cwd = tempFiles({ 'dup.yaml': 'ui:\n  display_type: simple\nui:\n  logging_enabled: true\n' });
    const error = await loadError('dup.yaml', { cwd });
    expect(error.message).toContain(':3:1: invalid YAML: ');
  });

  it('reports broken JSON with line and column', async () => {
    const cwd = tempFiles({ 'bad.json': '{\n  "agent": {\n    "id": "a",\n  }\n}\n' });
    const error = await loadError('bad.json', { cwd });
    expect(error.message).toContain('bad.json:4:3: invalid JSON: ');
  });

  it('reads YAML as PyYAML does: yes/no/on/off are booleans, y/n are strings', async () => {
    const cwd = tempFiles({
      'c.yaml':
        'agent:\n  id: n\n  backend: {type: gemini, enable_web_search: yes}\nui: {logging_enabled: off}\n',
    });
    const loaded = await loadConfigFile('c.yaml', { cwd });
    expect(loaded.config.agents[0]?.id).toBe('n');
    expect(loaded.config.agents[0]?.backend.enable_web_search).toBe(true);
    expect(loaded.config.ui.logging_enabled).toBe(false);
  });

  it('throws ConfigError with every validation error in issues', async () => {
    const cwd = tempFiles({ 'c.yaml': 'agents:\n  - id: a\n    backend: {type: opneai, temprature: 1}\n' });
    const error = await loadError('c.yaml', { cwd });
    expect(error.issues.map((i) => i.path)).toEqual([
      'agents[0].backend.type',
      'agents[0].backend.temprature',
    ]);
    expect(error.message).toContain('(and 1 more error)');
  });

  it('rejects a file whose top level is not a mapping', async () => {
    const cwd = tempFiles({ 'list.yaml': '- a\n- b\n', 'empty.yaml': '# nothing\n' });
    expect((await loadError('list.yaml', { cwd })).issues[0]?.message).toContain('got a list');
    expect((await loadError('empty.yaml', { cwd })).issues[0]?.message).toContain('got an empty file');
  });

  it('names the path of a missing file', async () => {
    const cwd = tempFiles({});
    const error = await loadError('nope/missing.yaml', { cwd });
    expect(error.message).toContain(path.join(cwd, 'nope', 'missing.yaml'));
  });

  it('finds a bare name in ~/.config/massgen/agents/', () => {
    const home = tempFiles({ '.config/massgen/agents/team.yaml': VALID_YAML });
    const cwd = tempFiles({});
    expect(resolveConfigPath('team', { cwd, home })).toBe(
      path.join(home, '.config/massgen/agents/team.yaml'),
    );
  });

  it('rejects an unknown file extension', async () => {
    const cwd = tempFiles({ 'c.txt': VALID_YAML });
    expect((await loadError('c.txt', { cwd })).message).toContain('unsupported config file extension');
  });
});

describe('@examples resolution', () => {
  it('finds the package root and its examples folder', () => {
    expect(path.basename(examplesDir())).toBe('examples');
    expect(findPackageRoot()).toBe(path.resolve(import.meta.dirname, '../..'));
    expect(listExamples()).toContain('three_agents.yaml');
  });

  it('finds the package root from a dist/ directory too', () => {
    expect(findPackageRoot(path.join(findPackageRoot(), 'dist'))).toBe(findPackageRoot());
  });

  it('resolves @examples/NAME, NAME.yaml and a name fragment', async () => {
    const loaded = await loadConfigFile('@examples/three_agents');
    expect(loaded.path).toBe(path.join(examplesDir(), 'three_agents.yaml'));
    expect(resolveExample('three_agents.yaml')).toBe(path.join(examplesDir(), 'three_agents.yaml'));
    expect(resolveExample('local')).toBe(path.join(examplesDir(), 'two_agents_local.yaml'));
  });

  it('resolves in a given folder: exact name first, then the first file containing the name', () => {
    const dir = tempFiles({ 'b_team.yaml': '', 'a_team_big.yml': '', 'team.json': '' });
    expect(resolveExample('team', dir)).toBe(path.join(dir, 'team.json'));
    expect(resolveExample('tea', dir)).toBe(path.join(dir, 'a_team_big.yml'));
  });

  it('rejects an unknown example, listing the available ones', async () => {
    const error = await loadError('@examples/no_such_example');
    expect(error.message).toContain('unknown example `@examples/no_such_example`');
    expect(error.issues[0]?.suggestion).toContain('@examples/three_agents');
  });
});
