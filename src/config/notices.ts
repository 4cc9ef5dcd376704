/**
 * Warnings for keys that are read under another name or ignored on purpose (not missing features:
 * those are in `unsupported.ts`).
 */
import type { ConfigIssue } from '../errors.js';
import { patternWarnings } from './pattern-notices.js';
import { isPlainObject } from './schema-common.js';
import { rawAgents } from './unsupported.js';

/** Alias and ignored-key warnings for a raw config. */
export function noticeWarnings(raw: Record<string, unknown>, file: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const warn = (path: string, message: string, suggestion: string) =>
    out.push({ file, path, message, suggestion });
  if (raw.display !== undefined && raw.ui === undefined) {
    warn(
      'display',
      '`display` is read as `ui` (MassGen itself only reads `ui`)',
      'rename `display:` to `ui:`',
    );
  }
  for (const [at, agent] of rawAgents(raw)) {
    if (isPlainObject(agent) && typeof agent.append_system_prompt === 'string') {
      warn(
        `${at}.append_system_prompt`,
        "`append_system_prompt` is a Claude Code option; MassGen-TS appends it to the agent's `system_message`",
        'move the text into `system_message`',
      );
    }
  }
  const orchestrator = raw.orchestrator;
  if (isPlainObject(orchestrator)) {
    if (orchestrator.timeout !== undefined) {
      warn(
        'orchestrator.timeout',
        'ignored: orchestrator.timeout — the run deadline is read from top-level `timeout_settings` (as in MassGen)',
        'move the value to `timeout_settings.orchestrator_timeout_seconds`',
      );
    }
    if (orchestrator.session_storage !== undefined) {
      warn(
        'orchestrator.session_storage',
        'ignored: orchestrator.session_storage — sessions are always stored under .massgen/sessions (as in MassGen)',
        'remove the key',
      );
    }
  }
  out.push(...patternWarnings(raw, file));
  return out;
}
