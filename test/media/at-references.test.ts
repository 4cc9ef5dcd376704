/** `@path` references (MassGen's syntax) and what the command line makes of them. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionFiles } from '../../src/cli/question-attachments.js';
import { parseAtReferences } from '../../src/media/at-references.js';
import { resolveConfigSource } from '../../src/run/config-source.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-at-'));
writeFileSync(path.join(dir, 'a.png'), 'x');
writeFileSync(path.join(dir, 'my notes.md'), 'x');
mkdirSync(path.join(dir, 'src'));
const at = (name: string) => path.join(dir, name);

describe('parseAtReferences', () => {
  it('finds files, quoted paths, directories and :w; leaves e-mail addresses and \\@ alone', () => {
    const parsed = parseAtReferences(
      'Compare @a.png and @"my notes.md", fix @src/:w. Mail bob@example.com or write \\@home.',
      dir,
    );
    expect(parsed.question).toBe(
      `Compare ${at('a.png')} and ${at('my notes.md')}, fix ${at('src')}. Mail bob@example.com or write @home.`,
    );
    expect(parsed.references).toEqual([
      { path: at('a.png'), write: false, directory: false },
      { path: at('my notes.md'), write: false, directory: false },
      { path: at('src'), write: true, directory: true },
    ]);
  });

  it('a sentence-ending period is not part of the path; a repeated file is one reference', () => {
    const parsed = parseAtReferences('See @a.png. Then @a.png again', dir);
    expect(parsed.question).toBe(`See ${at('a.png')}. Then ${at('a.png')} again`);
    expect(parsed.references).toHaveLength(1);
  });

  it('names every path that does not exist', () => {
    expect(() => parseAtReferences('@nope.txt and @gone/', dir)).toThrow(
      `@path references not found: nope.txt, gone/ (relative to ${dir}); check the path, write \\@ for a literal @, or turn references off with --no-parse-at-references.`,
    );
  });
});

describe('questionFiles', () => {
  it('attaches files; directories and :w paths become context paths of every agent', async () => {
    const { config } = resolveConfigSource({
      agents: [{ id: 'a', backend: { type: 'openai', model: 'gpt-4o' } }],
    });
    const files = await questionFiles(
      'Read @a.png, look in @src/ and edit @"my notes.md":w',
      { attach: ['x.pdf'], cwd: dir },
      config,
    );
    expect(files.attachments).toEqual([
      { path: 'x.pdf', origin: '--attach' },
      { path: at('a.png'), origin: `@${at('a.png')}` },
    ]);
    expect(config.orchestrator.context_paths).toEqual([
      { path: at('src'), permission: 'read' },
      { path: at('my notes.md'), permission: 'write' },
    ]);
    const literal = await questionFiles('Read @a.png', { parseAtReferences: false, cwd: dir }, config);
    expect(literal).toEqual({ question: 'Read @a.png', attachments: [] });
  });
});
