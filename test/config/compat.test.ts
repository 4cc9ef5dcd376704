/**
 * Compatibility with Python MassGen: every YAML config shipped with MassGen (kept read-only in
 * ../shared/massgen-configs) either validates, or fails only with errors starting `not supported`;
 * the counts are those the README quotes. In CI the configs must be there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
const required = Boolean(process.env.CI);
if (!present && !required) console.warn(`[compat] skipped: MassGen example configs not found at ${CONFIGS}`);
const files = present ? yamlFiles(CONFIGS).sort() : [];

/** The figures of the README's "Compatibility with MassGen's configs" section. */
function readmeCounts() {
  const text = readFileSync(path.join(findPackageRoot(), 'README.md'), 'utf8').replace(/\s+/g, ' ');
  const m =
    /MassGen's (\d+) published example configs .*?\*\*(\d+) load\*\* \((\d+) without any warning, (\d+) with warnings.*?\*\*(\d+) (?:is|are) reported as not supported\*\*/.exec(
      text,
    );
  if (!m) throw new Error('README.md: the compatibility figures were not found');
  const [total = 0, loaded = 0, clean = 0, warned = 0, unsupported = 0] = m.slice(1).map(Number);
  return { total, loaded, clean, warned, unsupported };
}

describe.runIf(required && !present)('MassGen example configs (compatibility, CI)', () => {
  it('are present', () => {
    expect.fail(`MassGen example configs not found at ${CONFIGS}: CI must run beside ../shared`);
  });
});

type Outcome = 'validated' | 'validated with warnings' | 'not supported';
const outcomes = new Map<string, Outcome>();

describe.skipIf(!present)('MassGen example configs (compatibility)', () => {
  const count = (o: Outcome) => [...outcomes.values()].filter((v) => v === o).length;
  afterAll(() => {
    console.log(
      `[compat] ${outcomes.size} configs: ${count('validated')} validated, ` +
        `${count('validated with warnings')} validated with warnings, ${count('not supported')} not supported`,
    );
  });

  it('finds as many configs as the README says', () => {
    expect(files).toHaveLength(readmeCounts().total);
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

  it('ends with the outcome counts the README quotes', () => {
    const readme = readmeCounts();
    expect(outcomes.size).toBe(files.length);
    expect({
      loaded: count('validated') + count('validated with warnings'),
      clean: count('validated'),
      warned: count('validated with warnings'),
      unsupported: count('not supported'),
    }).toEqual({
      loaded: readme.loaded,
      clean: readme.clean,
      warned: readme.warned,
      unsupported: readme.unsupported,
    });
  });

  it('loads the 5 configs that attach files with upload_files, without a warning about them', async () => {
    const uploading = files.filter((f) => /^\s+upload_files:/m.test(readFileSync(f, 'utf8')));
    expect(uploading.map((f) => path.relative(CONFIGS, f))).toEqual([
      'basic/multi/gpt5nano_image_understanding.yaml',
      'basic/single/single_gpt5nano_file_search.yaml',
      'basic/single/single_gpt5nano_image_understanding.yaml',
      'basic/single/single_openrouter_audio_understanding.yaml',
      'basic/single/single_qwen_video_understanding.yaml',
    ]);
    for (const file of uploading) {
      const loaded = await loadConfigFile(file);
      expect(loaded.warnings.filter((w) => w.path.includes('upload_files'))).toEqual([]);
      expect(loaded.config.agents.some((a) => (a.backend.upload_files?.length ?? 0) > 0)).toBe(true);
    }
  });

  it('loads the 8 configs that switch on image or audio generation, without a warning about it', async () => {
    const generating = files.filter((f) =>
      /^\s+enable_(image|audio)_generation:\s*true/m.test(readFileSync(f, 'utf8')),
    );
    expect(generating).toHaveLength(8);
    for (const file of generating) {
      const loaded = await loadConfigFile(file);
      expect(loaded.warnings.filter((w) => /enable_(image|audio)_generation/.test(w.path))).toEqual([]);
    }
  });

  it('explains that rate_limits.yaml is a rate-limit table', async () => {
    const error = await loadConfigFile(path.join(CONFIGS, 'rate_limits/rate_limits.yaml')).catch(
      (e: unknown) => e,
    );
    expect((error as ConfigError).issues[0]?.message).toMatch(
      /^not supported: this file is a rate-limit table/,
    );
  });
});
