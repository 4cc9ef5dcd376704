/**
 * Who answers one agent's `ask` calls: its approval folder (the run's, else its
 * `permissions.approval_dir`, checked now: a folder that cannot be written is a ConfigError before the
 * run), nobody with `approval_mode: policy`, else the run's port.
 */
import { ConfigError } from '../../errors.js';
import type { EventInput } from '../../events/types.js';
import type { ApprovalPort } from '../../types/safety.js';
import type { AgentPolicy } from '../policy/agent-policy.js';
import { checkApprovalFolder } from './approval-folder.js';
import { folderApprovalPort } from './folder-port.js';

/**
 * The agent's own port (`false`: nobody is asked), or undefined: the run's port answers. `runDir` is
 * the run's approval folder (it beats the agent's); `where` names the agent's backend for messages;
 * `report` carries the folder's events.
 */
export function agentApprovalPort(
  policy: AgentPolicy,
  runDir: string | undefined,
  where: { file: string; at: string },
  report: (event: EventInput) => void,
): ApprovalPort | false | undefined {
  const dir = runDir ?? policy.approvalDir;
  const key = `${where.at}.permissions`;
  if (dir) {
    checkApprovalFolder(
      dir,
      runDir
        ? { file: 'the approvalDir option', path: '' }
        : { file: where.file, path: `${key}.approval_dir` },
    );
    return folderApprovalPort({ dir, timeoutMs: policy.approvalTimeoutMs, report });
  }
  if (policy.approvalMode === 'file') {
    throw new ConfigError(`${where.file}: ${key}.approval_mode is "file" but no approval folder is given`, [
      {
        file: where.file,
        path: `${key}.approval_mode`,
        message: 'approval_mode "file" needs an approval folder',
        suggestion: `set ${key}.approval_dir, or run with --approval-dir DIR`,
      },
    ]);
  }
  return policy.approvalMode === 'policy' ? false : undefined;
}
