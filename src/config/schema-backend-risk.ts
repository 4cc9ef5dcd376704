/**
 * Declared risk of tools (see src/safety/risk/): `tool_risk` on a backend (tool names as the model
 * sees them, `mcp__github__create_*`) and on an MCP server (the server's own tool names), and an MCP
 * server's `trusted: true`, which lets its tool annotations (`readOnlyHint`, `destructiveHint`, …)
 * count. A declaration is a level, or `{ level, open_world }`.
 */
import { z } from 'zod';
import { nonEmptyString } from './schema-common.js';

/** The risk levels a declaration may give. */
export const RISK_LEVELS = ['read-only', 'reversible', 'irreversible', 'unknown'] as const;

/** One declared risk. */
export const riskDeclarationSchema = z
  .union([z.string(), z.strictObject({ level: z.enum(RISK_LEVELS), open_world: z.boolean().optional() })])
  .superRefine((value, ctx) => {
    if (typeof value !== 'string' || (RISK_LEVELS as readonly string[]).includes(value)) return;
    ctx.addIssue({
      code: 'custom',
      message: `\`${value}\` is not a risk level`,
      params: { suggestion: `use one of ${RISK_LEVELS.join(', ')}, or { level, open_world }` },
    });
  })
  .transform(
    (value) =>
      value as (typeof RISK_LEVELS)[number] | { level: (typeof RISK_LEVELS)[number]; open_world?: boolean },
  );

/** `tool_risk`: tool name patterns (`*` matches any run of characters) → declared risk. */
export const toolRiskSchema = z.record(nonEmptyString, riskDeclarationSchema);

/** A `tool_risk` map after validation. */
export type ToolRiskConfig = z.output<typeof toolRiskSchema>;
