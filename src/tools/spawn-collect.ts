/**
 * Runs a program to its end and collects its output, with the limits every tool that starts a
 * process shares: a timeout, the caller's abort signal, a cap on the output kept, and a stop that
 * ends the whole process tree (the program and whatever it started, see process-tree.ts): SIGTERM,
 * then SIGKILL once a grace period has passed. When the program ends by itself, what it left
 * running (background jobs, `nohup`, `setsid`) is killed before the result is given.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { MARKER_VARIABLE, signalTree } from './process-tree.js';

/** How to run the program and when to stop it. */
export interface SpawnCollectOptions {
  /** Arguments, passed as they are (no shell). */
  args?: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the program's stdin, which is then closed; without it, stdin is not connected. */
  stdin?: string;
  /** The program is stopped after this long (`timedOut` in the result). */
  timeoutMs?: number;
  /** Aborting stops the program (`aborted` in the result). */
  signal?: AbortSignal;
  /** Bytes kept of stdout and of stderr each; later output is counted, not kept. */
  maxOutputBytes: number;
  /** Time between SIGTERM and SIGKILL when the program is stopped; default 2000 ms. */
  killGraceMs?: number;
}

/** How the program ended and what it wrote. */
export interface SpawnCollectResult {
  /** The output kept, decoded as UTF-8. */
  stdout: string;
  stderr: string;
  /** Bytes written beyond `maxOutputBytes`, not kept. */
  droppedBytes: { stdout: number; stderr: number };
  /** The exit status, or null when a signal ended the program. */
  code: number | null;
  /** The signal that ended the program, if one did. */
  signal: NodeJS.Signals | null;
  /** Stopped because `timeoutMs` passed. */
  timedOut: boolean;
  /** Stopped because `signal` aborted. */
  aborted: boolean;
}

const DEFAULT_KILL_GRACE_MS = 2000;

/** The first `max` bytes of a stream, and how many more came. */
class Capture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;

  constructor(private readonly max: number) {}

  add(chunk: Buffer): void {
    const room = this.max - this.kept;
    if (room >= chunk.length) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
      return;
    }
    if (room > 0) this.chunks.push(chunk.subarray(0, room));
    this.kept = this.max;
    this.dropped += chunk.length - Math.max(0, room);
  }

  /** The kept bytes as text, without a character the cap cut in two. */
  text(): string {
    const bytes = Buffer.concat(this.chunks);
    return bytes.subarray(0, this.dropped > 0 ? utf8Boundary(bytes) : bytes.length).toString('utf8');
  }
}

/** The length of `bytes` without a trailing, incomplete UTF-8 sequence. */
function utf8Boundary(bytes: Buffer): number {
  // The last byte that starts a character (not 10xxxxxx), at most 3 bytes from the end.
  let lead = bytes.length - 1;
  while (lead > 0 && bytes.length - lead < 4 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  const first = bytes[lead] ?? 0;
  const size = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return bytes.length - lead >= size ? bytes.length : lead;
}

/**
 * Runs `program` and resolves when it has ended and its output is closed. Rejects only when it
 * cannot be started (with the system's error, e.g. ENOENT).
 */
export function spawnCollect(program: string, options: SpawnCollectOptions): Promise<SpawnCollectResult> {
  return new Promise((resolve, reject) => {
    // Inherited by everything the program starts, so what escapes its group can still be found.
    const marker = randomUUID();
    const child = spawn(program, options.args ?? [], {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), [MARKER_VARIABLE]: marker },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      shell: false,
      // Its own process group, so that stopping it ends what it started too.
      detached: true,
    });
    const stdout = new Capture(options.maxOutputBytes);
    const stderr = new Capture(options.maxOutputBytes);
    child.stdout?.on('data', (d: Buffer) => stdout.add(d));
    child.stderr?.on('data', (d: Buffer) => stderr.add(d));
    if (options.stdin !== undefined && child.stdin) {
      // A program that exits without reading its input is not an error.
      child.stdin.on('error', () => {});
      child.stdin.end(options.stdin);
    }

    let timedOut = false;
    let aborted = false;
    let stopping = false;
    const killTree = (signal: NodeJS.Signals): Promise<void> =>
      child.pid === undefined ? Promise.resolve() : signalTree(child.pid, marker, signal);
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void killTree('SIGTERM');
      // Left running after the program ends: it also reaches what the program started and left behind.
      setTimeout(() => void killTree('SIGKILL'), options.killGraceMs ?? DEFAULT_KILL_GRACE_MS).unref();
    };
    // Once the program has ended, nothing it started may outlive it.
    let leftovers: Promise<void> = Promise.resolve();
    child.on('exit', () => {
      leftovers = killTree('SIGKILL');
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stop();
          }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const settle = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };

    child.on('error', (error) => {
      settle();
      reject(error);
    });
    child.on('close', async (code, signal) => {
      settle();
      await leftovers;
      resolve({
        stdout: stdout.text(),
        stderr: stderr.text(),
        droppedBytes: { stdout: stdout.dropped, stderr: stderr.dropped },
        code,
        signal,
        timedOut,
        aborted,
      });
    });
  });
}
