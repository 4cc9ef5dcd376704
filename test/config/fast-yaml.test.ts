/**
 * The fast YAML path reads exactly what the full parser reads: on every MassGen example config it
 * takes, and on each scalar form YAML 1.1 and PyYAML give a meaning to. What it does not take falls
 * back to the full parser.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/examples.js';
import { fastYaml } from '../../src/config/fast-yaml.js';
import { fullYaml } from '../../src/config/full-yaml.js';

const CONFIGS = path.resolve(findPackageRoot(), '../shared/massgen-configs');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return entry.name.endsWith('.yaml') ? [full] : [];
  });
}

/** Scalar forms whose key or list form the fast path leaves to the full parser. */
const LEFT = 8;

const SCALARS = [
  // booleans: PyYAML's, and y/n, which PyYAML reads as strings
  ...['yes', 'Yes', 'NO', 'on', 'Off', 'true', 'False', 'y', 'Y', 'n', 'N', 'yEs'],
  // integers
  ...['0', '-0', '+12', '0755', '010', '0x1f', '0b101', '1_000', '08', '1:30', '190:20:30'],
  // floats
  ...['1.5', '-2.', '.5', '1e3', '1.0e+3', '6.8523015e+5', '1_000.5', '.inf', '-.Inf', '.NaN', '1:30.5'],
  // nulls and timestamps
  ...[
    '~',
    'null',
    'Null',
    'NULL',
    '',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '2002-12-14 21:59:43.10 +5',
  ],
  // strings that look like something else
  ...[
    '"yes"',
    "'0755'",
    'gpt-4o',
    'http://localhost:8000/v1',
    '${OPENAI_API_KEY}',
    'a: b'.replace(':', ' -'),
  ],
];

describe('fast YAML path', () => {
  it('reads each scalar form as the full parser does, as a value, in a list and as a key', () => {
    let left = 0;
    for (const scalar of SCALARS) {
      const value = `value: ${scalar}\n`;
      expect(fastYaml(value), value).not.toBeUndefined();
      expect(fastYaml(value), value).toEqual(fullYaml(value, 'x.yaml'));
      for (const text of [`list: [${scalar || '""'}]\n`, `${scalar || '""'}: value\n`]) {
        const fast = fastYaml(text);
        if (fast === undefined) left++;
        else expect(fast, text).toEqual(fullYaml(text, 'x.yaml'));
      }
    }
    // Left to the full parser: null and timestamp keys, and `${…}` in a flow list.
    expect(left).toBe(LEFT);
  });

  it('reads block and flow collections and block scalars as the full parser does', () => {
    const text = [
      'agents:',
      '  - id: a',
      '    backend: { type: openai, model: gpt-4o, temperature: 0.7 }',
      '    system_message: |',
      '      Line one',
      '        indented: yes',
      '  - id: b',
      '    backend:',
      '      type: claude',
      '      tools: [web_search, code_execution]',
      '    note: >',
      '      folded',
      '      text',
      'orchestrator: {}',
      '',
    ].join('\n');
    expect(fastYaml(text)).toEqual(fullYaml(text, 'x.yaml'));
  });

  it('leaves anchors, aliases, merge keys, tags, duplicate keys, second documents and bad YAML to the full parser', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'base: &b {k: 1}\nc:\n  <<: *b\n',
      'a: !!str 1\n',
      '%YAML 1.1\n---\na: 1\n',
      'a: 1\na: 2\n',
      'a: 1\n---\nb: 2\n',
      'a: [1, 2\n',
      '',
    ]) {
      expect(fastYaml(text), text).toBeUndefined();
    }
  });

  it.runIf(existsSync(CONFIGS))('reads MassGen’s example configs as the full parser does', () => {
    let fast = 0;
    for (const file of yamlFiles(CONFIGS)) {
      const text = readFileSync(file, 'utf8');
      const value = fastYaml(text);
      if (value === undefined) continue;
      fast++;
      expect(value, file).toEqual(fullYaml(text, file));
    }
    expect(fast).toBe(206);
  });
});
