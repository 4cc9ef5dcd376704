/**
 * Turns zod issues into MassGen `ConfigIssue`s with plain-language messages and fix suggestions.
 * Raw zod text is never shown.
 */
import type { z } from 'zod';
import type { ConfigIssue } from '../errors.js';
import { clip, MAX_TIMEOUT_TEXT } from './limits.js';
import { blocksWithKey, keysAt } from './schema-keys.js';
import { isSecretPath } from './secret-settings.js';
import { closestMatch, didYouMean, listNames } from './suggest.js';

type ZodIssue = z.core.$ZodIssue;

/** An issue before the file name is attached. */
type Draft = { path: string; message: string; suggestion?: string };

/**
 * `['agents', 1, 'backend', 'type']` → `agents[1].backend.type` (0-based, as MassGen prints it). A
 * very long key is cut (see {@link clip}).
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? clip(String(segment)) : `.${clip(String(segment))}`;
  }
  return out;
}

/** Longest message or suggestion of an issue; the values they repeat are cut well before this. */
const MAX_ISSUE_TEXT = 2000;

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  null: 'null',
};

/** Short description of a value found in the file, for "got …" in messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'nothing (the key has no value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}

const show = (value: unknown) => (typeof value === 'string' ? `\`${value}\`` : String(value));

/** Keys that people put in the wrong block, with the fix. */
const MISPLACED: Record<string, (at: string) => string> = {
  system_prompt: (at) => `move the text to the agent's \`system_message\` (${at}.system_message)`,
  append_system_prompt: (at) => `move the text to the agent's \`system_message\` (${at}.system_message)`,
};

function unknownKey(root: z.ZodType, path: readonly PropertyKey[], key: string) {
  const where = formatPath(path);
  if (path[path.length - 1] === 'backend' && MISPLACED[key]) {
    const agentPath = formatPath(path.slice(0, -1));
    return {
      message: `\`${key}\` does not belong in \`backend\`; MassGen sets the agent's prompt with \`system_message\``,
      suggestion: MISPLACED[key](agentPath),
    };
  }
  const valid = keysAt(root, path);
  const owners = blocksWithKey(root, path, key);
  const inBlock = where === '' ? 'at the top level' : `in \`${where}\``;
  const message = `unknown key \`${clip(key)}\` ${inBlock}`;
  const close = closestMatch(key, valid);
  if (close !== undefined) return { message, suggestion: `did you mean \`${close}\`?` };
  if (owners.length > 0) {
    const target = owners.map((o) => `\`${where === '' ? o : `${where}.${o}`}\``).join(' or ');
    return { message, suggestion: `\`${clip(key)}\` belongs under ${target}` };
  }
  return { message, suggestion: `valid keys: ${listNames(valid)}` };
}

function bound(
  issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string },
  small: boolean,
) {
  const limit = small ? issue.minimum : issue.maximum;
  if (issue.origin === 'string')
    return small && limit === 1
      ? 'must not be empty'
      : `must have ${small ? 'at least' : 'at most'} ${limit} characters`;
  if (issue.origin === 'array') {
    return small && limit === 1
      ? 'must not be empty'
      : `must have ${small ? 'at least' : 'at most'} ${limit} item(s)`;
  }
  if (small) return issue.inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
  return issue.inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
}

function missingKey(path: readonly PropertyKey[], expected: string): Draft {
  const key = String(path[path.length - 1]);
  return {
    path: formatPath(path),
    message: `missing required key \`${key}\``,
    suggestion: `add \`${key}:\` (${expected})`,
  };
}

function unionIssues(
  root: z.ZodType,
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  path: PropertyKey[],
  input: unknown,
): Draft[] {
  // A branch whose issues are all deeper down matched the outer shape: report its inner problems.
  const inner = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
  if (inner)
    return inner.flatMap((i) => convertIssue(root, { ...i, path: [...path, ...i.path] } as ZodIssue));
  const expected = issue.errors
    .map((branch) => branch[0])
    .map((i) => (i?.code === 'invalid_type' ? (EXPECTED[i.expected] ?? i.expected) : undefined))
    .filter((e): e is string => e !== undefined);
  const what = expected.length > 0 ? [...new Set(expected)].join(' or ') : 'another form';
  if (input === undefined && typeof path[path.length - 1] === 'string') return [missingKey(path, what)];
  return [{ path: formatPath(path), message: `expected ${what}, got ${shownValue(path, input)}` }];
}

/** What a message says it got: the value, unless it sits where a secret may be. */
function shownValue(path: readonly PropertyKey[], input: unknown): string {
  return isSecretPath(path) ? 'a value that is not shown (it may be a secret)' : describeValue(input);
}

function convertIssue(root: z.ZodType, issue: ZodIssue): Draft[] {
  const path = issue.path as PropertyKey[];
  const at = formatPath(path);
  const input = (issue as { input?: unknown }).input;
  const got = shownValue(path, input);
  const last = path[path.length - 1];
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined && typeof last === 'string')
        return [missingKey(path, EXPECTED[issue.expected] ?? issue.expected)];
      return [
        {
          path: at,
          message: `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${got}`,
        },
      ];
    case 'invalid_value': {
      const values = issue.values.map(String);
      const isBackendType = last === 'type' && path[path.length - 2] === 'backend';
      const message = isBackendType
        ? `unknown backend type ${got}`
        : `expected one of ${values.map(show).join(', ')}; got ${got}`;
      const suggestion =
        typeof input === 'string'
          ? didYouMean(input, values, 'valid values')
          : `use one of ${listNames(values)}`;
      return [{ path: at, message, suggestion }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: formatPath([...path, key]), ...unknownKey(root, path, key) }));
    case 'too_small':
    case 'too_big': {
      const number = typeof input === 'number' && !isSecretPath(path) ? `, got ${input}` : '';
      const message = `${bound(issue as never, issue.code === 'too_small')}${number}`;
      if (issue.code === 'too_big' && typeof last === 'string' && last.endsWith('timeout_seconds'))
        return [{ path: at, message, suggestion: `use at most ${MAX_TIMEOUT_TEXT}` }];
      return [{ path: at, message }];
    }
    case 'invalid_union':
      return unionIssues(root, issue, path, input);
    case 'invalid_format':
      return [
        {
          path: at,
          message: `${issue.format === 'regex' ? issue.message : `expected a valid ${issue.format}`}, got ${got}`,
        },
      ];
    case 'not_multiple_of':
      return [{ path: at, message: `must be a multiple of ${String(issue.divisor)}, got ${got}` }];
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues.flatMap((i) =>
        convertIssue(root, { ...i, path: [...path, ...i.path] } as ZodIssue),
      );
    case 'custom': {
      const params = issue.params as { suggestion?: string; misplaced?: string } | undefined;
      // A key that belongs in the agent, not its backend: the fix names the agent's key path.
      const misplaced = params?.misplaced === undefined ? undefined : MISPLACED[params.misplaced];
      const suggestion = misplaced ? misplaced(formatPath(path.slice(0, -2))) : params?.suggestion;
      return [{ path: at, message: issue.message, ...(suggestion ? { suggestion } : {}) }];
    }
    default:
      return [{ path: at, message: (issue as { message: string }).message }];
  }
}

/**
 * Converts zod issues from parsing with `root` into `ConfigIssue`s for `file` (duplicates dropped).
 */
export function toConfigIssues(root: z.ZodType, issues: readonly ZodIssue[], file: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const draft of issues.flatMap((i) => convertIssue(root, i))) {
    const key = `${draft.path}\u0000${draft.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      file,
      path: draft.path,
      message: clip(draft.message, MAX_ISSUE_TEXT),
      ...(draft.suggestion ? { suggestion: clip(draft.suggestion, MAX_ISSUE_TEXT) } : {}),
    });
  }
  return out;
}
