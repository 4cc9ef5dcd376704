import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesDir, listExamples } from '../../src/config/examples.js';
import { loadConfigFile } from '../../src/config/load.js';

describe('packaged examples', () => {
  it('ships the documented examples', () => {
    expect(listExamples()).toEqual(
      expect.arrayContaining([
        'single_agent.yaml',
        'three_agents.yaml',
        'three_agents_openrouter.yaml',
        'two_agents_local.yaml',
      ]),
    );
  });

  it.each(listExamples())('%s validates with no errors and no warnings', async (name) => {
    const loaded = await loadConfigFile(`@examples/${name.replace(/\.ya?ml$/, '')}`);
    expect(loaded.path).toBe(path.join(examplesDir(), name));
    expect(loaded.warnings).toEqual([]);
  });

  it.each(listExamples())('%s says how to run it', async (name) => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path.join(examplesDir(), name), 'utf8');
    expect(text).toContain(`massgen --config @examples/${name.replace(/\.ya?ml$/, '')} "`);
  });

  it('three_agents uses openai, claude and gemini', async () => {
    const { config } = await loadConfigFile('@examples/three_agents');
    expect(config.agents.map((a) => a.backend.type)).toEqual(['openai', 'claude', 'gemini']);
  });

  it('two_agents_local points both agents at a local Ollama server', async () => {
    const { config } = await loadConfigFile('@examples/two_agents_local');
    for (const agent of config.agents) {
      expect(agent.backend).toMatchObject({ type: 'chatcompletion', base_url: 'http://localhost:11434/v1' });
    }
  });
});
