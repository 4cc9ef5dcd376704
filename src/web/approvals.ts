/**
 * Tool calls waiting for a person: each run's approval port parks its requests here until
 * `POST /api/approvals/:id` answers them, or the run stops waiting (its signal aborts).
 */
import type { ApprovalDecision, ApprovalPort } from '../types/safety.js';
import type { ApprovalAnswer, PendingApproval } from './api-types.js';

export type { ApprovalAnswer, PendingApproval };

export class ApprovalBroker {
  private readonly pending = new Map<
    string,
    { info: PendingApproval; resolve: (decision: ApprovalDecision) => void }
  >();
  private count = 0;

  /** The approval port of one run. */
  portFor(runId: () => string): ApprovalPort {
    return (request) =>
      new Promise<ApprovalDecision>((resolve) => {
        const id = `apr_${++this.count}`;
        const info: PendingApproval = {
          id,
          runId: runId(),
          requestId: request.id,
          agentId: request.agentId,
          toolName: request.toolName,
          input: request.input,
          risk: request.risk,
          reason: request.reason,
        };
        let timer: NodeJS.Timeout | undefined;
        const settle = (decision: ApprovalDecision) => {
          clearTimeout(timer);
          request.signal.removeEventListener('abort', stop);
          this.pending.delete(id);
          resolve(decision);
        };
        const deny = (feedback: string) =>
          settle({ approved: false, scope: 'once', by: 'timeout', feedback });
        function stop() {
          deny('the run stopped waiting');
        }
        if (request.signal.aborted) return stop();
        request.signal.addEventListener('abort', stop, { once: true });
        if (request.timeoutMs !== undefined) {
          const seconds = request.timeoutMs / 1000;
          timer = setTimeout(
            () => deny(`nobody answered within ${seconds} s (permissions.approval_timeout)`),
            request.timeoutMs,
          );
        }
        this.pending.set(id, { info, resolve: settle });
      });
  }

  /** Every pending request, oldest first. */
  list(): PendingApproval[] {
    return [...this.pending.values()].map((p) => p.info);
  }

  /** Answers a pending request; false when there is none with that id. */
  answer(id: string, answer: ApprovalAnswer): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    entry.resolve({
      approved: answer.approved,
      scope: answer.scope,
      by: 'human',
      ...(answer.feedback ? { feedback: answer.feedback } : {}),
    });
    return true;
  }
}
