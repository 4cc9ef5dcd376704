/**
 * `massgen crew run` through the built CLI against the fake provider: a sequential JSON crew of 3
 * tasks with context dependencies and placeholders (the prompts each task received, read on the
 * wire), a hierarchical crew (the manager speaks, picks the coworkers, writes the result), a classic
 * YAML crew with a MassGen voting task, refusals of Python tools, and malformed crew files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeRequest } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome } from '../support/cli.js';

let fake: FakeProvider;

beforeAll(async () => {
  const fallback = consensus();
  fake = await createFakeProvider({
    scenario: (req) => {
      if (req.tools.some((t) => t.name === 'select_speaker')) {
        const next = req.lastUserText.includes('[researcher]:') ? 'writer' : 'researcher';
        return {
          toolCalls: [{ name: 'select_speaker', args: { agent_id: next, reason: `${next} is needed` } }],
        };
      }
      if (req.model === 'fail-second') return { error: { status: 401 } };
      return fallback(req);
    },
  });
});
afterAll(() => fake.close());

const ENV = { OPENAI_API_KEY: 'sk-test-crew' };

/** Writes `files` (path → text or JSON value) under a fresh folder; returns the folder. */
function crewDir(files: Record<string, unknown>): string {
  const home = tempHome();
  const dir = path.join(home, 'crew');
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** An `llm` mapping on the fake server's Chat Completions endpoint. */
const llm = (model: string) => ({ model: `openai/${model}`, base_url: fake.baseUrls.chat });

const agent = (role: string, model: string) => ({
  role,
  goal: `Do the ${role} work on {topic}`,
  backstory: `You are a seasoned ${role}.`,
  llm: llm(model),
});

async function crew(dir: string, args: string[] = []) {
  const r = await runCli(['--automation', 'crew', 'run', dir, ...args], { cwd: path.dirname(dir), env: ENV });
  const answerFile = field(r.stdout, 'ANSWER_FILE');
  const record = field(r.stdout, 'CREW_RECORD');
  return {
    ...r,
    answer: answerFile ? readFileSync(answerFile, 'utf8') : undefined,
    record: record ? JSON.parse(readFileSync(record, 'utf8')) : undefined,
  };
}

const byModel = (prefix: string) => fake.requests.filter((q) => q.model.startsWith(prefix));
const who = (prefix: string) => (q: FakeRequest) =>
  q.tools.some((t) => t.name === 'select_speaker') ? 'selector' : q.model.slice(prefix.length);

describe.concurrent('massgen crew run (CLI)', () => {
  it('sequential JSON crew: 3 tasks in context order, placeholders filled, outputs passed on', async () => {
    const dir = crewDir({
      'crew.jsonc': `{
        // a crew of three
        "name": "report",
        "agents": ["researcher", "analyst", "writer"],
        "process": "sequential",
        "inputs": { "topic": "default topic", "audience": { "default": "engineers" } },
        "tasks": [
          { "name": "write", "description": "Write a report on {topic} for {audience}.", "expected_output": "A report.",
            "agent": "writer", "context": ["research", "analysis"] },
          { "name": "research", "description": "Research {topic}.", "expected_output": "Findings.", "agent": "researcher" },
          { "name": "analysis", "description": "Analyse the findings.", "expected_output": "An analysis.",
            "agent": "analyst", "context": ["research"], },
        ],
      }`,
      'agents/researcher.jsonc': agent('Senior Researcher', 'seq-researcher'),
      'agents/analyst.json': agent('Data Analyst', 'seq-analyst'),
      'agents/writer.jsonc': agent('Tech Writer', 'seq-writer'),
    });
    const r = await crew(dir, ['What matters most?', '--input', 'topic=AI agents']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('TASK_START: 1/3 research researcher\n');
    expect(r.stdout).toContain('TASK_START: 3/3 write writer\n');
    const requests = byModel('seq-');
    expect(requests.map((q) => q.model)).toEqual(['seq-researcher', 'seq-analyst', 'seq-writer']);
    const [research, analysis, write] = requests as [FakeRequest, FakeRequest, FakeRequest];
    expect(research.system).toBe(
      'You are Senior Researcher. You are a seasoned Senior Researcher.\nYour personal goal is: Do the Senior Researcher work on AI agents',
    );
    expect(research.tools).toEqual([]);
    expect(research.lastUserText).toBe(
      'The request: What matters most?\n\nCurrent task: Research AI agents.\n\nThis is the expected criteria for your final answer: Findings.\nYou MUST return the actual complete content as the final answer, not a summary.',
    );
    expect(analysis.lastUserText).toContain('Current task: Analyse the findings.');
    expect(analysis.lastUserText).toContain(
      "This is the context you're working with:\n\n### Output of task `research`\nFinal answer from seq-researcher",
    );
    expect(analysis.lastUserText).not.toContain('seq-analyst');
    expect(write.lastUserText).toContain('Current task: Write a report on AI agents for engineers.');
    expect(write.lastUserText).toContain(
      '### Output of task `research`\nFinal answer from seq-researcher\n\n### Output of task `analysis`\nFinal answer from seq-analyst',
    );
    expect(r.answer).toBe('Final answer from seq-writer');
    expect(r.record.tasks.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
      ['research', 'completed'],
      ['analysis', 'completed'],
      ['write', 'completed'],
    ]);
    const runDir = field(r.stdout, 'LOG_DIR')!;
    for (const turn of ['turn_1', 'turn_2', 'turn_3'])
      expect(existsSync(path.join(runDir, turn, 'events.jsonl'))).toBe(true);
    expect(r.record.tasks[2].logDir).toBe('turn_3');
  });

  it('hierarchical JSON crew: the manager speaks first, picks each coworker, writes each task’s result', async () => {
    const dir = crewDir({
      'crew.jsonc': {
        agents: ['researcher', 'writer'],
        process: 'hierarchical',
        manager_llm: llm('hier-manager'),
        inputs: { topic: 'compilers' },
        tasks: [
          { name: 'findings', description: 'Collect findings on {topic}.', expected_output: 'Findings.' },
          {
            name: 'article',
            description: 'Write the article.',
            expected_output: 'An article.',
            context: ['findings'],
          },
        ],
      },
      'agents/researcher.jsonc': agent('Researcher', 'hier-researcher'),
      'agents/writer.jsonc': agent('Writer', 'hier-writer'),
    });
    const r = await crew(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const requests = byModel('hier-');
    expect(requests.map(who('hier-'))).toEqual([
      ...['manager', 'selector', 'researcher', 'selector', 'writer', 'manager'],
      ...['manager', 'selector', 'researcher', 'selector', 'writer', 'manager'],
    ]);
    const first = requests[0]!;
    expect(first.system).toContain('You are Crew Manager.');
    expect(first.lastUserText).toContain('Current task: Collect findings on compilers.');
    const selector = requests[1]!;
    expect(selector.system).toContain('- researcher: Researcher: Do the Researcher work on compilers');
    const secondManager = requests[6]!;
    expect(secondManager.lastUserText).toContain(
      '### Output of task `findings`\nFinal answer from hier-manager',
    );
    expect(r.stdout).toContain('TASK_START: 1/2 findings manager,researcher,writer\n');
    expect(r.answer).toBe('Final answer from hier-manager');
  });

  it('classic YAML crew: crew.py declares the process; a `massgen: true` task is a voting run', async () => {
    const dir = crewDir({
      'src/demo/config/agents.yaml': [
        'planner:',
        '  role: Planner',
        '  goal: Plan {topic}',
        '  backstory: Careful.',
        `  llm: { model: openai/classic-planner, base_url: "${fake.baseUrls.chat}" }`,
        'critic:',
        '  role: Critic',
        '  goal: Judge plans',
        '  backstory: Blunt.',
        `  llm: { model: openai/classic-critic, base_url: "${fake.baseUrls.chat}" }`,
        '  verbose: true',
      ].join('\n'),
      'src/demo/config/tasks.yaml': [
        'plan_task:',
        '  description: Plan {topic}.',
        '  expected_output: A plan.',
        '  agent: planner',
        'review_task:',
        '  description: Pick the best plan.',
        '  expected_output: The chosen plan.',
        '  massgen: true',
      ].join('\n'),
      'src/demo/crew.py':
        'from crewai import Crew, Process\n\ndef crew(self):\n    return Crew(agents=self.agents, tasks=self.tasks, process=Process.sequential)\n',
    });
    const r = await crew(dir, ['--input', 'topic=a launch']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('agents.yaml: critic.verbose: ignored: `verbose`');
    const requests = byModel('classic-');
    expect(requests[0]!.model).toBe('classic-planner');
    expect(requests[0]!.lastUserText).toContain('Current task: Plan a launch.');
    const voting = requests.slice(1);
    expect(
      voting
        .filter((q) => q.tools.some((t) => t.name === 'new_answer'))
        .map((q) => q.model)
        .sort(),
    ).toEqual(['classic-critic', 'classic-critic', 'classic-planner', 'classic-planner']);
    expect(voting[0]!.lastUserText).toContain(
      '### Output of task `plan_task`\nFinal answer from classic-planner',
    );
    expect(r.stdout).toContain('TASK_START: 2/2 review_task planner,critic\n');
    expect(r.record.form).toBe('classic');
    expect(r.answer).toMatch(/^Final answer from classic-(planner|critic)$/);
  });

  it('a failing task ends the crew: exit 2, crew.json records it, later tasks do not run', async () => {
    const dir = crewDir({
      'crew.jsonc': {
        agents: ['first', 'second', 'third'],
        inputs: { topic: 'x' },
        tasks: [
          { name: 'one', description: 'a', expected_output: 'b', agent: 'first' },
          { name: 'two', description: 'c', expected_output: 'd', agent: 'second' },
          { name: 'three', description: 'e', expected_output: 'f', agent: 'third' },
        ],
      },
      'agents/first.jsonc': agent('First', 'fail-first'),
      'agents/second.jsonc': agent('Second', 'fail-second'),
      'agents/third.jsonc': agent('Third', 'fail-third'),
    });
    const r = await crew(dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('TASK_END: 2/3 two failed');
    expect(r.stdout).toContain('CREW_STATUS: failed\n');
    expect(field(r.stdout, 'ANSWER_FILE')).toBeUndefined();
    expect(r.record.tasks.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
      ['one', 'completed'],
      ['two', 'failed'],
    ]);
    expect(byModel('fail-third')).toEqual([]);
  });

  it('refuses Python tools and references, naming the file, key and reference', async () => {
    const dir = crewDir({
      'crew.jsonc': {
        agents: ['researcher'],
        tasks: [
          {
            name: 't',
            description: 'd',
            expected_output: 'e',
            agent: 'researcher',
            output_pydantic: { python: 'my_project.schemas.Report' },
          },
        ],
      },
      'agents/researcher.jsonc': {
        ...agent('Researcher', 'refuse'),
        tools: ['crewai_tools:SerperDevTool', 'custom:lookup'],
      },
    });
    const r = await crew(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${path.join(dir, 'agents/researcher.jsonc')}: tools: not supported: Python tools \`crewai_tools:SerperDevTool\`, \`custom:lookup\``,
    );
    expect(r.stderr).toContain(
      `${path.join(dir, 'crew.jsonc')}: tasks[0].output_pydantic: not supported: Python reference \`my_project.schemas.Report\``,
    );
    expect(byModel('refuse')).toEqual([]);

    const classic = crewDir({
      'config/agents.yaml': `a:\n  role: R\n  goal: G\n  backstory: B\n  llm: openai/gpt-4o\n`,
      'config/tasks.yaml': 't:\n  description: D\n  expected_output: E\n  agent: a\n',
      'crew.py':
        'from crewai_tools import SerperDevTool\n\n    return Agent(config=cfg,\n      tools=[SerperDevTool(), lookup])\n',
    });
    const c = await crew(classic);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain(
      `${path.join(classic, 'crew.py')}: line 4: not supported: Python tools \`SerperDevTool()\`, \`lookup\` given to an agent in crew.py`,
    );
  });

  it('malformed crew files: a syntax error names file and line; bad keys name file and key path', async () => {
    const syntax = crewDir({
      'crew.jsonc': '{\n  "agents": ["a"],\n  "tasks": [ { "description": "x" ]\n}\n',
    });
    const s = await crew(syntax);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain(`${path.join(syntax, 'crew.jsonc')}: invalid JSON at line 3`);

    const keys = crewDir({
      'crew.jsonc': {
        agents: ['researcher', 'ghost'],
        process: 'parallel',
        tasks: [
          { name: 'a', description: 'x', agent: 'reseacher' },
          { name: 'b', description: 'y', expected_output: 'z', agent: 'researcher', context: ['c'] },
        ],
      },
      'agents/researcher.jsonc': { role: 'R', goal: 'G', llm: llm('bad') },
    });
    const k = await crew(keys);
    expect(k.code).toBe(1);
    const crewFile = path.join(keys, 'crew.jsonc');
    const lines = k.stderr.split('\n').filter((l) => l.startsWith('  ✖ '));
    expect(lines).toEqual([
      `  ✖ ${crewFile}: process: not supported: process "parallel"`,
      `  ✖ ${path.join(keys, 'agents/researcher.jsonc')}: backstory: missing required key \`backstory\``,
      `  ✖ ${crewFile}: agents[1]: agent \`ghost\` not found: tried agents/ghost.jsonc and agents/ghost.json`,
      `  ✖ ${crewFile}: tasks[0].expected_output: missing required key \`expected_output\``,
    ]);
    expect(k.stderr).toContain('    fix: use `sequential` or `hierarchical`\n');
    expect(k.stderr).not.toMatch(/\n\s+at /);
  });

  it('a MassGen config with `crew:` runs the crew; --validate checks the crew folder', async () => {
    const dir = crewDir({
      'crew.jsonc': {
        agents: ['researcher'],
        inputs: { topic: 'ignored default' },
        tasks: [{ name: 'only', description: 'Explain {topic}.', expected_output: 'e', agent: 'researcher' }],
      },
      'agents/researcher.jsonc': agent('Researcher', 'cfg-researcher'),
    });
    const home = path.dirname(dir);
    writeFileSync(path.join(home, 'crew.yaml'), 'crew:\n  path: ./crew\n  inputs: { topic: type systems }\n');
    const r = await runCli(['--automation', '--config', 'crew.yaml', 'Why?'], { cwd: home, env: ENV });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [request] = byModel('cfg-researcher');
    expect(request?.lastUserText).toContain('The request: Why?\n\nCurrent task: Explain type systems.');
    expect(readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8')).toBe('Final answer from cfg-researcher');

    const plain = await runCli(['--config', 'crew.yaml', 'Why?'], { cwd: home, env: ENV });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe('Final answer from cfg-researcher\n');
    expect(plain.stderr).toBe(
      'crew crew: 1 task, sequential process\n▶ task 1/1 only (researcher)\n✔ task 1/1 only: completed (answer by researcher)\n',
    );

    const valid = await runCli(['--validate', 'crew.yaml'], { cwd: home, env: ENV });
    expect(valid.code).toBe(0);
    writeFileSync(path.join(home, 'bad.yaml'), 'crew: { path: ./crew, proces: hierarchical }\nagents: []\n');
    const bad = await runCli(['--validate', 'bad.yaml'], { cwd: home, env: ENV });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('agents');
    expect(bad.stdout).toContain('crew.proces');
    expect(bad.stdout).toContain('did you mean `process`?');
  });

  it('a missing input names the placeholder and its key; an unknown folder is an error', async () => {
    const dir = crewDir({
      'crew.jsonc': {
        agents: ['researcher'],
        tasks: [{ description: 'Study {subject}.', expected_output: 'e', agent: 'researcher' }],
      },
      'agents/researcher.jsonc': agent('Researcher', 'missing-input'),
    });
    const r = await crew(dir, ['--input', 'topic=x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${path.join(dir, 'crew.jsonc')}: tasks[0].description: placeholder \`{subject}\` has no value`,
    );
    expect(r.stderr).toContain('fix: pass `--input subject=…` or add it to `inputs` of the crew file');
    const none = await crew(path.join(dir, 'nope'));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('crew folder not found');
  });
});
