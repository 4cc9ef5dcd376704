/**
 * Config keys of MassGen features MassGen-TS has not built yet. They are accepted (so Python MassGen
 * configs load) and each one that is switched on yields a warning starting `not supported yet:`.
 * This is the ONE list to edit when a feature lands: delete its entries.
 */
import type { ConfigIssue } from '../errors.js';
import { effectiveBackendType, isUnsupportedBackendType } from './schema-backend-rules.js';
import { isPlainObject } from './schema-common.js';
import { COORDINATION_DEFAULTS } from './schema-orchestrator.js';

/** Where an unsupported key sits. */
export type UnsupportedBlock = 'top' | 'agent' | 'backend' | 'orchestrator' | 'coordination' | 'ui';

export interface UnsupportedKey {
  block: UnsupportedBlock;
  /** The key; a trailing `*` matches every key with that prefix. */
  key: string;
  /** The missing feature, for the message. */
  feature: string;
  /** Whether the value asks for the feature; default: anything but absent, null, false, [] or {}. */
  isActive?: (value: unknown) => boolean;
}

const memoryOn = (v: unknown) => isPlainObject(v) && v.enabled !== false;
const notDefault = (key: keyof typeof COORDINATION_DEFAULTS) => (v: unknown) =>
  JSON.stringify(v) !== JSON.stringify(COORDINATION_DEFAULTS[key]);

/** Every key of a feature that is not built yet. */
export const UNSUPPORTED_KEYS: readonly UnsupportedKey[] = [
  { block: 'top', key: 'memory', feature: 'memory', isActive: memoryOn },
  { block: 'top', key: 'session_id', feature: 'sessions' },
  { block: 'agent', key: 'memory', feature: 'memory', isActive: memoryOn },
  { block: 'backend', key: 'mcp_servers', feature: 'MCP tools' },
  { block: 'backend', key: 'max_mcp_message_history', feature: 'MCP tools' },
  { block: 'backend', key: 'custom_tools', feature: 'custom tools' },
  { block: 'backend', key: 'allowed_tools', feature: 'tool filtering' },
  { block: 'backend', key: 'exclude_tools', feature: 'tool filtering' },
  { block: 'backend', key: 'disallowed_tools', feature: 'tool filtering' },
  { block: 'backend', key: 'enable_web_search', feature: 'provider-native web search' },
  { block: 'backend', key: 'enable_code_execution', feature: 'provider-native code execution' },
  { block: 'backend', key: 'enable_code_interpreter', feature: 'provider-native code interpreter' },
  { block: 'backend', key: 'cwd', feature: 'agent workspaces and filesystem tools' },
  { block: 'backend', key: 'context_paths', feature: 'context paths' },
  { block: 'backend', key: 'enforce_read_before_delete', feature: 'filesystem tools' },
  { block: 'backend', key: 'enable_mcp_command_line', feature: 'command-line execution' },
  { block: 'backend', key: 'command_line_*', feature: 'command-line execution' },
  { block: 'backend', key: 'enable_image_generation', feature: 'image generation' },
  { block: 'backend', key: 'enable_audio_generation', feature: 'audio generation' },
  { block: 'backend', key: 'enable_video_generation', feature: 'video generation' },
  { block: 'backend', key: 'enable_file_generation', feature: 'file generation' },
  { block: 'backend', key: 'upload_files', feature: 'file uploads' },
  { block: 'backend', key: 'permission_mode', feature: 'Claude Code permissions' },
  { block: 'backend', key: 'max_thinking_tokens', feature: 'Claude Code thinking budget' },
  { block: 'backend', key: 'agent_config', feature: 'AG2 agents' },
  { block: 'backend', key: 'group_config', feature: 'AG2 group chats' },
  { block: 'orchestrator', key: 'context_paths', feature: 'context paths' },
  { block: 'orchestrator', key: 'snapshot_storage', feature: 'workspace snapshots' },
  { block: 'orchestrator', key: 'agent_temporary_workspace', feature: 'workspace snapshots' },
  {
    block: 'orchestrator',
    key: 'dspy',
    feature: 'DSPy question paraphrasing',
    isActive: (v) => isPlainObject(v) && v.enabled === true,
  },
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

/** Agents of a raw config with the path MassGen prints for each (`agents[i]`, or `agent`). */
export function rawAgents(raw: Record<string, unknown>): Array<[string, unknown]> {
  if (Array.isArray(raw.agents)) return raw.agents.map((a, i) => [`agents[${i}]`, a]);
  return raw.agent !== undefined ? [['agent', raw.agent]] : [];
}

/**
 * One warning per unsupported feature a raw config switches on. Backends of a type that cannot run at
 * all (claude_code, ag2, inference) are skipped: their `type` is already an error.
 */
export function unsupportedWarnings(raw: Record<string, unknown>, file: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  scan('top', raw, '', file, out);
  for (const [at, agent] of rawAgents(raw)) {
    if (!isPlainObject(agent)) continue;
    scan('agent', agent, at, file, out);
    const backend = agent.backend;
    if (isPlainObject(backend) && !isUnsupportedBackendType(effectiveBackendType(backend))) {
      scan('backend', backend, `${at}.backend`, file, out);
    }
  }
  const orchestrator = raw.orchestrator;
  scan('orchestrator', orchestrator, 'orchestrator', file, out);
  if (isPlainObject(orchestrator))
    scan('coordination', orchestrator.coordination, 'orchestrator.coordination', file, out);
  scan('ui', raw.ui ?? raw.display, raw.ui !== undefined ? 'ui' : 'display', file, out);
  return out;
}
