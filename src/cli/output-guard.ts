/**
 * A reader that goes away (`massgen … | head`, `| grep -m1 LOG_DIR`) closes our stdout: writes then
 * fail with EPIPE, which Node raises as an uncaught error with a stack trace. The guard turns that
 * into a quiet state: later writes to the closed stream are dropped, and commands ask
 * {@link outputClosed} to stop early where nothing but printing is left to do. A run goes on to its
 * end, so its logs and status.json are complete.
 */
import type { Writable } from 'node:stream';

const closed = new WeakSet<Writable>();
const guarded = new WeakSet<Writable>();
const onClose = new WeakMap<Writable, AbortController>();

function isBrokenPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** Guards a stream: a broken pipe marks it closed and drops every later write. Idempotent. */
export function guardOutput(stream: Writable): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((...args: unknown[]) => {
    if (closed.has(stream)) {
      const callback = args.find((a): a is () => void => typeof a === 'function');
      callback?.();
      return true;
    }
    return write(...args);
  }) as Writable['write'];
  stream.on('error', (error) => {
    if (!isBrokenPipe(error)) throw error;
    closed.add(stream);
    onClose.get(stream)?.abort(new Error('output closed'));
  });
}

/** Guards the process's stdout and stderr. */
export function guardProcessOutput(): void {
  guardOutput(process.stdout);
  guardOutput(process.stderr);
}

/** Whether the stream's reader has gone away. */
export function outputClosed(stream: Writable = process.stdout): boolean {
  return closed.has(stream);
}

/** Aborts when the stream's reader goes away (the stream must be guarded). */
export function outputClosedSignal(stream: Writable = process.stdout): AbortSignal {
  let controller = onClose.get(stream);
  if (!controller) {
    controller = new AbortController();
    onClose.set(stream, controller);
    if (closed.has(stream)) controller.abort(new Error('output closed'));
  }
  return controller.signal;
}
