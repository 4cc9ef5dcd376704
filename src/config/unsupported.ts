/**
 * Config keys of MassGen features MassGen-TS has not built yet. They are accepted (so Python MassGen
 * configs load) and each one that is switched on yields a warning starting `not supported yet:`.
 * This is the ONE list to edit when a feature lands: delete its entries.
 */
import type { ConfigIssue } from '../errors.js';
import { memoryWarnings } from './memory-warnings.js';
import { effectiveBackendType, isUnsupportedBackendType } from './schema-backend-rules.js';
import { isPlainObject } from './schema-common.js';
import { COORDINATION_DEFAULTS } from './schema-orchestrator.js';
import { chatBackends } from './schema-patterns.js';

/**
 * Where an unsupported key sits. `member-backend`: a backend that speaks in a group chat (team
 * members, selectors, agents in `orchestrator.mode: group_chat`), on top of the `backend` keys.
 */
export type UnsupportedBlock =
  | 'top'
  | 'agent'
  | 'backend'
  | 'member-backend'
  | 'orchestrator'
  | 'coordination'
  | 'ui';

export interface UnsupportedKey {
  block: UnsupportedBlock;
  /** The key; a trailing `*` matches every key with that prefix. */
  key: string;
  /** The missing feature, for the message. */
  feature: string;
  /** Whether the value asks for the feature; default: anything but absent, null, false, [] or {}. */
  isActive?: (value: unknown) => boolean;
}

const notDefault = (key: keyof typeof COORDINATION_DEFAULTS) => (v: unknown) =>
  JSON.stringify(v) !== JSON.stringify(COORDINATION_DEFAULTS[key]);

/** Tool keys: built for agents that vote, not yet for the speakers of a group chat. */
const MEMBER_TOOL_KEYS = [
  'mcp_servers',
  'custom_tools',
  'enable_web_search',
  'enable_code_execution',
  'enable_code_interpreter',
  'cwd',
  'context_paths',
  'enable_mcp_command_line',
].map((key): UnsupportedKey => ({ block: 'member-backend', key, feature: 'tools of group-chat speakers' }));

/** Every key of a feature that is not built yet. */
export const UNSUPPORTED_KEYS: readonly UnsupportedKey[] = [
  ...MEMBER_TOOL_KEYS,
  { block: 'backend', key: 'enforce_read_before_delete', feature: 'read-before-delete checks' },
  {
    block: 'backend',
    key: 'command_line_execution_mode',
    feature: 'command-line execution in Docker',
    isActive: (v) => v === 'docker',
  },
  { block: 'backend', key: 'command_line_docker_*', feature: 'command-line execution in Docker' },
  { block: 'backend', key: 'enable_file_generation', feature: 'file generation' },
  ...(['backend', 'orchestrator'] as const).flatMap((block) =>
    ['image', 'video', 'audio'].map((mode) => ({
      block,
      key: `${mode}_generation_backend`,
      feature: 'generation through openrouter and elevenlabs',
      isActive: (v: unknown) => v === 'openrouter' || v === 'elevenlabs',
    })),
  ),
  {
    block: 'coordination',
    key: 'enable_planning_mode',
    feature: 'planning mode',
    isActive: notDefault('enable_planning_mode'),
  },
  {
    block: 'coordination',
    key: 'planning_mode_instruction',
    feature: 'planning mode',
    isActive: (v) => typeof v === 'string' && v !== '',
  },
  {
    block: 'coordination',
    key: 'enable_agent_task_planning',
    feature: 'task planning',
    isActive: notDefault('enable_agent_task_planning'),
  },
  {
    block: 'coordination',
    key: 'max_tasks_per_plan',
    feature: 'task planning',
    isActive: notDefault('max_tasks_per_plan'),
  },
  {
    block: 'coordination',
    key: 'task_planning_filesystem_mode',
    feature: 'task planning',
    isActive: notDefault('task_planning_filesystem_mode'),
  },
  {
    block: 'coordination',
    key: 'enable_memory_filesystem_mode',
    feature: 'memory files',
    isActive: notDefault('enable_memory_filesystem_mode'),
  },
  { block: 'coordination', key: 'use_skills', feature: 'skills', isActive: notDefault('use_skills') },
  {
    block: 'coordination',
    key: 'skills_directory',
    feature: 'skills',
    isActive: notDefault('skills_directory'),
  },
  { block: 'coordination', key: 'massgen_skills', feature: 'skills', isActive: notDefault('massgen_skills') },
  {
    block: 'ui',
    key: 'use_orchestrator_for_single_agent',
    feature: 'running a single agent without the orchestrator',
    isActive: (v) => v === false,
  },
];

function defaultActive(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

function scan(block: UnsupportedBlock, value: unknown, at: string, file: string, out: ConfigIssue[]): void {
  if (!isPlainObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const entry = UNSUPPORTED_KEYS.find(
      (e) => e.block === block && (e.key.endsWith('*') ? key.startsWith(e.key.slice(0, -1)) : e.key === key),
    );
    if (!entry || !(entry.isActive ?? defaultActive)(v)) continue;
    const path = at === '' ? key : `${at}.${key}`;
    out.push({
      file,
      path,
      message: `not supported yet: ${path} (${entry.feature}) — the key is accepted and ignored`,
      suggestion: 'remove the key to silence this warning; the run goes ahead without the feature',
    });
  }
}

/** MassGen's Python custom tools (a `.py` path, or a built-in without a path): skipped with a warning each. */
function pythonToolWarnings(backend: Record<string, unknown>, at: string, file: string): ConfigIssue[] {
  const tools = Array.isArray(backend.custom_tools) ? backend.custom_tools : [];
  return tools.flatMap((tool, i): ConfigIssue[] => {
    if (!isPlainObject(tool) || tool.command !== undefined) return [];
    const toolPath = typeof tool.path === 'string' ? tool.path : undefined;
    if (toolPath !== undefined && !toolPath.endsWith('.py')) return [];
    const names = [tool.name ?? tool.function].flat().filter((n) => typeof n === 'string');
    const what = toolPath ? `Python custom tool` : 'MassGen built-in tool';
    const path = `${at}.custom_tools[${i}]`;
    return [
      {
        file,
        path,
        message: `not supported yet: ${path} (${what} ${names.map((n) => `"${n}"`).join(', ')}) — the tool is skipped`,
        suggestion:
          'write it as a JS/TS module (`path: tool.ts`, `function: name`) or a command-line tool (`command: [program, …]`)',
      },
    ];
  });
}

/** Agents of a raw config with the path MassGen prints for each (`agents[i]`, or `agent`). */
export function rawAgents(raw: Record<string, unknown>): Array<[string, unknown]> {
  if (Array.isArray(raw.agents)) return raw.agents.map((a, i) => [`agents[${i}]`, a]);
  return raw.agent !== undefined ? [['agent', raw.agent]] : [];
}

/**
 * One warning per unsupported feature a raw config switches on. Backends of a type that cannot run at
 * all (inference, ag2 where it is not translated) are skipped: their `type` is already an error.
 */
export function unsupportedWarnings(raw: Record<string, unknown>, file: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  scan('top', raw, '', file, out);
  const orchestrator = raw.orchestrator;
  const groupChatMode = isPlainObject(orchestrator) && orchestrator.mode === 'group_chat';
  const scanBackend = (backend: unknown, path: string, speaker: boolean) => {
    if (!isPlainObject(backend) || isUnsupportedBackendType(effectiveBackendType(backend))) return;
    scan('backend', backend, path, file, out);
    if (speaker) scan('member-backend', backend, path, file, out);
    else out.push(...pythonToolWarnings(backend, path, file));
  };
  for (const [at, agent] of rawAgents(raw)) {
    if (!isPlainObject(agent)) continue;
    scan('agent', agent, at, file, out);
    const team = agent.group_chat !== undefined || agent.nested_chat !== undefined;
    scanBackend(agent.backend, `${at}.backend`, groupChatMode || team);
    for (const [path, backend] of chatBackends(agent, at)) scanBackend(backend, path, true);
  }
  scan('orchestrator', orchestrator, 'orchestrator', file, out);
  const selector =
    isPlainObject(orchestrator) && isPlainObject(orchestrator.group_chat)
      ? orchestrator.group_chat.selector
      : undefined;
  scanBackend(selector, 'orchestrator.group_chat.selector', true);
  if (isPlainObject(orchestrator))
    scan('coordination', orchestrator.coordination, 'orchestrator.coordination', file, out);
  scan('ui', raw.ui ?? raw.display, raw.ui !== undefined ? 'ui' : 'display', file, out);
  out.push(...memoryWarnings(raw, rawAgents(raw), file));
  return out;
}
