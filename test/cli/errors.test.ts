import { describe, expect, it } from 'vitest';
import { runCli, tempHome, writeFile } from '../support/cli.js';

const NO_STACK = /\n\s+at .+:\d+:\d+/;

describe('massgen bad input (CLI)', () => {
  it('names the missing API key variable and exits 1', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'c.yaml',
      'agents:\n  - id: a\n    backend:\n      type: claude\n      model: claude-sonnet-4-5\n',
    );
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ANTHROPIC_API_KEY');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it('reports broken YAML with file, line and column, and exits 1', async () => {
    const home = tempHome();
    const file = writeFile(home, 'broken.yaml', 'agents:\n  - id: a\n    backend: [unclosed\n');
    const r = await runCli(['--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.yaml');
    expect(r.stderr).toMatch(/line \d+/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it('rejects an unknown key with a did-you-mean and exits 1', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'typo.yaml',
      'agents:\n  - id: a\n    backend:\n      type: openai\n      model: gpt-5\n      temprature: 0.2\n',
    );
    const r = await runCli(['--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('agents[0].backend.temprature');
    expect(r.stderr).toContain('temperature');
  });

  it('prints a setup guide and exits 1 when there is no config and no key', async () => {
    const r = await runCli(['What is 2+2?']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OPENAI_API_KEY');
    expect(r.stderr).toContain('--base-url http://localhost:11434/v1');
  });

  it('names the missing config file', async () => {
    const r = await runCli(['--config', 'nope.yaml', 'Q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.yaml');
  });

  it('asks for a question when the one given is blank (no question at all opens interactive mode)', async () => {
    const home = tempHome();
    const r = await runCli(
      ['--backend', 'chatcompletion', '--model', 'm', '--base-url', 'http://127.0.0.1:9/v1', '  '],
      {
        cwd: home,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No question given/);
  });

  it('rejects an unknown --backend listing the valid ones', async () => {
    const r = await runCli(['--backend', 'opneai', 'Q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('openai');
  });

  it('--validate passes a good file and fails a bad one, also as JSON', async () => {
    const home = tempHome();
    const good = writeFile(
      home,
      'good.yaml',
      'agent:\n  id: a\n  backend:\n    type: openai\n    model: gpt-5\n',
    );
    const bad = writeFile(
      home,
      'bad.yaml',
      'agents:\n  - id: a\n    backend:\n      type: openia\n      model: x\n',
    );
    const ok = await runCli(['--validate', good], { cwd: home });
    expect(ok.code).toBe(0);
    const fail = await runCli(['--validate', bad, '--json'], { cwd: home });
    expect(fail.code).toBe(1);
    const json = JSON.parse(fail.stdout);
    expect(json.valid).toBe(false);
    expect(json.errors[0].path).toBe('agents[0].backend.type');
  });

  it('runs a packaged example by @examples name as far as the key check', async () => {
    const r = await runCli(['--automation', '--config', '@examples/three_agents', 'Q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/OPENAI_API_KEY|ANTHROPIC_API_KEY|GEMINI_API_KEY/);
  });

  it('lists the packaged examples', async () => {
    const r = await runCli(['--list-examples']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('@examples/three_agents');
  });
});

describe('Python MassGen flags (CLI)', () => {
  it.each([
    [['--debug', 'Q'], '--debug', 'set MASSGEN_DEBUG=1'],
    [['--no-display', 'Q'], '--no-display', 'ui.display_type: simple'],
    [['--init'], '--init', 'no wizard is needed'],
    [['--setup'], '--setup', 'set a provider key'],
    [['--example', 'basic'], '--example', '--list-examples'],
    [['--select'], '--select', '--config FILE'],
    [['--show-schema'], '--show-schema', '--validate FILE'],
  ])('%j gets a one-line hint and exit 1', async (args, flag, hint) => {
    const r = await runCli(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^error: ${flag} is a Python MassGen flag: .*${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
  });

  it('a question that merely mentions a flag is not mistaken for it', async () => {
    const r = await runCli(['--validate', 'missing.yaml', 'what does --debug do?']);
    expect(r.stderr).not.toContain('Python MassGen flag');
  });
});
