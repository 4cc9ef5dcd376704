import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { parsePattern } from '../../../src/safety/policy/pattern.js';
import { appendAllowRule, loadPolicyFile } from '../../../src/safety/policy/policy-file.js';
import { roleRules } from '../../../src/safety/policy/roles.js';
import { evaluatePolicy, type PolicyRule, type RuleScope } from '../../../src/safety/policy/rules.js';
import type { PolicyAction, RiskLevel, ToolRisk } from '../../../src/types/safety.js';

const rule = (action: PolicyAction, text: string, scope: RuleScope): PolicyRule => ({
  action,
  pattern: parsePattern(text),
  scope,
});
const risk = (level: RiskLevel): ToolRisk => ({ level, openWorld: false, source: 'default', reason: 'test' });
const call = (toolName: string, input: unknown = {}, level: RiskLevel = 'irreversible') => ({
  toolName,
  input,
  risk: risk(level),
});

describe('evaluatePolicy', () => {
  it('deny beats ask beats allow, across every scope', () => {
    const rules = [
      rule('allow', 'mcp__github__*', 'config'),
      rule('ask', 'mcp__github__create_*', 'project'),
      rule('deny', 'mcp__github__create_release', 'user'),
    ];
    expect(evaluatePolicy(rules, call('mcp__github__create_release'))).toMatchObject({
      action: 'deny',
      scope: 'user',
      rule: 'mcp__github__create_release',
    });
    expect(evaluatePolicy(rules, call('mcp__github__create_issue'))).toMatchObject({
      action: 'ask',
      scope: 'project',
    });
    expect(evaluatePolicy(rules, call('mcp__github__get_issue'))).toMatchObject({
      action: 'allow',
      scope: 'config',
    });
  });

  it('among rules of one action the highest scope is reported', () => {
    const rules = [rule('deny', 'mcp__*', 'user'), rule('deny', 'mcp__x__*', 'config')];
    expect(evaluatePolicy(rules, call('mcp__x__y'))).toMatchObject({ scope: 'config', rule: 'mcp__x__*' });
  });

  it('with no rule: read-only and reversible calls are allowed, irreversible and unknown ones asked', () => {
    expect(evaluatePolicy([], call('t', {}, 'read-only')).action).toBe('allow');
    expect(evaluatePolicy([], call('t', {}, 'reversible')).action).toBe('allow');
    expect(evaluatePolicy([], call('t', {}, 'irreversible')).action).toBe('ask');
    expect(evaluatePolicy([], call('t', {}, 'unknown'))).toMatchObject({ action: 'ask', scope: 'default' });
  });

  it('the hardline floor overrides an allow of any scope', () => {
    const rules = [rule('allow', 'execute_command(*)', 'config')];
    const verdict = evaluatePolicy(
      rules,
      call('execute_command', { command: 'rm -rf /' }),
      'recursive delete of /',
    );
    expect(verdict).toMatchObject({ action: 'deny', scope: 'hardline' });
    expect(verdict.reason).toContain('recursive delete of /');
  });

  it('a read-only role denies writes, commands and every call that changes something', () => {
    const rules = roleRules('read-only', 'c.yaml');
    expect(evaluatePolicy(rules, call('write_file', { path: 'a' }, 'reversible')).action).toBe('deny');
    expect(evaluatePolicy(rules, call('execute_command', { command: 'ls' }, 'read-only')).action).toBe(
      'deny',
    );
    expect(evaluatePolicy(rules, call('mcp__mail__send', {}, 'irreversible')).action).toBe('deny');
    expect(evaluatePolicy(rules, call('read_file', { path: 'a' }, 'read-only')).action).toBe('allow');
    expect(roleRules('read-write', 'c.yaml')).toEqual([]);
  });
});

describe('policy files', () => {
  const dir = () => mkdtempSync(path.join(os.tmpdir(), 'policy-'));

  it('loads rules with their lines; a missing file has none', () => {
    const file = path.join(dir(), 'policy.yaml');
    expect(loadPolicyFile(file, 'user')).toEqual([]);
    writeFileSync(
      file,
      '# mine\nrules:\n  allow: ["mcp__github__get_*"]\n  deny:\n    - "execute_command(git push*)"\n',
    );
    const rules = loadPolicyFile(file, 'user');
    expect(rules.map((r) => [r.action, r.pattern.text, r.line, r.scope])).toEqual([
      ['allow', 'mcp__github__get_*', 3, 'user'],
      ['deny', 'execute_command(git push*)', 5, 'user'],
    ]);
  });

  it('a bad pattern names the file, the line and the pattern', () => {
    const file = path.join(dir(), 'policy.yaml');
    writeFileSync(file, 'rules:\n  ask:\n    - "mcp__a__*"\n\n    - "mcp__(x"\n');
    expect(() => loadPolicyFile(file, 'project')).toThrow(ConfigError);
    expect(() => loadPolicyFile(file, 'project')).toThrow(`${file}:5: bad pattern \`mcp__(x\``);
  });

  it('an unknown rule list and bad YAML are errors naming the file', () => {
    const file = path.join(dir(), 'policy.yaml');
    writeFileSync(file, 'rules:\n  alow: ["x"]\n');
    expect(() => loadPolicyFile(file, 'user')).toThrow(`${file}:2: unknown rule list \`alow\``);
    writeFileSync(file, 'rules: [\n');
    expect(() => loadPolicyFile(file, 'user')).toThrow(`${file}:`);
  });

  it('an `always` approval is appended once to the allow list, keeping the file', () => {
    const file = path.join(dir(), 'policy.yaml');
    writeFileSync(file, '# my rules\nrules:\n  deny: ["server:prod"]\n');
    appendAllowRule(file, 'mcp__github__create_issue');
    appendAllowRule(file, 'mcp__github__create_issue');
    appendAllowRule(file, 'execute_command(make build)');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# my rules');
    expect(loadPolicyFile(file, 'user').map((r) => `${r.action} ${r.pattern.text}`)).toEqual([
      'deny server:prod',
      'allow mcp__github__create_issue',
      'allow execute_command(make build)',
    ]);
    const json = path.join(dir(), 'settings.local.json');
    appendAllowRule(json, 'mcp__x__y');
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual({ rules: { allow: ['mcp__x__y'] } });
  });
});
