/**
 * Policy files: `.massgen/policy.yaml` of the project and `~/.massgen/policy.yaml` of the user (and
 * MassGen's `settings_path` JSON, `{permissions: {rules: …}}`), each holding `rules: {allow, ask,
 * deny}` lists of patterns. A bad pattern is a ConfigError naming the file, the line and the pattern.
 * `always` approvals are appended to a policy file's `allow` list.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { ConfigError } from '../../errors.js';
import type { PolicyAction } from '../../types/safety.js';
import { readPattern } from './pattern.js';
import type { PolicyRule, RuleScope } from './rules.js';

const ACTIONS: readonly PolicyAction[] = ['allow', 'ask', 'deny'];

/** The rules of a `rules: {allow, ask, deny}` value given as plain data (the config's block). */
export function rulesFromData(
  rules: Partial<Record<PolicyAction, readonly string[]>> | undefined,
  scope: RuleScope,
  file: string,
  at: string,
): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const action of ACTIONS) {
    for (const [index, text] of (rules?.[action] ?? []).entries()) {
      const pattern = readPattern(text);
      if (typeof pattern === 'string') throw patternError(file, `${at}.${action}[${index}]`, text, pattern);
      out.push({ action, pattern, scope, file });
    }
  }
  return out;
}

function patternError(file: string, where: string, text: string, why: string): ConfigError {
  const message = `${file}:${where}: bad pattern \`${text}\`: ${why}`;
  return new ConfigError(message, [
    {
      file,
      path: where,
      message: `bad pattern \`${text}\`: ${why}`,
      suggestion: 'write a tool name with `*` globs, optionally followed by `(glob)`',
    },
  ]);
}

/** The `rules` map of a policy document (at the top, or under `permissions:`), if any. */
function rulesNode(doc: ReturnType<typeof parseDocument>): YAMLMap | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const direct = root.get('rules', true);
  if (isMap(direct)) return direct;
  const permissions = root.get('permissions', true);
  const nested = isMap(permissions) ? permissions.get('rules', true) : undefined;
  return isMap(nested) ? nested : undefined;
}

/** Loads the rules of a policy file; a missing file has none. */
export function loadPolicyFile(file: string, scope: RuleScope): PolicyRule[] {
  if (!existsSync(file)) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: the policy file cannot be read (${(error as Error).message}).`, [
      { file, path: '', message: 'unreadable policy file', suggestion: 'fix its permissions or remove it' },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line ?? 1;
    throw new ConfigError(
      `${file}:${line}: the policy file is not valid YAML (${first.message.split('\n')[0]}).`,
      [
        {
          file,
          path: '',
          message: 'invalid YAML',
          suggestion: 'see the Safety section of the README for the format',
        },
      ],
    );
  }
  const root = doc.contents;
  if (root !== null && !isMap(root)) {
    throw new ConfigError(`${file}: a policy file is a map with \`rules: {allow, ask, deny}\`.`, [
      {
        file,
        path: '',
        message: 'not a map',
        suggestion: 'write `rules:` with `allow`, `ask`, `deny` lists',
      },
    ]);
  }
  const rules = rulesNode(doc);
  if (!rules) return [];
  const out: PolicyRule[] = [];
  for (const item of rules.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    if (!ACTIONS.includes(key as PolicyAction)) {
      const line =
        item.key && isScalar(item.key) && item.key.range ? lines.linePos(item.key.range[0]).line : 1;
      throw new ConfigError(`${file}:${line}: unknown rule list \`${key}\`: use allow, ask or deny.`, [
        { file, path: `rules.${key}`, message: 'unknown rule list', suggestion: 'use allow, ask or deny' },
      ]);
    }
    const action = key as PolicyAction;
    if (item.value === null || (isScalar(item.value) && item.value.value === null)) continue;
    if (!isSeq(item.value)) {
      throw new ConfigError(`${file}: \`rules.${action}\` must be a list of patterns.`, [
        {
          file,
          path: `rules.${action}`,
          message: 'not a list',
          suggestion: `write \`${action}: ["pattern", …]\``,
        },
      ]);
    }
    for (const node of (item.value as YAMLSeq).items) {
      const line = isScalar(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
      const value = isScalar(node) ? node.value : undefined;
      const text = typeof value === 'string' ? value : String(value);
      const pattern = typeof value === 'string' ? readPattern(value) : 'a pattern is a string';
      if (typeof pattern === 'string') {
        throw new ConfigError(`${file}:${line ?? '?'}: bad pattern \`${text}\`: ${pattern}.`, [
          {
            file,
            path: `rules.${action}`,
            message: `line ${line ?? '?'}: bad pattern \`${text}\`: ${pattern}`,
            suggestion: 'write a tool name with `*` globs, optionally followed by `(glob)`',
          },
        ]);
      }
      out.push({ action, pattern, scope, file, line });
    }
  }
  return out;
}

/**
 * Adds `pattern` to the `allow` list of a policy file (created if missing), keeping the rest of the
 * file; does nothing when it is already there. The file is replaced atomically.
 */
export function appendAllowRule(file: string, pattern: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${file} is not valid YAML`);
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  const root = doc.contents as YAMLMap;
  const nested = root.get('permissions', true);
  const base = isMap(nested) && !isMap(root.get('rules', true)) ? ['permissions', 'rules'] : ['rules'];
  const list = doc.getIn([...base, 'allow'], true);
  if (isSeq(list)) {
    if (list.items.some((n) => isScalar(n) && n.value === pattern)) return;
    list.add(doc.createNode(pattern));
  } else {
    doc.setIn([...base, 'allow'], doc.createNode([pattern]));
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(
    temp,
    path.extname(file) === '.json' ? `${JSON.stringify(doc.toJSON(), null, 2)}\n` : doc.toString(),
  );
  renameSync(temp, file);
}
