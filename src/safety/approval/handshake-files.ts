/**
 * The files of the approval folder's handshake: `req_<id>.json` (what is asked, written by the run)
 * and `resp_<id>.json` (the decision, written by a person or a program), and how a response reads.
 */
import path from 'node:path';
import type { ApprovalDecision, ApprovalRequest, ApprovalScope } from '../../types/safety.js';

/** The request and response files of one request in `dir`. */
export function handshakeFiles(dir: string, id: string): { request: string; response: string } {
  return { request: path.join(dir, `req_${id}.json`), response: path.join(dir, `resp_${id}.json`) };
}

/** The text of a request file: what a script needs to decide, and where to answer. */
export function requestFileText(
  request: Omit<ApprovalRequest, 'signal'>,
  responseFile: string,
  timeoutMs: number,
  now: Date,
): string {
  return `${JSON.stringify(
    {
      id: request.id,
      agent: request.agentId,
      tool: request.toolName,
      risk: request.risk.level,
      open_world: request.risk.openWorld,
      risk_reason: request.risk.reason,
      reason: request.reason,
      arguments: request.input ?? null,
      response_file: responseFile,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + timeoutMs).toISOString(),
    },
    null,
    2,
  )}\n`;
}

const SCOPES: readonly ApprovalScope[] = ['once', 'session', 'always'];

/** A response read: the decision, or what is wrong with the file. */
export type ParsedResponse = { decision: ApprovalDecision } | { problem: string };

/** Reads a response file's text: `{"approved": bool, "scope"?: once|session|always, "feedback"?: string}`. */
export function parseResponse(text: string): ParsedResponse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: text.trim() === '' ? 'it is empty' : 'it is not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { problem: 'it is not a JSON object' };
  }
  const { approved, scope = 'once', feedback } = data as Record<string, unknown>;
  if (typeof approved !== 'boolean') return { problem: '"approved" must be true or false' };
  if (typeof scope !== 'string' || !SCOPES.includes(scope as ApprovalScope)) {
    return { problem: '"scope" must be "once", "session" or "always"' };
  }
  if (feedback !== undefined && feedback !== null && typeof feedback !== 'string') {
    return { problem: '"feedback" must be a string' };
  }
  return {
    decision: {
      approved,
      scope: scope as ApprovalScope,
      by: 'file',
      ...(typeof feedback === 'string' && feedback.trim() ? { feedback } : {}),
    },
  };
}
