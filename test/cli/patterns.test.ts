/**
 * Group-chat patterns through the built CLI against the fake provider: each pattern's speaking
 * order (read from the requests the fake server received), termination, speaker selection, nested
 * chats, both summary methods, a team standing as one agent of a voting run, and bad configs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeReply, type FakeRequest, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;

const say = (text: string): FakeReply => ({ text });
const pick = (agent_id: string): FakeReply => ({
  toolCalls: [{ name: 'select_speaker', args: { agent_id, reason: `${agent_id} should check` } }],
});

beforeAll(async () => {
  // Model names are unique per test, so the tests can share one scenario and run concurrently.
  fake = await createFakeProvider({
    scenario: scripted(
      {
        'rr-critic': [say('Looks plausible.'), say('Verified: 4. TERMINATE')],
        'auto-sel': [pick('analyst'), pick('nobody')],
        'auto-analyst': [say('Checked the numbers.')],
        'auto-researcher': [say('First findings.'), say('More findings.')],
        'auto-synth': [say('Synth turn.'), say('Synthesised answer.')],
        'nest-writer': [say('Draft.'), say('Summary of draft and critique.')],
        'nest-critic': [say('Too short.')],
        'nest-editor': [say('Edited final text.')],
      },
      consensus(),
    ),
  });
});
afterAll(() => fake.close());

/** `- id: …` YAML lines of an agent on the fake chat server. */
function agent(id: string, model: string, indent = '  ', extra: string[] = []): string[] {
  return [
    `${indent}- id: ${id}`,
    `${indent}  description: "${id} role"`,
    `${indent}  backend: { type: chatcompletion, model: ${model}, base_url: "${fake.baseUrls.chat}" }`,
    ...extra.map((l) => `${indent}  ${l}`),
  ];
}

/** Requests for models starting with `prefix`, in arrival order, as `model` minus the prefix. */
function calls(prefix: string, filter: (r: FakeRequest) => boolean = () => true): string[] {
  return fake.requests
    .filter((r) => r.model.startsWith(prefix) && filter(r))
    .map((r) => r.model.slice(prefix.length));
}

async function run(name: string, yaml: string[]) {
  const home = tempHome();
  const file = writeFile(home, `${name}.yaml`, yaml.join('\n'));
  const r = await runCli(['--automation', '--config', file, 'What is 2+2?'], { cwd: home });
  const status = r.code === 0 ? JSON.parse(readFileSync(field(r.stdout, 'STATUS')!, 'utf8')) : undefined;
  const answer = r.code === 0 ? readFileSync(field(r.stdout, 'ANSWER_FILE')!, 'utf8') : undefined;
  return { ...r, status, answer, logDir: field(r.stdout, 'LOG_DIR') };
}

describe.concurrent('group chat patterns (CLI)', () => {
  it('round robin: fixed order from initial_agent, ends on the termination keyword', async () => {
    const r = await run('rr', [
      'agents:',
      ...agent('researcher', 'rr-researcher'),
      ...agent('analyst', 'rr-analyst'),
      ...agent('critic', 'rr-critic'),
      'orchestrator:',
      '  mode: group_chat',
      '  group_chat: { pattern: round_robin, max_rounds: 3, initial_agent: analyst }',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(calls('rr-')).toEqual(['analyst', 'critic', 'researcher', 'analyst', 'critic']);
    expect(fake.requests.filter((q) => q.model.startsWith('rr-')).every((q) => q.tools.length === 0)).toBe(
      true,
    );
    const last = fake.requests.filter((q) => q.model === 'rr-critic').at(-1)!;
    expect(last.lastUserText).toContain('[researcher]: Final answer from rr-researcher');
    expect(last.system).toContain('Your role: critic role.');
    expect(field(r.stdout, 'WINNER')).toBe('critic');
    expect(r.answer).toBe('Verified: 4.');
    expect(r.status.results.winner).toBe('critic');
    expect(r.status.agents.analyst.answer_count).toBe(2);
    expect(r.status.run.status).toBe('completed');
    const events = readFileSync(path.join(r.logDir!, 'events.jsonl'), 'utf8');
    expect(events).toContain('critic ended the chat with TERMINATE');
  });

  it('auto: the selector picks the speakers, an invalid pick falls back; llm_summary by summary_agent', async () => {
    const r = await run('auto', [
      'agents:',
      ...agent('researcher', 'auto-researcher'),
      ...agent('analyst', 'auto-analyst'),
      ...agent('synthesizer', 'auto-synth'),
      'orchestrator:',
      '  mode: group_chat',
      '  group_chat:',
      '    pattern: auto',
      '    max_rounds: 1',
      `    selector: { type: chatcompletion, model: auto-sel, base_url: "${fake.baseUrls.chat}" }`,
      '    summary_method: llm_summary',
      '    summary_agent: synthesizer',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // researcher first; sel → analyst; sel → "nobody" (invalid) → synthesizer (after analyst); summary.
    expect(calls('auto-')).toEqual(['researcher', 'sel', 'analyst', 'sel', 'synth', 'synth']);
    const selector = fake.requests.find((q) => q.model === 'auto-sel')!;
    expect(selector.tools.map((t) => t.name)).toEqual(['select_speaker']);
    expect(selector.system).toContain('- analyst: analyst role');
    expect(selector.lastUserText).toContain('[researcher]: First findings.');
    const summary = fake.requests.filter((q) => q.model === 'auto-synth').at(-1)!;
    expect(summary.lastUserText).toContain('[analyst]: Checked the numbers.');
    expect(field(r.stdout, 'WINNER')).toBe('synthesizer');
    expect(r.answer).toBe('Synthesised answer.');
    const events = readFileSync(path.join(r.logDir!, 'events.jsonl'), 'utf8');
    expect(events).toContain('selector chose analyst: analyst should check');
    expect(events).toContain('synthesizer speaks next in round-robin order');
  });

  it('nested chat: the agent’s turn runs its sequence; its llm_summary is its message', async () => {
    const r = await run('nest', [
      'agents:',
      ...agent('writer', 'nest-writer', '  ', [
        'nested_chat:',
        '  sequence: [self, critic]',
        '  summary_method: llm_summary',
        '  agents:',
        ...agent('critic', 'nest-critic', '    '),
      ]),
      ...agent('editor', 'nest-editor'),
      'orchestrator:',
      '  mode: group_chat',
      '  group_chat: { max_rounds: 1 }',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(calls('nest-')).toEqual(['writer', 'critic', 'writer', 'editor']);
    expect(fake.requests.filter((q) => q.model === 'nest-critic')[0]!.lastUserText).toContain(
      '[writer]: Draft.',
    );
    const writerAnswers = readdirSync(path.join(r.logDir!, 'writer'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('answer.txt'))
      .map((f) => readFileSync(path.join(r.logDir!, 'writer', f), 'utf8'));
    expect(writerAnswers).toEqual(['Summary of draft and critique.']);
    const editor = fake.requests.find((q) => q.model === 'nest-editor')!;
    expect(editor.lastUserText).toContain('[writer]: Summary of draft and critique.');
    expect(field(r.stdout, 'WINNER')).toBe('editor');
    expect(r.answer).toBe('Edited final text.');
  });

  it('a team (group_chat agent) is one participant of a voting run', async () => {
    const r = await run('team', [
      'agents:',
      '  - id: team',
      '    group_chat:',
      '      max_rounds: 1',
      '      summary_method: llm_summary',
      '      summary_agent: b',
      '      agents:',
      ...agent('a', 'team-a', '        '),
      ...agent('b', 'team-b', '        '),
      ...agent('solo', 'team-solo'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const workflow = (q: FakeRequest) => q.tools.some((t) => t.name === 'new_answer');
    // Members discuss without tools; the summary agent replies with the workflow tools.
    expect(calls('team-', (q) => q.model !== 'team-solo' && !workflow(q)).slice(0, 2)).toEqual(['a', 'b']);
    expect(calls('team-', (q) => q.model !== 'team-solo' && workflow(q))).toEqual(['b', 'b']);
    const reply = fake.requests.find((q) => q.model === 'team-b' && workflow(q))!;
    expect(reply.lastUserText).toContain('[a]: Final answer from team-a');
    expect(field(r.stdout, 'WINNER')).toBe('team');
    expect(r.stdout).toMatch(/^COMPLETED: 2 agents/m);
    expect(r.status.agents.team.answer_count).toBe(1);
    expect(r.status.agents.team.vote_cast.voted_for_agent).toBe('team');
    expect(r.status.agents.solo.vote_cast.voted_for_agent).toBe('team');
  });

  it('bad orchestrator.group_chat: exit 1 naming each key path', async () => {
    const r = await run('bad1', [
      'agents:',
      ...agent('a', 'bad-a'),
      ...agent('b', 'bad-b'),
      'orchestrator:',
      '  mode: group_chat',
      '  group_chat:',
      '    pattern: round_robbin',
      '    summary_method: summary',
      '    initial_agent: c',
      `    selector: { type: chatcompletion, model: x, base_url: "${fake.baseUrls.chat}" }`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('orchestrator.group_chat.pattern: expected one of `round_robin`, `auto`');
    expect(r.stderr).toContain('did you mean `round_robin`?');
    expect(r.stderr).toContain(
      'orchestrator.group_chat.summary_method: expected one of `last_message`, `llm_summary`',
    );
    expect(r.stderr).toContain(
      'orchestrator.group_chat.initial_agent: `initial_agent` names `c`, which is not an agent id',
    );
    expect(r.stderr).not.toContain('orchestrator.group_chat.selector');
    expect(calls('bad-')).toEqual([]);
  });

  it('bad team and nested chat blocks: exit 1 naming each key path', async () => {
    const r = await run('bad2', [
      'agents:',
      ...agent('team', 'bad2-team', '  ', [
        'group_chat:',
        '  summary_agent: z',
        `  selector: { type: chatcompletion, model: x, base_url: "${fake.baseUrls.chat}" }`,
        '  agents:',
        ...agent('x', 'bad2-x', '    '),
        ...agent('y', 'bad2-y', '    '),
      ]),
      ...agent('n', 'bad2-n', '  ', [
        'nested_chat: { sequence: [self, critc], agents: [{ id: critic, backend: { type: chatcompletion, model: c } }] }',
      ]),
      'orchestrator:',
      '  mode: group_chat',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('agents[0].backend: `backend` and `group_chat` together');
    expect(r.stderr).toContain('agents[0].group_chat.summary_agent: `summary_agent` names `z`');
    expect(r.stderr).toContain('agents[0].group_chat.selector: `selector` is only used by `pattern: auto`');
    expect(r.stderr).toContain('agents[1].nested_chat.sequence[1]: `critc` is neither `self`');
    expect(r.stderr).toContain('did you mean `critic`?');
  });

  it('mode: group_chat with one agent: exit 1 at orchestrator.mode', async () => {
    const r = await run('bad3', ['agents:', ...agent('a', 'bad3-a'), 'orchestrator: { mode: group_chat }']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('orchestrator.mode: `mode: group_chat` needs at least 2 agents');
  });
});
