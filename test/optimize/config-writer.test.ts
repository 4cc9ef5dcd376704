import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfigFile } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { optimizedConfigText, writeValidatedConfig } from '../../src/optimize/config-writer.js';
import { systemMessageWith } from '../../src/optimize/demonstrations.js';
import { tempHome } from '../support/cli.js';

const ORIGINAL = `# my agents
agents:
  - id: a
    system_message: Be brief.  # tuned below
    backend: { type: openai, model: gpt-4o-mini, api_key: k }
  - id: b
    append_system_prompt: Think first.
    backend: { type: openai, model: gpt-4o-mini, api_key: k }
  - id: c
    backend: { type: openai, model: gpt-4o-mini, api_key: k }
orchestrator:
  max_new_answers_per_agent: 2
`;

async function source(text: string) {
  const home = tempHome();
  const file = path.join(home, 'config.yaml');
  writeFileSync(file, text);
  return { home, loaded: await loadConfigFile(file, { cwd: home, home }) };
}

describe('optimizedConfigText', () => {
  it('replaces the tuned agents’ system messages and keeps everything else', async () => {
    const { loaded } = await source(ORIGINAL);
    const tunedA = systemMessageWith('Be brief.', [{ question: 'What is 2 + 2?', answer: '4' }]);
    const text = optimizedConfigText(
      loaded,
      ORIGINAL,
      new Map([
        ['a', tunedA],
        ['b', 'Think first, then answer.'],
      ]),
    );
    expect(text.startsWith('# my agents\n')).toBe(true);
    expect(text).toContain(
      'system_message: |-\n      Be brief.\n\n      Examples of questions and the answers expected:\n\n      Question: What is 2 + 2?\n      Answer: 4\n',
    );
    const raw = parse(text);
    expect(raw.agents[0].system_message).toBe(tunedA);
    expect(raw.agents[1]).toEqual({
      id: 'b',
      backend: { type: 'openai', model: 'gpt-4o-mini', api_key: 'k' },
      system_message: 'Think first, then answer.',
    });
    expect(raw.agents[2]).toEqual({
      id: 'c',
      backend: { type: 'openai', model: 'gpt-4o-mini', api_key: 'k' },
    });
    expect(raw.orchestrator).toEqual({ max_new_answers_per_agent: 2 });
  });

  it('writes the `agent:` of a one-agent file', async () => {
    const single = 'agent:\n  id: solo\n  backend: { type: openai, model: gpt-4o-mini, api_key: k }\n';
    const { loaded } = await source(single);
    const raw = parse(optimizedConfigText(loaded, single, new Map([['solo', 'Answer with a number.']])));
    expect(raw.agent.system_message).toBe('Answer with a number.');
  });
});

describe('writeValidatedConfig', () => {
  it('writes a config the loader accepts, and returns it loaded', async () => {
    const { home, loaded } = await source(ORIGINAL);
    const out = path.join(home, 'optimized.yaml');
    const text = optimizedConfigText(loaded, ORIGINAL, new Map([['c', 'New.']]));
    const written = await writeValidatedConfig(out, text, { cwd: home, home });
    expect(readFileSync(out, 'utf8')).toBe(text);
    expect(written.path).toBe(out);
    expect(written.config.agents.map((a) => a.system_message)).toEqual(['Be brief.', 'Think first.', 'New.']);
    expect(readdirSync(home).sort()).toEqual(['config.yaml', 'optimized.yaml']);
  });

  it('writes nothing when the loader rejects the text, and says why', async () => {
    const home = tempHome();
    const out = path.join(home, 'optimized.yaml');
    const error = await writeValidatedConfig(out, 'agents:\n  - id: a\n    backend: { type: nope }\n', {
      cwd: home,
      home,
    }).catch((e) => e);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).message).toContain('backend.type');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(home)).toEqual([]);
  });
});
