/**
 * Compatibility with Python MassGen: every YAML config shipped with MassGen v0.1.12 (kept read-only in
 * ../shared/massgen-configs) either validates, or fails only with errors starting `not supported`.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/examples.js';
import { loadConfigFile } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

const CONFIGS = path.resolve(findPackageRoot(), '../shared/massgen-configs');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return entry.name.endsWith('.yaml') ? [full] : [];
  });
}

const present = existsSync(CONFIGS);
if (!present) console.warn(`[compat] skipped: MassGen example configs not found at ${CONFIGS}`);
const files = present ? yamlFiles(CONFIGS).sort() : [];

type Outcome = 'validated' | 'validated with warnings' | 'not supported';
const outcomes = new Map<string, Outcome>();

describe.skipIf(!present)('MassGen example configs (compatibility)', () => {
  afterAll(() => {
    const count = (o: Outcome) => [...outcomes.values()].filter((v) => v === o).length;
    console.log(
      `[compat] ${outcomes.size} configs: ${count('validated')} validated, ` +
        `${count('validated with warnings')} validated with warnings, ${count('not supported')} not supported`,
    );
  });

  it('finds the configs', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it.each(files.map((f) => [path.relative(CONFIGS, f), f]))(
    'loads %s or explains what is not supported',
    async (_name, file) => {
      try {
        const loaded = await loadConfigFile(file);
        outcomes.set(file, loaded.warnings.length > 0 ? 'validated with warnings' : 'validated');
        for (const w of loaded.warnings) expect(w.message).not.toBe('');
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        const issues = (error as ConfigError).issues;
        const other = issues.filter((i) => !i.message.startsWith('not supported'));
        expect(other, `errors other than "not supported" in ${file}`).toEqual([]);
        expect(issues.length).toBeGreaterThan(0);
        outcomes.set(file, 'not supported');
      }
    },
  );

  it('explains that rate_limits.yaml is a rate-limit table', async () => {
    const error = await loadConfigFile(path.join(CONFIGS, 'rate_limits/rate_limits.yaml')).catch(
      (e: unknown) => e,
    );
    expect((error as ConfigError).issues[0]?.message).toMatch(
      /^not supported: this file is a rate-limit table/,
    );
  });
});
