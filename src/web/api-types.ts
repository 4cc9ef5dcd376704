/**
 * The JSON shapes of the HTTP API (README, "Web UI and HTTP API"): types only, shared by the server
 * and the web page, which imports them without any server code.
 */
import type { AgentState } from '../events/status-file.js';
import type { RunStatus } from '../events/types.js';
import type { ApprovalRequest, ApprovalScope } from '../types/safety.js';

/** How a run stands: under way, or how it ended. */
export type RunViewStatus = 'running' | RunStatus;

/** One agent of a run. */
export interface RunAgentView {
  id: string;
  model?: string;
  status: AgentState;
}

/** `GET /api/runs/:id`. */
export interface RunDetail {
  id: string;
  status: RunViewStatus;
  question: string;
  winner?: string;
  agents: RunAgentView[];
  /** Every answer given, in order. */
  answers: Array<{ agentId: string; label: string; text: string }>;
  /** Every vote cast, in order. */
  votes: Array<{ agentId: string; votedFor: string; reason: string }>;
  finalAnswer?: string;
  /** Input plus output tokens of every model call. */
  tokens?: number;
  costUsd?: number;
  /** ISO time of `run-start`. */
  startedAt: string;
  durationMs?: number;
  /** The session the run is a turn of. */
  sessionId?: string;
  error?: string;
  /**
   * The files the presenter's generation tools made, in its final workspace (set by the final
   * answer when the presenter has a workspace): each served at its `url`.
   */
  generatedFiles?: GeneratedFileView[];
}

/** A file a generation tool made (`generate_image`, `generate_speech`, `generate_media`, …). */
export interface GeneratedMedia {
  /** The agent whose tool made it. */
  agentId: string;
  /** Its path in the agent's workspace (`/` separators). */
  path: string;
  mode: 'image' | 'audio' | 'video';
  /** The IANA media type the tool reported (`image/png`, `audio/mpeg`, …). */
  mediaType: string;
  bytes: number;
}

/** A generated file of the final workspace, with the address it is served at. */
export interface GeneratedFileView extends GeneratedMedia {
  /** `/api/runs/<id>/workspace/final/<path>` (add `?token=` when the server wants one). */
  url: string;
}

/** One row of `GET /api/runs`. */
export interface RunSummary {
  id: string;
  question: string;
  status: RunViewStatus;
  winner?: string;
  startedAt: string;
  durationMs?: number;
  tokens?: number;
  costUsd?: number;
  agents: string[];
  /** Whether the run is under way in this server. */
  live: boolean;
  sessionId?: string;
}

/** A file of a workspace: its path inside it (`/` separators) and size in bytes. */
export interface WorkspaceFile {
  path: string;
  size: number;
}

/** `GET /api/runs/:id/workspace`. */
export interface WorkspaceListing {
  agents: Array<{ agentId: string; snapshots: Array<{ name: string; files: WorkspaceFile[] }> }>;
  final?: { files: WorkspaceFile[] };
}

/** A pending request as the API lists it. */
export interface PendingApproval {
  /** Unique in the server. */
  id: string;
  /** The run's API id. */
  runId: string;
  /** The request id of the run's `approval-request` event. */
  requestId: string;
  agentId: string;
  toolName: string;
  input: unknown;
  risk: ApprovalRequest['risk'];
  reason: string;
}

/** A person's answer. */
export interface ApprovalAnswer {
  approved: boolean;
  scope: ApprovalScope;
  feedback?: string;
}
