/** Whether bubblewrap (`bwrap`) can sandbox commands here, and the arguments that do it. */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';

let cached: { available: boolean; why?: string } | undefined;

/** Checks once per process that `bwrap` runs (it may be installed but lack user namespaces). */
export function bwrapStatus(): { available: boolean; why?: string } {
  if (cached) return cached;
  // The same options a command gets, so a sandbox that cannot work is found here, not on first use.
  const probe = spawnSync('bwrap', bwrapArgs(tmpdir(), 'true'), {
    stdio: 'ignore',
    timeout: 5000,
  });
  if (probe.error) cached = { available: false, why: 'bwrap (bubblewrap) is not installed' };
  else if (probe.status !== 0) cached = { available: false, why: 'bwrap is installed but cannot run here' };
  else cached = { available: true };
  return cached;
}

/** `bwrap` arguments running `/bin/sh -c command` with only `workspace` writable and no network. */
export function bwrapArgs(workspace: string, command: string): string[] {
  return [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--bind',
    workspace,
    workspace,
    '--unshare-net',
    '--unshare-pid',
    '--die-with-parent',
    '--chdir',
    workspace,
    '--',
    '/bin/sh',
    '-c',
    command,
  ];
}
