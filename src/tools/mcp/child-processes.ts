/**
 * MCP server processes still running. They are closed at the end of every run; this is the last
 * resort when the process exits without that (a second Ctrl-C, `process.exit`): each one is killed.
 */
const live = new Set<number>();
let hooked = false;

function killAll(): void {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  live.clear();
}

/** Remembers a server process until {@link forgetChild}. */
export function trackChild(pid: number | null): void {
  if (pid === null) return;
  live.add(pid);
  if (!hooked) {
    hooked = true;
    process.once('exit', killAll);
  }
}

/** The process ended or was closed. */
export function forgetChild(pid: number | null): void {
  if (pid !== null) live.delete(pid);
}

/** Pids of the server processes still open (for tests). */
export function liveChildren(): number[] {
  return [...live];
}
