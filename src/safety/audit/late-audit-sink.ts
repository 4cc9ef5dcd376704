/**
 * An {@link AuditSink} handed to the tools before the run's ledgers exist (they need the log folder,
 * opened after the tools are prepared): records are kept until `bind` gives it the real sink, then
 * passed on in order.
 */
import type { AuditRecord, AuditSink } from '../../types/safety.js';

/** A sink to bind later. */
export interface LateAuditSink extends AuditSink {
  /** Hands the kept records, then every later one, to `sink`. Once. */
  bind(sink: AuditSink): void;
}

/** Creates a sink that forwards to the one given to `bind`; `close` closes that one (if bound). */
export function lateAuditSink(): LateAuditSink {
  let target: AuditSink | undefined;
  let kept: AuditRecord[] = [];
  let closed = false;
  return {
    append(record) {
      if (closed) return;
      if (target) target.append(record);
      else kept.push(record);
    },
    bind(sink) {
      if (target) return;
      target = sink;
      for (const record of kept) sink.append(record);
      kept = [];
    },
    async close() {
      closed = true;
      kept = [];
      await target?.close();
    },
  };
}
