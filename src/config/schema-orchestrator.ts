/**
 * Schema of the `orchestrator:` block (MassGen §1.9, §4.4) and of the top-level `timeout_settings:`
 * block. Defaults are filled in the output.
 */
import { z } from 'zod';
import { backendSchema, contextPathSchema } from './schema-backend.js';
import {
  always,
  fraction,
  nonEmptyString,
  positiveInt,
  strictness,
  stringList,
  timeoutSeconds,
} from './schema-common.js';
import { generationRoutingFields } from './schema-generation.js';
import { mediaInputSchema } from './schema-media.js';
import { groupChatSchema, ORCHESTRATION_MODES } from './schema-patterns.js';

/** Defaults of `orchestrator.coordination`; `unsupported.ts` warns about any other value. */
export const COORDINATION_DEFAULTS = {
  max_orchestration_restarts: 0,
  enable_planning_mode: false,
  enable_agent_task_planning: false,
  max_tasks_per_plan: 10,
  task_planning_filesystem_mode: false,
  enable_memory_filesystem_mode: false,
  use_skills: false,
  skills_directory: '.agent/skills',
  massgen_skills: [] as string[],
} as const;

/** `orchestrator.coordination`: restarts, planning, task planning, memory files, skills. */
export const coordinationSchema = z.strictObject({
  max_orchestration_restarts: z
    .number()
    .int()
    .min(0)
    .default(COORDINATION_DEFAULTS.max_orchestration_restarts),
  enable_planning_mode: z.boolean().default(COORDINATION_DEFAULTS.enable_planning_mode),
  planning_mode_instruction: z.string().optional(),
  enable_agent_task_planning: z.boolean().default(COORDINATION_DEFAULTS.enable_agent_task_planning),
  max_tasks_per_plan: positiveInt.default(COORDINATION_DEFAULTS.max_tasks_per_plan),
  task_planning_filesystem_mode: z.boolean().default(COORDINATION_DEFAULTS.task_planning_filesystem_mode),
  enable_memory_filesystem_mode: z.boolean().default(COORDINATION_DEFAULTS.enable_memory_filesystem_mode),
  use_skills: z.boolean().default(COORDINATION_DEFAULTS.use_skills),
  skills_directory: nonEmptyString.default(COORDINATION_DEFAULTS.skills_directory),
  massgen_skills: stringList.default(() => []),
});

/** `orchestrator.dspy.strategy`: how far paraphrases may move from the question's wording. */
export const PARAPHRASE_STRATEGIES = ['balanced', 'diverse', 'conservative', 'adaptive'] as const;

/**
 * `orchestrator.dspy`: question paraphrasing (MassGen's keys and defaults). Each agent gets the
 * question and one semantically equivalent variant of it; the presenter gets the question alone.
 */
export const dspySchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** The model that writes and checks the variants (any backend block). */
    backend: backendSchema.optional(),
    num_variants: positiveInt.default(3),
    strategy: z.enum(PARAPHRASE_STRATEGIES).default('balanced'),
    cache_enabled: z.boolean().default(true),
    /** Least confidence of the equivalence check for a variant to be kept. */
    semantic_threshold: fraction.default(0.85),
    use_chain_of_thought: z.boolean().default(false),
    validate_semantics: z.boolean().default(true),
    /** Temperatures the variants are written at (a `temperature` in `backend` fixes one for all). */
    temperature_range: z.tuple([z.number().min(0).max(2), z.number().min(0).max(2)]).default([0.3, 0.9]),
  })
  .superRefine((dspy, ctx) => {
    if (dspy.enabled && dspy.backend === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['backend'],
        message:
          'is required when paraphrasing is enabled: add `backend: { type: …, model: … }` (the model that writes the variants)',
      });
    }
    const [low, high] = dspy.temperature_range;
    if (low > high) {
      ctx.addIssue({
        code: 'custom',
        path: ['temperature_range'],
        message: `must be [lowest, highest], got [${low}, ${high}]: swap the two numbers`,
      });
    }
  }, always);

/** `orchestrator.dspy` with defaults filled. */
export type ParaphraseConfig = z.output<typeof dspySchema>;

/** The `orchestrator:` block. */
export const orchestratorSchema = z.strictObject({
  /** `vote` (parallel answers and votes) or `group_chat` (see schema-patterns.ts). */
  mode: z.enum(ORCHESTRATION_MODES).default('vote'),
  group_chat: groupChatSchema.prefault({}),
  voting_sensitivity: strictness.default('lenient'),
  answer_novelty_requirement: strictness.default('lenient'),
  max_new_answers_per_agent: positiveInt.nullable().default(null),
  skip_coordination_rounds: z.boolean().default(false),
  debug_final_answer: z.string().nullable().default(null),
  coordination: coordinationSchema.prefault({}),
  context_paths: z.array(contextPathSchema).optional(),
  snapshot_storage: nonEmptyString.optional(),
  agent_temporary_workspace: nonEmptyString.optional(),
  /** Largest workspace (apparent bytes of its files) snapshotted with an answer; default 1 GiB. */
  max_workspace_bytes: positiveInt.optional(),
  session_storage: nonEmptyString.optional(),
  timeout: z.strictObject({ orchestrator_timeout_seconds: timeoutSeconds.optional() }).optional(),
  dspy: dspySchema.optional(),
  /** How attachments are converted for agents that cannot take them natively (schema-media.ts). */
  media_input: mediaInputSchema.optional(),
  /** Every agent's `enable_multimodal_tools` and generation routing, unless its backend sets them. */
  enable_multimodal_tools: z.boolean().optional(),
  ...generationRoutingFields,
});

/** Default whole-run deadline in seconds (MassGen's `orchestrator_timeout_seconds`). */
export const DEFAULT_ORCHESTRATOR_TIMEOUT_SECONDS = 1800;
/** Default per-agent execution limit in seconds (a MassGen-TS extension). */
export const DEFAULT_AGENT_TIMEOUT_SECONDS = 600;

/** Default per-call limit of a tool in seconds (MassGen's MCP tool timeout). */
export const DEFAULT_TOOL_TIMEOUT_SECONDS = 30;

/** Top-level `timeout_settings:`. */
export const timeoutSettingsSchema = z.strictObject({
  orchestrator_timeout_seconds: timeoutSeconds.default(DEFAULT_ORCHESTRATOR_TIMEOUT_SECONDS),
  agent_timeout_seconds: timeoutSeconds.default(DEFAULT_AGENT_TIMEOUT_SECONDS),
  /**
   * Per-call limit of custom and MCP tools (default {@link DEFAULT_TOOL_TIMEOUT_SECONDS}); a tool
   * entry's `timeout_seconds` overrides it.
   */
  tool_timeout_seconds: timeoutSeconds.optional(),
});
