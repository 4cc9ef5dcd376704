/** The JSON the server's API answers with (see README, "Web UI and HTTP API"). */
import type { ToolRisk } from '../../../src/types/safety.js';

export type RunStatus = 'running' | 'completed' | 'timeout' | 'interrupted' | 'failed';

/** One row of `GET /api/runs`. */
export interface RunSummary {
  id: string;
  question: string;
  status: RunStatus;
  winner?: string;
  startedAt: string;
  durationMs?: number;
  tokens?: number;
  costUsd?: number;
  agents: string[];
  live: boolean;
  sessionId?: string;
}

/** `GET /api/runs/:id`. */
export interface RunDetail {
  id: string;
  status: RunStatus;
  question: string;
  winner?: string;
  agents: Array<{ id: string; model?: string; status: string }>;
  answers: Array<{ agentId: string; label: string; text: string }>;
  votes: Array<{ agentId: string; votedFor: string; reason: string }>;
  finalAnswer?: string;
  tokens?: number;
  costUsd?: number;
  startedAt: string;
  durationMs?: number;
  sessionId?: string;
  error?: string;
}

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

/** A pending approval (`GET /api/approvals`). */
export interface ApprovalInfo {
  id: string;
  runId: string;
  requestId?: string;
  agentId: string;
  toolName: string;
  input: unknown;
  risk: ToolRisk;
  reason: string;
}

export type ApprovalScope = 'once' | 'session' | 'always';

/** One file of a workspace. */
export interface WorkspaceFile {
  path: string;
  size: number;
}

/** `GET /api/runs/:id/workspace`. */
export interface WorkspaceListing {
  agents: Array<{ agentId: string; snapshots: Array<{ name: string; files: WorkspaceFile[] }> }>;
  final?: { files: WorkspaceFile[] };
}
