/** The JSON the server's API answers with (see README, "Web UI and HTTP API"). */

export type {
  GeneratedFileView,
  GeneratedMedia,
  RunDetail,
  RunSummary,
  RunViewStatus as RunStatus,
  WorkspaceFile,
  WorkspaceListing,
} from '../../../src/web/api-types.js';

/** One config the server offers (`GET /api/configs`). */
export interface ConfigEntry {
  name: string;
  path?: string;
  example: boolean;
}

/** A config error as `massgen --validate` words it. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** `POST /api/configs/validate`. */
export type ValidateResult = { ok: true } | { ok: false; errors: ConfigIssue[] };

/** Which config a run uses: exactly one of the three. */
export type ConfigChoice = { example: string } | { configPath: string } | { config: object };

export type { ApprovalScope } from '../../../src/types/safety.js';
/** A pending approval (`GET /api/approvals`). */
export type { PendingApproval as ApprovalInfo } from '../../../src/web/api-types.js';
