/**
 * Warnings for orchestration-mode keys that a config sets but its mode does not use:
 * `orchestrator.group_chat` in vote mode, and vote-only settings in group-chat mode.
 */
import type { ConfigIssue } from '../errors.js';
import { isPlainObject } from './schema-common.js';

/** Settings of vote mode that a group chat does not read: key path → whether the value is set. */
const VOTE_ONLY: Array<[path: string, isSet: (o: Record<string, unknown>) => boolean]> = [
  ['orchestrator.skip_coordination_rounds', (o) => o.skip_coordination_rounds === true],
  ['orchestrator.max_new_answers_per_agent', (o) => typeof o.max_new_answers_per_agent === 'number'],
  ['orchestrator.debug_final_answer', (o) => typeof o.debug_final_answer === 'string'],
  [
    'orchestrator.coordination.max_orchestration_restarts',
    (o) => isPlainObject(o.coordination) && Number(o.coordination.max_orchestration_restarts) > 0,
  ],
];

/** Mode warnings for a raw config. */
export function patternWarnings(raw: Record<string, unknown>, file: string): ConfigIssue[] {
  const orchestrator = raw.orchestrator;
  if (!isPlainObject(orchestrator)) return [];
  const out: ConfigIssue[] = [];
  if (orchestrator.mode === 'group_chat') {
    for (const [path, isSet] of VOTE_ONLY) {
      if (!isSet(orchestrator)) continue;
      out.push({
        file,
        path,
        message: `ignored: ${path} — it applies to \`mode: vote\`; a group chat has no answers to vote on`,
        suggestion: 'remove the key, or use `mode: vote`',
      });
    }
  } else if (orchestrator.group_chat !== undefined) {
    out.push({
      file,
      path: 'orchestrator.group_chat',
      message: 'ignored: orchestrator.group_chat — it is used only with `orchestrator.mode: group_chat`',
      suggestion:
        'add `mode: group_chat` to `orchestrator`, or remove `group_chat` (a team inside a voting run is an agent with `group_chat:`)',
    });
  }
  return out;
}
