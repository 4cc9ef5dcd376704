import { describe, expect, it } from 'vitest';
import { runChoice, validateBody } from '../../web-client/src/lib/config-choice.js';

describe('the start form config choice', () => {
  const example = { kind: 'listed' as const, entry: { name: '@examples/basic', example: true } };
  const file = { kind: 'listed' as const, entry: { name: 'team', path: '/srv/team.yaml', example: false } };

  it('runs a packaged example by name and a served file by its path', () => {
    expect(runChoice(example)).toEqual({ example: '@examples/basic' });
    expect(runChoice(file)).toEqual({ configPath: '/srv/team.yaml' });
    expect(runChoice({ kind: 'path', path: ' configs/a.yaml ' })).toEqual({ configPath: 'configs/a.yaml' });
  });

  it('sends written YAML as a config object, and a YAML syntax error stops the start', () => {
    expect(runChoice({ kind: 'yaml', text: 'agents:\n  - id: a\n' })).toEqual({
      config: { agents: [{ id: 'a' }] },
    });
    expect(() => runChoice({ kind: 'yaml', text: 'agents: [' })).toThrow();
  });

  it('validates what was picked, and nothing while the path or YAML is empty', () => {
    expect(validateBody(example)).toEqual({ configPath: '@examples/basic' });
    expect(validateBody(file)).toEqual({ configPath: '/srv/team.yaml' });
    expect(validateBody({ kind: 'path', path: '  ' })).toBeUndefined();
    expect(validateBody({ kind: 'yaml', text: '' })).toBeUndefined();
    expect(validateBody({ kind: 'yaml', text: 'agents: []' })).toEqual({ yaml: 'agents: []' });
  });
});
