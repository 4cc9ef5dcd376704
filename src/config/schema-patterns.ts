/**
 * Schema of the group-chat orchestration patterns: `orchestrator.mode` and `orchestrator.group_chat`
 * (a group chat over the top-level agents), the agent-level `group_chat` (a team standing as one
 * agent) and `nested_chat` (an agent whose turn runs an inner chat). Cross-field rules that need the
 * whole config (agent names) are in {@link checkGroupChatMode}; the agent-level rules in
 * {@link checkChatAgent}.
 */
import { z } from 'zod';
import { backendSchema } from './schema-backend.js';
import { always, isPlainObject, nonEmptyString, positiveInt } from './schema-common.js';
import { didYouMean } from './suggest.js';

/** `orchestrator.mode`: parallel answers and votes, or a group chat. */
export const ORCHESTRATION_MODES = ['vote', 'group_chat'] as const;
/** `group_chat.pattern`: fixed speaking order, or a speaker chosen by an LLM before each turn. */
export const CHAT_PATTERNS = ['round_robin', 'auto'] as const;
/** `summary_method`: the chat's result is its last message, or a summary written by an LLM. */
export const SUMMARY_METHODS = ['last_message', 'llm_summary'] as const;
/** The name of the agent itself in a `nested_chat.sequence`. */
export const SELF = 'self';

type RefinementCtx = z.core.$RefinementCtx<unknown>;

function addIssue(ctx: RefinementCtx, path: PropertyKey[], message: string, suggestion: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { suggestion } });
}

/** One member of a team or of a nested chat, defined inline. */
export const chatMemberSchema = z.strictObject({
  id: nonEmptyString,
  description: z.string().optional(),
  backend: backendSchema,
  system_message: z.string().optional(),
});

/** The keys shared by `orchestrator.group_chat` and an agent's `group_chat`. */
const groupChatShape = {
  pattern: z.enum(CHAT_PATTERNS).default('round_robin'),
  max_rounds: positiveInt.default(3),
  /** `null` switches termination by keyword off. */
  termination_keyword: nonEmptyString.nullable().default('TERMINATE'),
  initial_agent: nonEmptyString.optional(),
  selector: backendSchema.optional(),
  summary_method: z.enum(SUMMARY_METHODS).default('last_message'),
  summary_agent: nonEmptyString.optional(),
};

/** `selector` only makes sense with `pattern: auto`. */
function checkSelector(block: Record<string, unknown>, ctx: RefinementCtx): void {
  if (block.selector !== undefined && (block.pattern ?? 'round_robin') === 'round_robin') {
    addIssue(
      ctx,
      ['selector'],
      `\`selector\` is only used by \`pattern: auto\` (this chat is \`round_robin\`)`,
      'remove `selector`, or set `pattern: auto`',
    );
  }
}

/** Checks that `block[key]` names one of `names`. */
function checkName(
  block: Record<string, unknown>,
  key: string,
  names: readonly string[],
  ctx: RefinementCtx,
): void {
  const value = block[key];
  if (typeof value !== 'string' || names.includes(value)) return;
  addIssue(
    ctx,
    [key],
    `\`${key}\` names \`${value}\`, which is not an agent of this chat`,
    didYouMean(value, names, 'agents of this chat'),
  );
}

/** Ids of a raw member list (entries without a string id are reported by the schema). */
function memberIds(members: unknown): string[] {
  if (!Array.isArray(members)) return [];
  return members.flatMap((m) => (isPlainObject(m) && typeof m.id === 'string' ? [m.id] : []));
}

function checkUniqueIds(members: unknown, ctx: RefinementCtx, reserved: readonly string[] = []): void {
  if (!Array.isArray(members)) return;
  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    if (!isPlainObject(m) || typeof m.id !== 'string') return;
    if (reserved.includes(m.id)) {
      addIssue(ctx, ['agents', i, 'id'], `\`${m.id}\` is reserved here`, 'give the agent another `id`');
      return;
    }
    const first = seen.get(m.id);
    if (first === undefined) seen.set(m.id, i);
    else
      addIssue(
        ctx,
        ['agents', i, 'id'],
        `duplicate agent id \`${m.id}\`: agents[${first}] has it too`,
        'give every agent of the chat a unique `id`',
      );
  });
}

/** `orchestrator.group_chat`: a group chat over the top-level agents (`orchestrator.mode: group_chat`). */
export const groupChatSchema = z.strictObject(groupChatShape).superRefine((block, ctx) => {
  if (isPlainObject(block)) checkSelector(block, ctx);
}, always);

/** An agent's `group_chat`: a team of inline agents that stands as one agent. */
export const teamSchema = z
  .strictObject({ ...groupChatShape, agents: z.array(chatMemberSchema).min(2) })
  .superRefine((block, ctx) => {
    if (!isPlainObject(block)) return;
    checkSelector(block, ctx);
    checkUniqueIds(block.agents, ctx);
    const ids = memberIds(block.agents);
    if (ids.length === 0) return;
    checkName(block, 'initial_agent', ids, ctx);
    checkName(block, 'summary_agent', ids, ctx);
  }, always);

/** An agent's `nested_chat`: its turn runs `sequence` among itself (`self`) and the inline agents. */
export const nestedChatSchema = z
  .strictObject({
    sequence: z.array(nonEmptyString).min(1),
    agents: z.array(chatMemberSchema).default(() => []),
    summary_method: z.enum(SUMMARY_METHODS).default('last_message'),
  })
  .superRefine((block, ctx) => {
    if (!isPlainObject(block)) return;
    checkUniqueIds(block.agents, ctx, [SELF]);
    if (!Array.isArray(block.sequence)) return;
    const names = [SELF, ...memberIds(block.agents)];
    block.sequence.forEach((name, i) => {
      if (typeof name !== 'string' || names.includes(name)) return;
      addIssue(
        ctx,
        ['sequence', i],
        `\`${name}\` is neither \`self\` nor an agent of \`nested_chat.agents\``,
        didYouMean(name, names, 'valid names'),
      );
    });
  }, always);

/** Agent-level rules: `backend` xor `group_chat`, `nested_chat` needs the agent's own backend. */
export function checkChatAgent(agent: unknown, ctx: RefinementCtx): void {
  if (!isPlainObject(agent)) return;
  const team = agent.group_chat !== undefined;
  if (team && agent.backend !== undefined) {
    addIssue(
      ctx,
      ['backend'],
      '`backend` and `group_chat` together: a group-chat agent runs on the backends of its members',
      'remove `backend` (each agent in `group_chat.agents` has its own), or remove `group_chat`',
    );
  }
  if (team && agent.nested_chat !== undefined) {
    addIssue(
      ctx,
      ['nested_chat'],
      '`nested_chat` and `group_chat` together: an agent is either a team or runs a nested chat',
      'keep one of them; a team member cannot run a nested chat',
    );
  }
  if (!team && agent.backend === undefined) {
    addIssue(
      ctx,
      ['backend'],
      'missing required key `backend`',
      'add `backend:` (a mapping with `type:` and `model:`), or `group_chat:` with member agents',
    );
  }
  const nested = agent.nested_chat;
  if (isPlainObject(nested) && typeof agent.id === 'string' && Array.isArray(nested.agents)) {
    nested.agents.forEach((m, i) => {
      if (isPlainObject(m) && m.id === agent.id) {
        addIssue(
          ctx,
          ['nested_chat', 'agents', i, 'id'],
          `\`${agent.id}\` is the agent itself; in \`sequence\` it is called \`self\``,
          'give the inner agent another `id`',
        );
      }
    });
  }
}

/** Agent ids of a raw config, defaults included (`agent{i}`), in config order. */
function topAgentIds(config: Record<string, unknown>): string[] {
  const agents = Array.isArray(config.agents)
    ? config.agents
    : config.agent !== undefined
      ? [config.agent]
      : [];
  return agents.map((a: unknown, i) =>
    isPlainObject(a) && typeof a.id === 'string' ? a.id : `agent${i + 1}`,
  );
}

/**
 * Whole-config rules of `orchestrator.mode: group_chat`: enough agents, and `initial_agent` /
 * `summary_agent` naming top-level agents.
 */
export function checkGroupChatMode(config: Record<string, unknown>, ctx: RefinementCtx): void {
  const orchestrator = config.orchestrator;
  if (!isPlainObject(orchestrator)) return;
  const ids = topAgentIds(config);
  if (orchestrator.mode === 'group_chat' && ids.length < 2) {
    addIssue(
      ctx,
      ['orchestrator', 'mode'],
      `\`mode: group_chat\` needs at least 2 agents to talk to each other; the config has ${ids.length}`,
      `add agents to \`agents:\`, or use \`mode: vote\` (one agent can also be a team: an agent with \`group_chat:\`)`,
    );
  }
  const block = orchestrator.group_chat;
  if (!isPlainObject(block) || ids.length === 0) return;
  const prefix = ['orchestrator', 'group_chat'];
  for (const key of ['initial_agent', 'summary_agent']) {
    const value = block[key];
    if (typeof value !== 'string' || ids.includes(value)) continue;
    addIssue(
      ctx,
      [...prefix, key],
      `\`${key}\` names \`${value}\`, which is not an agent id`,
      didYouMean(value, ids, 'agent ids'),
    );
  }
}

/**
 * The backend blocks inside an agent's raw `group_chat` / `nested_chat` (members and selector), with
 * their key paths, so per-backend checks (unsupported keys) reach them too.
 */
export function chatBackends(agent: Record<string, unknown>, at: string): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const key of ['group_chat', 'nested_chat']) {
    const block = agent[key];
    if (!isPlainObject(block)) continue;
    if (Array.isArray(block.agents)) {
      block.agents.forEach((m, i) => {
        if (isPlainObject(m)) out.push([`${at}.${key}.agents[${i}].backend`, m.backend]);
      });
    }
    if (block.selector !== undefined) out.push([`${at}.${key}.selector`, block.selector]);
  }
  return out;
}
