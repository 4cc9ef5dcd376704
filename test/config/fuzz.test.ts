/**
 * Fuzzing the config loader with mutations of MassGen's published configs (../shared/massgen-configs):
 * type swaps, deleted keys, deep nesting, huge strings and keys, alias bombs, duplicate keys and bad
 * encodings (invalid UTF-8, byte order marks, NUL and other control bytes). The cases are drawn from
 * a fixed seed, so every run tries the same ones. Each case goes through the loader (in process) and
 * some through `massgen --validate` (a process). Whatever the input: no stack trace, no hang (every
 * case ends within a time bound), and every failure is a config error naming the file (exit 1).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { findPackageRoot } from '../../src/config/examples.js';
import { loadConfigFile } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { runCli } from '../support/cli.js';

const CONFIGS = path.resolve(findPackageRoot(), '../shared/massgen-configs');
const SEED = 0x6d617373;
/** Cases through the loader, and how many of them also go through `massgen --validate`. */
const LOADER_CASES = 600;
const CLI_CASES = 16;
/** Longest a case may take in the loader, and through the CLI. */
const LOADER_BOUND_MS = 3000;
const CLI_BOUND_MS = 8000;
const STACK = /\n\s+at .+:\d+:\d+/;

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return entry.name.endsWith('.yaml') ? [full] : [];
  });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** Every [container, key] of a value, depth first. */
function slots(value: Json): Array<[Json[] | Record<string, Json>, string | number]> {
  const out: Array<[Json[] | Record<string, Json>, string | number]> = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) {
        out.push([v, i]);
        walk(item);
      }
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        out.push([v, k]);
        walk(item);
      }
    }
  };
  walk(value);
  return out;
}

function nested(depth: number, leaf: Json): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { k: v };
  return v;
}

const OTHER_VALUES: Json[] = [
  null,
  true,
  0,
  -1,
  1e308,
  2147484,
  'text',
  '',
  [],
  {},
  ['a', 1],
  { x: { y: [] } },
];

/** A mutation of the parsed config (returned as YAML text), or of its text or bytes. */
type Mutation = { name: string; apply: (rng: Rng, text: string, value: Json) => string | Buffer };

const structural = (name: string, change: (rng: Rng, value: Json) => void): Mutation => ({
  name,
  apply: (rng, _text, value) => {
    const copy = structuredClone(value);
    change(rng, copy);
    return stringify(copy);
  },
});

const MUTATIONS: Mutation[] = [
  structural('type swap', (rng, value) => {
    for (let n = 1 + Math.floor(rng() * 3); n > 0; n--) {
      const all = slots(value);
      if (all.length === 0) return;
      const [container, key] = pick(rng, all);
      (container as Record<string | number, Json>)[key] = structuredClone(pick(rng, OTHER_VALUES));
    }
  }),
  structural('deleted key', (rng, value) => {
    const maps = slots(value).filter(([c]) => !Array.isArray(c));
    if (maps.length === 0) return;
    const [container, key] = pick(rng, maps);
    delete (container as Record<string, Json>)[key as string];
  }),
  structural('deep nesting', (rng, value) => {
    const all = slots(value);
    if (all.length === 0) return;
    const [container, key] = pick(rng, all);
    (container as Record<string | number, Json>)[key] = nested(pick(rng, [10, 63, 70, 500]), 'leaf');
  }),
  structural('huge string', (rng, value) => {
    const all = slots(value);
    if (all.length === 0) return;
    const [container, key] = pick(rng, all);
    (container as Record<string | number, Json>)[key] = pick(rng, ['x', 'é', '{', 'type']).repeat(
      pick(rng, [5000, 200_000]),
    );
  }),
  structural('huge key', (rng, value) => {
    const maps = slots(value).filter(([c]) => !Array.isArray(c));
    if (maps.length === 0) return;
    const [container] = pick(rng, maps);
    (container as Record<string, Json>)[`k${'y'.repeat(pick(rng, [100, 100_000]))}`] = 1;
  }),
  {
    name: 'alias bomb',
    apply: (rng, text) => {
      const width = pick(rng, [5, 9, 12]);
      const lines = [`b0: &b0 [${Array(width).fill('"lol"').join(',')}]`];
      for (let i = 1; i < 9; i++)
        lines.push(
          `b${i}: &b${i} [${Array(width)
            .fill(`*b${i - 1}`)
            .join(',')}]`,
        );
      return `${lines.join('\n')}\n${text}`;
    },
  },
  {
    name: 'duplicate key',
    apply: (rng, text) => {
      const lines = text.split('\n');
      const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[A-Za-z_]+:/.test(l));
      if (keyed.length === 0) return `${text}\nagents: []\nagents: []\n`;
      const [line, at] = pick(rng, keyed);
      lines.splice(at + 1, 0, line.replace(/:.*$/, ': 1'));
      return lines.join('\n');
    },
  },
  {
    name: 'bad encoding',
    apply: (rng, text) => {
      const bytes = Buffer.from(text, 'utf8');
      const at = Math.floor(rng() * bytes.length);
      const bad = pick(rng, [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf5, 0x80], [0x00], [0x07], [0x1b, 0x5b]]);
      const kind = pick(rng, ['insert', 'bom', 'utf16']);
      if (kind === 'bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      if (kind === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
    },
  },
  {
    name: 'cut text',
    apply: (rng, text) => text.slice(0, Math.floor(rng() * text.length)),
  },
];

interface Case {
  id: string;
  source: string;
  mutation: string;
  file: string;
}

/** The cases, drawn from {@link SEED}; each written to its own file. */
function makeCases(files: string[]): Case[] {
  const rng = random(SEED);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-fuzz-'));
  return Array.from({ length: LOADER_CASES }, (_, i) => {
    const source = pick(rng, files);
    const text = readFileSync(source, 'utf8');
    const value = parseDocument(text).toJS() as Json;
    const mutation = pick(rng, MUTATIONS);
    const out = mutation.apply(rng, text, value);
    const file = path.join(dir, `case-${i}.yaml`);
    writeFileSync(file, out);
    return { id: `case ${i}`, source: path.relative(CONFIGS, source), mutation: mutation.name, file };
  });
}

const present = existsSync(CONFIGS);
const cases = present ? makeCases(yamlFiles(CONFIGS).sort()) : [];

describe.skipIf(!present)('fuzzed MassGen configs', () => {
  it(`the loader: ${LOADER_CASES} cases, each a config or a config error naming the file, each within ${LOADER_BOUND_MS} ms`, async () => {
    const problems: string[] = [];
    let loaded = 0;
    for (const c of cases) {
      const label = `${c.id} (${c.mutation} of ${c.source})`;
      const started = performance.now();
      try {
        await loadConfigFile(c.file);
        loaded++;
      } catch (error) {
        if (!ConfigError.isInstance(error)) problems.push(`${label}: not a config error: ${String(error)}`);
        else if (error.issues.length === 0 || error.issues.some((i) => i.file !== c.file))
          problems.push(
            `${label}: an issue does not name the file: ${JSON.stringify(error.issues).slice(0, 300)}`,
          );
        else if (error.issues.some((i) => i.message.length > 2100 || i.path.length > 400))
          problems.push(`${label}: an issue repeats too much of the input`);
      }
      const took = performance.now() - started;
      if (took > LOADER_BOUND_MS) problems.push(`${label}: took ${Math.round(took)} ms`);
    }
    expect(problems).toEqual([]);
    // Every mutation was drawn, and the cases reach both ends: some load, some are refused.
    expect(new Set(cases.map((c) => c.mutation)).size).toBe(MUTATIONS.length);
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThan(cases.length);
  }, 120_000);

  it(`massgen --validate: ${CLI_CASES} cases, exit 0 or 1 with the file named, no stack trace, each within ${CLI_BOUND_MS} ms`, async () => {
    // One case of each mutation first, then the next cases in order.
    const chosen: Case[] = [];
    for (const m of MUTATIONS) chosen.push(cases.find((c) => c.mutation === m.name)!);
    for (const c of cases) if (chosen.length < CLI_CASES && !chosen.includes(c)) chosen.push(c);
    const problems: string[] = [];
    for (const c of chosen) {
      const label = `${c.id} (${c.mutation} of ${c.source})`;
      const started = Date.now();
      const r = await runCli(['--validate', c.file], { timeoutMs: CLI_BOUND_MS });
      const took = Date.now() - started;
      if (took >= CLI_BOUND_MS) problems.push(`${label}: did not end within ${CLI_BOUND_MS} ms`);
      else if (r.code !== 0 && r.code !== 1)
        problems.push(`${label}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
      else if (STACK.test(r.stdout + r.stderr)) problems.push(`${label}: stack trace`);
      else if (r.code === 1 && !r.stdout.includes(c.file)) problems.push(`${label}: the file is not named`);
      if (r.stdout.length + r.stderr.length > 200_000)
        problems.push(`${label}: ${r.stdout.length} characters of output`);
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
