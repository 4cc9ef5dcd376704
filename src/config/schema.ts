/**
 * The MassGen config schema: the single source of truth for which keys a config may hold, their
 * types, their defaults and the normalised shape the rest of MassGen-TS reads. Keys keep MassGen's
 * snake_case names so Python MassGen YAML files load unchanged.
 *
 * Normalisation done here: `agent:` → one-element `agents`; missing agent ids → `agent{i}` (1-based);
 * backend `type` inferred from `model`; default `model` from the catalog; `mcp_servers` map → list;
 * agent-level `append_system_prompt` appended to `system_message`; `ui.type` and top-level `display:`
 * read as `ui.display_type` and `ui:`; orchestrator, coordination, ui and timeout defaults filled.
 */
import { z } from 'zod';
import { backendSchema } from './schema-backend.js';
import { budgetSchema } from './schema-budget.js';
import { always, isPlainObject, nonEmptyString } from './schema-common.js';
import { memorySchema } from './schema-memory.js';
import { orchestratorSchema, timeoutSettingsSchema } from './schema-orchestrator.js';
import { checkChatAgent, checkGroupChatMode, nestedChatSchema, teamSchema } from './schema-patterns.js';
import { safetySchema } from './schema-safety.js';

export { backendSchema, contextPathSchema, customToolSchema, mcpServerSchema } from './schema-backend.js';
export { memorySchema } from './schema-memory.js';
export {
  COORDINATION_DEFAULTS,
  coordinationSchema,
  DEFAULT_AGENT_TIMEOUT_SECONDS,
  DEFAULT_ORCHESTRATOR_TIMEOUT_SECONDS,
  dspySchema,
  orchestratorSchema,
  timeoutSettingsSchema,
} from './schema-orchestrator.js';
export {
  CHAT_PATTERNS,
  chatMemberSchema,
  groupChatSchema,
  nestedChatSchema,
  ORCHESTRATION_MODES,
  SUMMARY_METHODS,
  teamSchema,
} from './schema-patterns.js';

/** Display modes: `ui.display_type`. */
export const DISPLAY_TYPES = ['rich_terminal', 'simple', 'terminal', 'silent'] as const;

/**
 * One agent. `append_system_prompt` (a Claude Code option some configs put here) joins
 * `system_message`. An agent with `group_chat` (a team) has no `backend` of its own; its normalised
 * `backend` is that of the team member who writes the team's replies (`summary_agent`, else the first
 * member), so `backend` is always set in the output.
 */
export const agentSchema = z
  .strictObject({
    id: nonEmptyString.optional(),
    /** Role description, shown to the other speakers and to the speaker selector of a group chat. */
    description: z.string().optional(),
    backend: backendSchema.optional(),
    system_message: z.string().optional(),
    append_system_prompt: z.string().optional(),
    memory: memorySchema.optional(),
    group_chat: teamSchema.optional(),
    nested_chat: nestedChatSchema.optional(),
  })
  .superRefine(checkChatAgent, always)
  .transform(({ append_system_prompt, backend, ...agent }) => {
    const team = agent.group_chat;
    const writer = team?.agents.find((m) => m.id === team.summary_agent) ?? team?.agents[0];
    const withBackend = { ...agent, backend: (backend ?? writer?.backend)! };
    if (append_system_prompt === undefined) return withBackend;
    const parts = [agent.system_message, append_system_prompt].filter((p) => p !== undefined && p !== '');
    return { ...withBackend, system_message: parts.join('\n\n') };
  });

/** The `ui:` block; `type` is accepted as another name for `display_type`. */
export const uiSchema = z
  .strictObject({
    display_type: z.enum(DISPLAY_TYPES).optional(),
    type: z.enum(DISPLAY_TYPES).optional(),
    logging_enabled: z.boolean().default(true),
    use_orchestrator_for_single_agent: z.boolean().default(true),
  })
  .superRefine((ui, ctx) => {
    if (!isPlainObject(ui)) return;
    if (ui.type !== undefined && ui.display_type !== undefined && ui.type !== ui.display_type) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `\`type\` (${ui.type}) and \`display_type\` (${ui.display_type}) disagree; \`type\` is another name for \`display_type\``,
        params: { suggestion: 'keep only `display_type`' },
      });
    }
  }, always)
  .transform(({ type, ...ui }) => ({ ...ui, display_type: ui.display_type ?? type ?? 'rich_terminal' }));

function checkTop(config: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isPlainObject(config)) return;
  const issue = (path: Array<string | number>, message: string, suggestion: string) =>
    ctx.addIssue({ code: 'custom', path, message, params: { suggestion } });
  if (config.agent !== undefined && config.agents !== undefined) {
    issue(
      ['agent'],
      'both `agent` and `agents` are given',
      'use `agents:` (a list) for several agents or `agent:` for one',
    );
  } else if (config.agent === undefined && config.agents === undefined) {
    issue(
      [],
      'no agents: the config needs `agents:` (a list) or `agent:` (a single agent)',
      'add `agents:` with at least one `- id: …` and `backend: {type: …, model: …}`',
    );
  }
  if (config.ui !== undefined && config.display !== undefined) {
    issue(
      ['display'],
      'both `ui` and `display` are given; `display` is another name for `ui`',
      'keep only `ui:`',
    );
  }
  checkGroupChatMode(config, ctx);
  if (!Array.isArray(config.agents)) return;
  const seen = new Map<string, number>();
  config.agents.forEach((agent: unknown, i) => {
    if (!isPlainObject(agent) || (agent.id !== undefined && typeof agent.id !== 'string')) return;
    const id = agent.id ?? `agent${i + 1}`;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      issue(
        ['agents', i, 'id'],
        `duplicate agent id \`${id}\`${agent.id === undefined ? ' (the default for an agent without id)' : ''}: agents[${first}] has it too`,
        'give every agent a unique `id`',
      );
  });
}

/** The whole config file. */
export const massGenConfigSchema = z
  .strictObject({
    agents: z.array(agentSchema).min(1).optional(),
    agent: agentSchema.optional(),
    orchestrator: orchestratorSchema.prefault({}),
    ui: uiSchema.optional(),
    display: uiSchema.optional(),
    timeout_settings: timeoutSettingsSchema.prefault({}),
    memory: memorySchema.optional(),
    safety: safetySchema.optional(),
    session_id: nonEmptyString.optional(),
    budget: budgetSchema.optional(),
  })
  .superRefine(checkTop, always)
  .transform(({ agent, agents, display, ui, orchestrator, timeout_settings, ...rest }) => ({
    agents: (agents ?? (agent ? [agent] : [])).map((a, i) => ({ ...a, id: a.id ?? `agent${i + 1}` })),
    orchestrator,
    ui: ui ?? display ?? uiSchema.parse({}),
    timeout_settings,
    ...rest,
  }));

/** A normalised config, as returned by `loadConfigFile` / `validateConfigObject`. */
export type MassGenConfig = z.output<typeof massGenConfigSchema>;
/** One agent: `{ id, backend, description?, system_message?, memory?, group_chat?, nested_chat? }`. */
export type AgentConfig = MassGenConfig['agents'][number];
/** A backend block; `type` and `model` are always set. */
export type BackendConfig = AgentConfig['backend'];
/** The `orchestrator:` block with defaults filled. */
export type OrchestratorConfig = MassGenConfig['orchestrator'];
/** `orchestrator.group_chat` with defaults filled. */
export type GroupChatConfig = OrchestratorConfig['group_chat'];
/** An agent's `group_chat` (a team standing as one agent). */
export type TeamConfig = NonNullable<AgentConfig['group_chat']>;
/** An agent's `nested_chat`. */
export type NestedChatConfig = NonNullable<AgentConfig['nested_chat']>;
/** One inline member of a team or nested chat. */
export type ChatMemberConfig = TeamConfig['agents'][number];
/** `orchestrator.coordination` with defaults filled. */
export type CoordinationConfig = OrchestratorConfig['coordination'];
/** Top-level `timeout_settings` with defaults filled. */
export type TimeoutSettings = MassGenConfig['timeout_settings'];
/** The `ui:` block with defaults filled. */
export type UiConfig = MassGenConfig['ui'];
/** A `memory:` block. */
export type MemoryConfig = z.output<typeof memorySchema>;
/** The `safety:` block. */
export type { SafetyConfig } from './schema-safety.js';
/** One MCP server entry (list form). */
export type McpServerConfig = NonNullable<BackendConfig['mcp_servers']>[number];
