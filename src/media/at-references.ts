/**
 * `@path` references in a question (MassGen's syntax): `@file`, `@"path with spaces"`, `@dir/`,
 * a `:w` suffix for write access, `\@` for a literal `@`; e-mail addresses are not references. Each
 * reference is replaced by the absolute path; a path that does not exist is an error.
 */
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../errors.js';

/** One reference: a file to attach, or a directory / writable path for the agents' context paths. */
export interface AtReference {
  /** Absolute path. */
  path: string;
  /** `:w` was given. */
  write: boolean;
  directory: boolean;
}

export interface ParsedQuestion {
  /** The question with each reference replaced by its absolute path and `\@` by `@`. */
  question: string;
  references: AtReference[];
}

const PATTERN = /(?<!\\)@(?:"([^"]+)"|([^\s@:"]+?))(:w)?(?=\s|$|[,;!?)}\]>:]|\.(?=\s|$))/g;
const EMAIL = /\b[\w.-]+@[\w.-]+\.[a-zA-Z]{2,}\b/g;

function expand(raw: string, cwd: string, home: string): string {
  let p = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
  if (p === '~' || p.startsWith('~/')) p = home + p.slice(1);
  return path.resolve(cwd, p);
}

/** Finds the references of `question`; throws a ConfigError listing the paths that do not exist. */
export function parseAtReferences(question: string, cwd: string, home = os.homedir()): ParsedQuestion {
  const emails = [...question.matchAll(EMAIL)].map((m) => [m.index, m.index + m[0].length] as const);
  const found: Array<{ start: number; end: number; ref: AtReference }> = [];
  const missing: string[] = [];
  for (const m of question.matchAll(PATTERN)) {
    if (emails.some(([s, e]) => s <= m.index && m.index < e)) continue;
    const raw = m[1] ?? m[2] ?? '';
    const abs = expand(raw, cwd, home);
    const info = statSync(abs, { throwIfNoEntry: false });
    if (!info) {
      missing.push(raw);
      continue;
    }
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      ref: { path: abs, write: m[3] === ':w', directory: info.isDirectory() },
    });
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `@path reference${missing.length === 1 ? '' : 's'} not found: ${missing.join(', ')} (relative to ${cwd}); ` +
        'check the path, write \\@ for a literal @, or turn references off with --no-parse-at-references.',
    );
  }
  let text = question;
  for (const { start, end, ref } of [...found].reverse())
    text = text.slice(0, start) + ref.path + text.slice(end);
  const references: AtReference[] = [];
  for (const { ref } of found) {
    const same = references.find((r) => r.path === ref.path);
    if (same) same.write ||= ref.write;
    else references.push(ref);
  }
  return { question: text.replace(/\\@/g, '@').replace(/ +/g, ' ').trim(), references };
}
