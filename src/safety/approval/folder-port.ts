/**
 * The approval folder (`--approval-dir DIR`, `permissions.approval_dir`): each request is written
 * atomically to `DIR/req_<id>.json`, and the decision is read from `DIR/resp_<id>.json` as soon as a
 * person or a program writes it (the folder is watched; checked once right after the watch starts).
 * No answer within the timeout is a denial (`by: 'timeout'`); a response that cannot be read or is
 * not valid is a denial too, with a warning naming the file. Both files are removed once decided,
 * so the folder only ever holds the requests still waiting. Aborting the request's signal ends the
 * wait at once.
 */
import { type FSWatcher, watch } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { errorText } from '../../error-text.js';
import { writeFileAtomic } from '../../events/atomic-write.js';
import type { EventInput } from '../../events/types.js';
import type { ApprovalDecision, ApprovalPort, ApprovalRequest } from '../../types/safety.js';
import { handshakeFiles, parseResponse, requestFileText } from './handshake-files.js';

/** Responses larger than this are not read (a decision is a few dozen bytes). */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** How often the folder is looked at when it cannot be watched. */
const POLL_MS = 1000;

export interface FolderPortOptions {
  /** The approval folder (it exists and can be written: see approval-folder.ts). */
  dir: string;
  /** How long a request waits for its response. */
  timeoutMs: number;
  /** Reports the request file once written (`approval-file`) and bad responses (`notice`). */
  report?: (event: EventInput) => void;
  /**
   * How long a response that does not parse yet may still be being written before it counts as
   * malformed; default 500 ms.
   */
  settleMs?: number;
  /** The clock of the request files; default `new Date()`. */
  now?: () => Date;
}

/** An approval port answered through the folder. */
export function folderApprovalPort(options: FolderPortOptions): ApprovalPort {
  return (request) => waitForResponse(request, options);
}

class ResponseTooLarge extends Error {}

/** The response file's text (at most {@link MAX_RESPONSE_BYTES}). */
async function readResponse(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_RESPONSE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_RESPONSE_BYTES) throw new ResponseTooLarge();
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function waitForResponse(request: ApprovalRequest, o: FolderPortOptions): Promise<ApprovalDecision> {
  const { signal } = request;
  signal.throwIfAborted();
  const files = handshakeFiles(o.dir, request.id);
  const responseName = path.basename(files.response);
  const timeoutMs = o.timeoutMs;
  const settleMs = o.settleMs ?? 500;
  const report = o.report ?? (() => {});
  // A response left from an earlier run of the same id is not this request's answer.
  await rm(files.response, { force: true });
  signal.throwIfAborted();

  return new Promise<ApprovalDecision>((resolve, reject) => {
    let done = false;
    let watcher: FSWatcher | undefined;
    let poll: NodeJS.Timeout | undefined;
    let settle: NodeJS.Timeout | undefined;
    let checking = false;
    let again = false;

    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      watcher?.close();
      clearInterval(poll);
      clearTimeout(settle);
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      void Promise.all([rm(files.request, { force: true }), rm(files.response, { force: true })])
        .catch(() => {})
        .then(outcome);
    };

    const malformed = (problem: string) => {
      report({
        type: 'notice',
        level: 'warning',
        agentId: request.agentId,
        message: `The approval response ${files.response} ${problem}: ${request.toolName} is denied. Write {"approved": true|false, "scope": "once"|"session"|"always", "feedback": "…"}.`,
      });
      finish(() =>
        resolve({
          approved: false,
          scope: 'once',
          by: 'file',
          feedback: `the approval response ${responseName} ${problem}, so the call is denied`,
        }),
      );
    };

    /** Reads the response once; `final`: a response that does not parse is malformed now. */
    const read = async (final: boolean) => {
      let text: string;
      try {
        text = await readResponse(files.response);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        if (done) return;
        malformed(
          error instanceof ResponseTooLarge
            ? `is larger than ${MAX_RESPONSE_BYTES / 1024} KiB`
            : `cannot be read (${errorText(error)})`,
        );
        return;
      }
      if (done) return;
      const parsed = parseResponse(text);
      if ('decision' in parsed) {
        const { decision } = parsed;
        finish(() => resolve(decision));
        return;
      }
      if (final) {
        malformed(`is not valid: ${parsed.problem}`);
        return;
      }
      // The writer may not be done yet: a later change is read again, and then it must be whole.
      clearTimeout(settle);
      settle = setTimeout(() => void read(true), settleMs);
    };

    const check = async () => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          await read(false);
        } while (again && !done);
      } finally {
        checking = false;
      }
    };

    const startPolling = () => {
      watcher?.close();
      watcher = undefined;
      poll ??= setInterval(() => void check(), POLL_MS);
    };

    const onAbort = () => finish(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () =>
        finish(() =>
          resolve({
            approved: false,
            scope: 'once',
            by: 'timeout',
            feedback: `no decision was written to ${responseName} within ${Number((timeoutMs / 1000).toFixed(1))} s, so the call is denied`,
          }),
        ),
      timeoutMs,
    );

    try {
      watcher = watch(o.dir, (_event, name) => {
        if (name === null || name.toString() === responseName) void check();
      });
      watcher.on('error', startPolling);
    } catch {
      startPolling();
    }

    const now = o.now?.() ?? new Date();
    writeFileAtomic(files.request, requestFileText(request, files.response, timeoutMs, now)).then(
      () => {
        // Decided (aborted, timed out) while it was being written: the request is no longer waiting.
        if (done) {
          void rm(files.request, { force: true }).catch(() => {});
          return;
        }
        report({
          type: 'approval-file',
          agentId: request.agentId,
          requestId: request.id,
          file: files.request,
          responseFile: files.response,
          expiresAt: now.getTime() + timeoutMs,
        });
        // An answer written before the watch began is seen now.
        void check();
      },
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
