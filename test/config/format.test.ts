import { describe, expect, it } from 'vitest';
import { formatIssuesJson, formatIssuesText } from '../../src/config/format.js';
import { validateConfigObject } from '../../src/config/validate.js';

const result = validateConfigObject(
  {
    agents: [
      { id: 'a', backend: { type: 'opneai' } },
      { id: 'b', backend: { type: 'gemini', command_line_execution_mode: 'docker' } },
    ],
    tiemout_settings: {},
  },
  '/tmp/c.yaml',
);

describe('issue formatting', () => {
  it('prints errors, fixes, warnings and a count line without ANSI codes', () => {
    const text = formatIssuesText(result);
    expect(text.split('\n')).toEqual([
      '✖ /tmp/c.yaml: agents[0].backend.type: unknown backend type "opneai"',
      '  fix: did you mean `openai`?',
      '✖ /tmp/c.yaml: tiemout_settings: unknown key `tiemout_settings` at the top level',
      '  fix: did you mean `timeout_settings`?',
      '⚠ /tmp/c.yaml: agents[1].backend.command_line_execution_mode: not supported yet: agents[1].backend.command_line_execution_mode (command-line execution in Docker) — the key is accepted and ignored',
      '  fix: remove the key to silence this warning; the run goes ahead without the feature',
      '2 errors, 1 warning',
    ]);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('prints a file-level issue without a path', () => {
    const text = formatIssuesText({ errors: [{ file: 'f.yaml', path: '', message: 'bad' }], warnings: [] });
    expect(text).toBe('✖ f.yaml: bad\n1 error, 0 warnings');
  });

  it('builds the JSON report', () => {
    const json = formatIssuesJson(result);
    expect(json).toMatchObject({ valid: false, error_count: 2, warning_count: 1 });
    expect(json.errors[0]).toEqual({
      file: '/tmp/c.yaml',
      path: 'agents[0].backend.type',
      message: 'unknown backend type "opneai"',
      suggestion: 'did you mean `openai`?',
    });
    expect(formatIssuesJson({ errors: [], warnings: [{ file: 'f', path: '', message: 'm' }] })).toEqual({
      valid: true,
      error_count: 0,
      warning_count: 1,
      errors: [],
      warnings: [{ file: 'f', path: '', message: 'm', suggestion: null }],
    });
  });
});
