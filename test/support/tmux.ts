/**
 * A real terminal for CLI tests: the built `massgen` runs in a tmux session (160×45) of a private
 * tmux server; the screen is read with `tmux capture-pane` (`-S -`: with the scrollback) and keys
 * are sent with `tmux send-keys`.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CLI } from './cli.js';

/** Whether tmux is installed. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A shell word. */
export const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The tmux server named `socket`, and what tests do with its sessions. */
export function tmuxServer(socket: string) {
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  /** Reads the screen without blocking the event loop (a fake provider may stream from this process). */
  const readScreen = async (session: string) =>
    (
      await promisify(execFile)('tmux', ['-L', socket, 'capture-pane', '-p', '-t', session], {
        encoding: 'utf8',
      })
    ).stdout;
  return {
    tmux,
    readScreen,
    screen: (session: string) => tmux('capture-pane', '-p', '-t', session),
    /** The whole pane: the scrollback, then the screen. */
    scrollback: (session: string) => tmux('capture-pane', '-p', '-S', '-', '-t', session),
    /** Polls the screen until `predicate` holds; fails with the last screen. */
    async waitForScreen(session: string, predicate: (text: string) => boolean, timeoutMs = 15_000) {
      const start = Date.now();
      let last = '';
      while (Date.now() - start < timeoutMs) {
        last = await readScreen(session);
        if (predicate(last)) return last;
        await new Promise((r) => setTimeout(r, 80));
      }
      throw new Error(`screen did not show what was expected within ${timeoutMs} ms:\n${last}`);
    },
    /**
     * Starts `massgen args…` in a new 160×45 session, in `home` (also its HOME unless `env` says
     * otherwise); its exit code goes to `<home>/exit-code`.
     */
    startCli(session: string, home: string, args: string[], env: Record<string, string> = {}): string {
      const exitFile = path.join(home, 'exit-code');
      const command = [
        `cd ${quote(home)}`,
        `env -u CI -u CONTINUOUS_INTEGRATION HOME=${quote(home)} MASSGEN_RETRY_BASE_MS=20 ${Object.entries(
          env,
        )
          .map(([k, v]) => `${k}=${quote(v)}`)
          .join(' ')} ${quote(process.execPath)} ${quote(CLI)} ${args.map(quote).join(' ')}`,
        `echo $? > ${quote(exitFile)}`,
        'sleep 120',
      ].join('; ');
      // Gone before the session starts: a later run in the same folder is not taken as ended.
      rmSync(exitFile, { force: true });
      tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45', command);
      return exitFile;
    },
    /** Ends the server and every session. */
    kill: () => spawnSync('tmux', ['-L', socket, 'kill-server']),
  };
}

/** The exit code written by {@link tmuxServer}'s `startCli`, once the command ended. */
export async function exitCode(file: string, timeoutMs = 10_000): Promise<number> {
  const start = Date.now();
  while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    if (Date.now() - start > timeoutMs) throw new Error('massgen did not exit');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Number(readFileSync(file, 'utf8').trim());
}
