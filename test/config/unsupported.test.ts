import { describe, expect, it } from 'vitest';
import { UNSUPPORTED_KEYS } from '../../src/config/unsupported.js';
import { validateConfigObject } from '../../src/config/validate.js';

const check = (raw: unknown) => validateConfigObject(raw, 'test.yaml');
const gemini = { type: 'gemini', model: 'gemini-2.5-flash' };

describe('not-yet-supported features', () => {
  it('accepts tools (built now) without warnings, but warns about them on group-chat speakers', () => {
    const tools = {
      mcp_servers: [{ name: 'w', type: 'stdio', command: 'npx' }],
      custom_tools: [{ name: 'x', command: ['ls'] }],
      allowed_tools: ['mcp__w__a'],
      exclude_tools: ['b'],
      enable_web_search: true,
      enable_code_execution: false,
    };
    expect(check({ agents: [{ id: 'a', backend: { ...gemini, ...tools } }] }).warnings).toEqual([]);
    const chat = check({
      agents: [{ id: 'a', backend: { ...gemini, ...tools } }],
      orchestrator: { mode: 'group_chat' },
    });
    expect(chat.warnings.map((w) => [w.path, w.message])).toEqual(
      ['mcp_servers', 'custom_tools', 'enable_web_search'].map((key) => [
        `agents[0].backend.${key}`,
        `not supported yet: agents[0].backend.${key} (tools of group-chat speakers) — the key is accepted and ignored`,
      ]),
    );
  });

  it('warns for Docker command execution only; workspace, context-path and command keys are built', () => {
    const r = check({
      agents: [
        {
          id: 'a',
          backend: {
            ...gemini,
            cwd: 'ws',
            enable_mcp_command_line: true,
            command_line_execution_mode: 'docker',
            command_line_docker_network_mode: 'bridge',
          },
        },
      ],
      orchestrator: {
        snapshot_storage: 's',
        agent_temporary_workspace: 't',
        context_paths: [{ path: '.', permission: 'read' }],
      },
    });
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual([
      'agents[0].backend.command_line_execution_mode',
      'agents[0].backend.command_line_docker_network_mode',
    ]);
    expect(r.warnings.every((w) => w.message.startsWith('not supported yet: '))).toBe(true);
    const local = check({
      agents: [{ id: 'a', backend: { ...gemini, cwd: 'ws', command_line_execution_mode: 'local' } }],
    });
    expect(local.warnings).toEqual([]);
    const speaker = check({
      agents: [{ id: 'a', backend: { ...gemini, cwd: 'ws', enable_mcp_command_line: true } }],
      orchestrator: { mode: 'group_chat' },
    });
    expect(speaker.warnings.map((w) => w.message)).toEqual(
      ['cwd', 'enable_mcp_command_line'].map(
        (key) =>
          `not supported yet: agents[0].backend.${key} (tools of group-chat speakers) — the key is accepted and ignored`,
      ),
    );
  });

  it('warns about coordination keys only when they differ from the default', () => {
    const r = check({
      agent: { backend: gemini },
      orchestrator: {
        coordination: { max_orchestration_restarts: 0, enable_planning_mode: true, use_skills: false },
      },
    });
    expect(r.warnings.map((w) => w.path)).toEqual(['orchestrator.coordination.enable_planning_mode']);
    expect(r.warnings[0]?.message).toContain('(planning mode)');
  });

  it('accepts memory (built now) but warns about Qdrant settings and recording flags; dspy needs a backend when enabled', () => {
    expect(check({ agent: { backend: gemini }, memory: { enabled: true } }).warnings).toEqual([]);
    expect(check({ agent: { backend: gemini, memory: { retrieval: { limit: 3 } } } }).warnings).toEqual([]);
    const qdrant = check({
      agent: { backend: gemini, memory: { recording: { record_reasoning: true } } },
      memory: {
        persistent_memory: {
          vector_store: 'qdrant',
          qdrant: { mode: 'server', host: 'localhost', port: 6333 },
        },
      },
    });
    expect(qdrant.valid).toBe(true);
    expect(qdrant.warnings.map((w) => w.path)).toEqual([
      'memory.persistent_memory.vector_store',
      'memory.persistent_memory.qdrant',
      'agent.memory.recording.record_reasoning',
    ]);
    expect(qdrant.warnings[0]?.message).toMatch(
      /^not supported: vector_store "qdrant" — .*embedded SQLite store/,
    );
    expect(qdrant.warnings[0]?.suggestion).toBe('use the embedded store: remove vector_store (and qdrant)');
    expect(
      check({ agent: { backend: gemini }, orchestrator: { dspy: { enabled: false } } }).warnings,
    ).toEqual([]);
    // Paraphrasing is built: enabled with a backend it is valid and quiet; without one, an error.
    expect(
      check({ agent: { backend: gemini }, orchestrator: { dspy: { enabled: true, backend: gemini } } }),
    ).toMatchObject({ valid: true, warnings: [] });
    const missing = check({ agent: { backend: gemini }, orchestrator: { dspy: { enabled: true } } });
    expect(missing.valid).toBe(false);
    expect(missing.errors.map((e) => e.path)).toEqual(['orchestrator.dspy.backend']);
  });

  it('accepts restarts and debug_final_answer without warnings now that they are built', () => {
    const r = check({
      agent: { backend: gemini },
      orchestrator: { debug_final_answer: 'x', coordination: { max_orchestration_restarts: 2 } },
    });
    expect(r.warnings).toEqual([]);
  });

  it('still checks the keys inside an unsupported feature block', () => {
    const r = check({ agent: { backend: { ...gemini, custom_tools: [{ name: 'x', functon: 'x' }] } } });
    expect(r.errors.map((e) => [e.path, e.suggestion])).toContainEqual([
      'agent.backend.custom_tools[0].functon',
      'did you mean `function`?',
    ]);
  });

  it('does not add feature warnings to a backend whose type is itself not supported', () => {
    const r = check({
      agent: {
        backend: { type: 'inference', model: 'm', cwd: 'ws', enable_image_generation: true },
      },
    });
    expect(r.errors.map((e) => e.message.slice(0, 15))).toEqual(['not supported: ']);
    expect(r.warnings).toEqual([]);
  });

  it('accepts the generation routing keys; openrouter and elevenlabs as generation backends warn', () => {
    const routing = {
      enable_multimodal_tools: true,
      image_generation_backend: 'openai',
      image_generation_model: 'gpt-image-1',
      video_generation_backend: 'google',
      multimodal_config: {
        audio: { backend: 'openai', model: 'gpt-4o-mini-tts' },
        video: { backend: 'gemini' },
      },
    };
    const ok = check({
      agents: [{ id: 'a', backend: { ...gemini, cwd: 'ws', enable_video_generation: true, ...routing } }],
      orchestrator: routing,
    });
    expect([ok.valid, ok.warnings]).toEqual([true, []]);
    const r = check({
      agents: [{ id: 'a', backend: { ...gemini, audio_generation_backend: 'elevenlabs' } }],
      orchestrator: { image_generation_backend: 'openrouter' },
    });
    expect(r.warnings.map((w) => [w.path, w.message])).toEqual([
      [
        'agents[0].backend.audio_generation_backend',
        'not supported yet: agents[0].backend.audio_generation_backend (generation through openrouter and elevenlabs) — the key is accepted and ignored',
      ],
      [
        'orchestrator.image_generation_backend',
        'not supported yet: orchestrator.image_generation_backend (generation through openrouter and elevenlabs) — the key is accepted and ignored',
      ],
    ]);
  });

  it('keeps the unsupported keys in one list whose entries name a feature', () => {
    expect(UNSUPPORTED_KEYS).toHaveLength(28);
    for (const entry of UNSUPPORTED_KEYS) expect(entry.feature).not.toBe('');
  });
});
