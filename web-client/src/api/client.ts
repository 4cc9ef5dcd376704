/** Calls of the server's JSON API, with the access token; failures become {@link ApiError}s. */
import { accessToken, withToken } from './token.js';
import type {
  ApprovalInfo,
  ApprovalScope,
  ConfigChoice,
  ConfigEntry,
  RunDetail,
  RunSummary,
  ValidateResult,
  WorkspaceListing,
} from './types.js';

/** A request the server refused or could not answer; `message` is the server's own words. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

function headers(json: boolean): Record<string, string> {
  const h: Record<string, string> = {};
  const token = accessToken();
  if (token !== undefined) h.authorization = `Bearer ${token}`;
  if (json) h['content-type'] = 'application/json';
  return h;
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: headers(body !== undefined) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(url, init);
  const text = await res.text();
  let data: unknown;
  try {
    data = text === '' ? undefined : JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'http_error',
      error?.message ?? `${res.status} ${res.statusText}`,
    );
  }
  return data as T;
}

/** The text of a file (workspace previews), with the token. */
export async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { headers: headers(false) });
  if (!res.ok) throw new ApiError(res.status, 'http_error', `${res.status} ${res.statusText}`);
  return res.text();
}

export const api = {
  listRuns: (q?: string) =>
    call<{ runs: RunSummary[] }>('GET', q ? `/api/runs?q=${encodeURIComponent(q)}` : '/api/runs'),
  getRun: (id: string) => call<RunDetail>('GET', `/api/runs/${encodeURIComponent(id)}`),
  startRun: (
    body: ConfigChoice & {
      question: string;
      sessionId?: string;
      attachments?: Array<{ name: string; data: string }>;
    },
  ) => call<{ id: string }>('POST', '/api/runs', body),
  cancelRun: (id: string) =>
    call<{ id: string; status: string }>('POST', `/api/runs/${encodeURIComponent(id)}/cancel`),
  listConfigs: () => call<{ configs: ConfigEntry[] }>('GET', '/api/configs'),
  validate: (body: { configPath?: string; yaml?: string; config?: object }) =>
    call<ValidateResult>('POST', '/api/configs/validate', body),
  listApprovals: () => call<{ approvals: ApprovalInfo[] }>('GET', '/api/approvals'),
  decide: (id: string, body: { approved: boolean; scope: ApprovalScope; feedback?: string }) =>
    call<{ ok: true }>('POST', `/api/approvals/${encodeURIComponent(id)}`, body),
  workspace: (id: string) => call<WorkspaceListing>('GET', `/api/runs/${encodeURIComponent(id)}/workspace`),
};

/** The address of a workspace file: `final/<path>` or `<agentId>/<snapshot>/<path>`. */
export function workspaceFileUrl(runId: string, parts: string[], file: string): string {
  const segments = [...parts, ...file.split('/')].map(encodeURIComponent).join('/');
  return withToken(`/api/runs/${encodeURIComponent(runId)}/workspace/${segments}`);
}
