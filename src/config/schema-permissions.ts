/**
 * Schema of an agent's `backend.permissions` block, as MassGen v0.1.97 puts it: `enabled`,
 * `automation_default`, `role`, `rules {allow, ask, deny}`, `audit`, `max_consecutive_auto`,
 * `persist_approvals`, `settings_path`, `approval_mode`, `approval_dir`, `approval_timeout` (seconds
 * a request of the approval folder waits; default 300); and `allow_network` (lets
 * the agent's commands reach the network). `permissions: false` turns the safety checks off for the
 * agent. Rule patterns are checked here, so a bad one is reported with its key path.
 */
import { z } from 'zod';
import { readPattern } from '../safety/policy/pattern.js';
import { nonEmptyString, positiveInt, timeoutSeconds } from './schema-common.js';

/** What an `ask` resolves to when no human can answer (`--automation`). */
export const AUTOMATION_DEFAULTS = ['deny-all', 'allow-all', 'risk-based'] as const;
/** Role presets: `read-only` (alias `researcher`) denies writes, commands and irreversible tools. */
export const ROLES = ['read-only', 'researcher', 'read-write', 'implementer'] as const;

const pattern = nonEmptyString.superRefine((text, ctx) => {
  const parsed = readPattern(text);
  if (typeof parsed !== 'string') return;
  ctx.addIssue({
    code: 'custom',
    message: `bad pattern \`${text}\`: ${parsed}`,
    params: { suggestion: 'write a tool name with `*` globs, optionally followed by `(glob)`' },
  });
});

const rulesSchema = z.strictObject({
  allow: z.array(pattern).optional(),
  ask: z.array(pattern).optional(),
  deny: z.array(pattern).optional(),
});

export const permissionsObjectSchema = z.strictObject({
  enabled: z.boolean().optional(),
  automation_default: z.enum(AUTOMATION_DEFAULTS).optional(),
  role: z.enum(ROLES).optional(),
  rules: rulesSchema.optional(),
  audit: z.boolean().optional(),
  max_consecutive_auto: positiveInt.optional(),
  persist_approvals: z.boolean().optional(),
  settings_path: nonEmptyString.optional(),
  approval_mode: z.enum(['policy', 'file']).optional(),
  approval_dir: nonEmptyString.optional(),
  approval_timeout: timeoutSeconds.optional(),
  allow_network: z.boolean().optional(),
});

/** `permissions: true | false | {…}`. */
export const permissionsSchema = z.union([z.boolean(), permissionsObjectSchema]);

export type PermissionsConfig = z.infer<typeof permissionsObjectSchema>;
