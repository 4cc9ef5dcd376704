import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';
import { MissingApiKeyError } from '../../src/errors.js';
import { createChatRuntime } from '../../src/patterns/chat-runtime.js';
import { chatSpecOf } from '../../src/patterns/types.js';

const check = (raw: unknown) => validateConfigObject(raw, 'test.yaml');
const openai = { type: 'openai', model: 'gpt-5-mini', api_key: 'k' };
const claude = { type: 'claude', model: 'claude-sonnet-4-5', api_key: 'k' };
const paths = (issues: Array<{ path: string }>) => issues.map((i) => i.path);

describe('group chat config', () => {
  it('fills the defaults of orchestrator.mode and orchestrator.group_chat', () => {
    const r = check({ agents: [{ id: 'a', backend: openai }] });
    expect(r.config?.orchestrator).toMatchObject({
      mode: 'vote',
      group_chat: {
        pattern: 'round_robin',
        max_rounds: 3,
        termination_keyword: 'TERMINATE',
        summary_method: 'last_message',
      },
    });
  });

  it('a team has no backend of its own; its normalised backend is its summary agent’s', () => {
    const r = check({
      agents: [
        {
          id: 'team',
          description: 'a team',
          group_chat: {
            pattern: 'auto',
            summary_agent: 'y',
            termination_keyword: null,
            agents: [
              { id: 'x', backend: openai },
              { id: 'y', description: 'writes', backend: claude },
            ],
          },
        },
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const agent = r.config!.agents[0]!;
    expect(agent.backend.type).toBe('claude');
    expect(agent.group_chat).toMatchObject({ pattern: 'auto', max_rounds: 3, termination_keyword: null });
  });

  it('reports team and nested-chat mistakes at their key paths', () => {
    const r = check({
      agents: [
        { id: 'solo', backend: openai, group_chat: { agents: [{ id: 'x', backend: openai }] } },
        {
          id: 'n',
          backend: openai,
          nested_chat: {
            sequence: ['self'],
            agents: [
              { id: 'self', backend: openai },
              { id: 'n', backend: openai },
            ],
          },
          group_chat: {
            agents: [
              { id: 'x', backend: openai },
              { id: 'y', backend: openai },
            ],
          },
        },
        { id: 'm', nested_chat: { sequence: [] } },
      ],
    });
    expect(paths(r.errors)).toEqual(
      expect.arrayContaining([
        'agents[0].group_chat.agents',
        'agents[1].nested_chat.agents[0].id',
        'agents[1].nested_chat.agents[1].id',
        'agents[1].nested_chat',
        'agents[2].nested_chat.sequence',
        'agents[2].backend',
      ]),
    );
    const byPath = (p: string) => r.errors.find((e) => e.path === p)!;
    expect(byPath('agents[0].group_chat.agents').message).toBe('must have at least 2 item(s)');
    expect(byPath('agents[1].nested_chat.agents[1].id').message).toContain('is the agent itself');
    expect(byPath('agents[2].backend').message).toBe('missing required key `backend`');
  });

  it('warns about group_chat settings in vote mode and vote settings in group-chat mode', () => {
    const vote = check({
      agents: [{ id: 'a', backend: openai }],
      orchestrator: { group_chat: { max_rounds: 2 } },
    });
    expect(vote.warnings.map((w) => [w.path, w.message])).toEqual([
      [
        'orchestrator.group_chat',
        'ignored: orchestrator.group_chat — it is used only with `orchestrator.mode: group_chat`',
      ],
    ]);
    const chat = check({
      agents: [
        { id: 'a', backend: openai },
        { id: 'b', backend: openai },
      ],
      orchestrator: {
        mode: 'group_chat',
        skip_coordination_rounds: true,
        coordination: { max_orchestration_restarts: 2 },
      },
    });
    expect(paths(chat.warnings)).toEqual([
      'orchestrator.skip_coordination_rounds',
      'orchestrator.coordination.max_orchestration_restarts',
    ]);
  });

  it('warns about unsupported keys inside member and selector backends', () => {
    const r = check({
      agents: [
        {
          id: 't',
          group_chat: {
            pattern: 'auto',
            selector: { ...openai, enable_web_search: true },
            agents: [
              { id: 'x', backend: { ...openai, mcp_servers: [{ name: 'fs', command: 'x' }] } },
              { id: 'y', backend: openai },
            ],
          },
        },
      ],
    });
    expect(r.valid).toBe(true);
    expect(paths(r.warnings)).toEqual([
      'agents[0].group_chat.agents[0].backend.mcp_servers',
      'agents[0].group_chat.selector.enable_web_search',
    ]);
  });

  it('an ag2 backend inside a team is not supported (only a top-level agent is translated)', () => {
    const r = check({
      agents: [
        {
          id: 'a',
          group_chat: {
            agents: [
              { id: 'x', backend: openai },
              { id: 'y', backend: { type: 'ag2' } },
            ],
          },
        },
      ],
    });
    expect(paths(r.errors)).toEqual(['agents[0].group_chat.agents[1].backend.type']);
    expect(r.errors[0]?.message).toMatch(
      /^not supported: backend type "ag2" \(an AG2 agent\) is supported only as the backend of a top-level agent/,
    );
  });
});

describe('chat runtimes', () => {
  it('a team becomes one runtime whose model carries its chat', async () => {
    const r = check({
      agents: [
        {
          id: 'team',
          group_chat: {
            pattern: 'auto',
            agents: [
              { id: 'x', backend: openai },
              { id: 'y', backend: claude },
            ],
          },
        },
      ],
    });
    const runtime = await createChatRuntime(r.config!.agents[0]!, 0, {});
    expect(runtime).toMatchObject({
      id: 'team',
      label: 'agent1',
      backendType: 'group_chat',
      modelId: 'x, y',
    });
    const spec = chatSpecOf(runtime.model)!;
    expect(spec.members.map((m) => m.id)).toEqual(['x', 'y']);
    expect(spec.order.kind === 'auto' && spec.order.selector.id).toBe('x');
  });

  it('a nested chat puts the agent itself first and resolves `self` in the sequence', async () => {
    const r = check({
      agents: [
        {
          id: 'writer',
          backend: openai,
          system_message: 'Write well.',
          nested_chat: { sequence: ['self', 'critic', 'self'], agents: [{ id: 'critic', backend: claude }] },
        },
      ],
    });
    const runtime = await createChatRuntime(r.config!.agents[0]!, 0, {});
    expect(runtime).toMatchObject({
      backendType: 'nested_chat',
      modelId: 'writer, critic',
      systemMessage: 'Write well.',
    });
    const spec = chatSpecOf(runtime.model)!;
    expect(spec.order).toEqual({ kind: 'sequence', sequence: ['writer', 'critic', 'writer'] });
    expect(spec.members[0]).toMatchObject({ id: 'writer', systemMessage: 'Write well.' });
  });

  it('a missing key names the team member', async () => {
    const r = check({
      agents: [
        {
          id: 'team',
          group_chat: {
            agents: [
              { id: 'x', backend: openai },
              { id: 'y', backend: { type: 'claude', model: 'claude-sonnet-4-5' } },
            ],
          },
        },
      ],
    });
    const error = await createChatRuntime(r.config!.agents[0]!, 0, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingApiKeyError);
    expect((error as Error).message).toContain('Agent "team/y"');
  });
});
