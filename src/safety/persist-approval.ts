/** An `always` approval written into the agent's policy file as an allow rule, said as a notice. */
import { errorText } from '../error-text.js';
import type { EventInput } from '../events/types.js';
import type { ToolCallRequest } from '../types/agent-tools.js';
import { GLOB_CHARS, primaryArgument } from './policy/pattern.js';
import { appendAllowRule } from './policy/policy-file.js';

/**
 * Appends the rule `tool(primary argument)` (or `tool`) to `file`. An argument with glob characters
 * cannot be written as an exact rule, and a write that fails leaves the approval for this run only;
 * both are said in a warning.
 */
export function persistApproval(
  file: string,
  call: ToolCallRequest,
  agentId: string,
  emit: (event: EventInput) => void,
): void {
  const notice = (level: 'info' | 'warning', message: string) =>
    emit({ type: 'notice', level, agentId, message });
  const primary = primaryArgument(call.input);
  if (primary && GLOB_CHARS.test(primary.value)) {
    notice(
      'warning',
      `The "always" approval of ${call.toolName} holds for this run only: its argument has glob characters, so no exact rule can be written to ${file}.`,
    );
    return;
  }
  const rule = primary ? `${call.toolName}(${primary.value})` : call.toolName;
  try {
    appendAllowRule(file, rule);
    notice('info', `Allow rule \`${rule}\` written to ${file}.`);
  } catch (error) {
    notice(
      'warning',
      `The "always" approval of ${call.toolName} could not be written to ${file} (${errorText(error)}); it holds for this run.`,
    );
  }
}
