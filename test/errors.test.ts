import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, MassGenError, MissingApiKeyError } from '../src/errors.js';
import * as library from '../src/index.js';
import { ROOT } from './support/cli.js';

const SRC = path.join(ROOT, 'src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(path.join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [path.join(dir, e.name)]
        : [],
  );
const allSource = sources(SRC)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

const exportedErrors = Object.entries(library).filter(
  ([, value]) => typeof value === 'function' && value.prototype instanceof MassGenError,
);

describe('errors', () => {
  it('are recognised across copies of the package (the built library vs the sources)', async () => {
    const built = (await import(path.join(ROOT, 'dist/index.mjs'))) as typeof library;
    const fromBuild = new built.MissingApiKeyError('a', 'openai', 'OPENAI_API_KEY');
    expect(fromBuild instanceof ConfigError).toBe(false);
    expect(ConfigError.isInstance(fromBuild)).toBe(true);
    expect(MassGenError.isInstance(fromBuild)).toBe(true);
    expect(MissingApiKeyError.isInstance(fromBuild)).toBe(true);
    expect(built.ConfigError.isInstance(new MissingApiKeyError('a', 'claude', 'ANTHROPIC_API_KEY'))).toBe(
      true,
    );
  });

  it('isInstance follows the class chain and nothing else', () => {
    expect(MissingApiKeyError.isInstance(new ConfigError('x'))).toBe(false);
    expect(ConfigError.isInstance(new MassGenError('x'))).toBe(false);
    expect(MassGenError.isInstance(new Error('x'))).toBe(false);
    expect(MassGenError.isInstance({ name: 'ConfigError', message: 'x' })).toBe(false);
    expect(new MissingApiKeyError('a', 'openai', 'OPENAI_API_KEY').name).toBe('MissingApiKeyError');
  });

  it('the library exports every error class of the sources, and each one is thrown (or is a thrown one’s base)', () => {
    const declared = [...allSource.matchAll(/export class (\w+) extends (\w*Error)\b/g)]
      .map(([, name]) => name!)
      .filter((name) => name !== 'ScriptMismatchError'); // exported by massgen/testing
    const exported = [MassGenError.name, ...exportedErrors.map(([name]) => name)];
    // RunDeadline is only the reason a run's signal aborts with; no caller ever receives it.
    expect(declared.filter((name) => !exported.includes(name)).sort()).toEqual(['RunDeadline']);
    for (const name of exported) {
      const thrown =
        new RegExp(`new ${name}\\(`).test(allSource) || new RegExp(`extends ${name}\\b`).test(allSource);
      expect(thrown, `${name} is exported but never thrown`).toBe(true);
    }
  });
});
