/**
 * Ending everything a program started, without cgroups: the processes of its process group and of
 * its session (it was started as their leader), those carrying its marker variable in their
 * environment (which `setsid` and `nohup` keep), and the descendants of all of these by their
 * parent links in /proc. Where /proc is missing only the process group is reached.
 */
import { readdir, readFile } from 'node:fs/promises';

/** The variable that marks the processes of one program run: `MASSGEN_COMMAND_ID=<id>`. */
export const MARKER_VARIABLE = 'MASSGEN_COMMAND_ID';

/** Sweeps made at most after a program ended (each kills what the previous one found). */
const MAX_SWEEPS = 10;

interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
  zombie: boolean;
}

/** `/proc/<pid>/stat` fields; the command name in parentheses may hold spaces and parentheses. */
function parseStat(pid: number, text: string): ProcInfo | undefined {
  const end = text.lastIndexOf(')');
  if (end < 0) return undefined;
  const fields = text.slice(end + 2).split(' ');
  const [state, ppid, pgrp, session] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  if (!Number.isFinite(ppid)) return undefined;
  return { pid, ppid, pgrp, session, zombie: state === 'Z' || state === 'X' };
}

async function processes(): Promise<ProcInfo[]> {
  const names = await readdir('/proc').catch(() => [] as string[]);
  const found = await Promise.all(
    names
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        const pid = Number(name);
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
        return stat === undefined ? undefined : parseStat(pid, stat);
      }),
  );
  return found.filter((p): p is ProcInfo => p !== undefined);
}

async function carriesMarker(pid: number, marker: string): Promise<boolean> {
  const environ = await readFile(`/proc/${pid}/environ`).catch(() => undefined);
  return environ?.includes(marker) === true;
}

/** The live processes that belong to the run of `leader` (see the module comment). */
export async function treeOf(leader: number, markerValue: string): Promise<number[]> {
  const all = await processes();
  const marker = `${MARKER_VARIABLE}=${markerValue}\0`;
  const own = new Set([process.pid, process.ppid]);
  const members = new Set<number>();
  for (const p of all) {
    if (own.has(p.pid)) continue;
    if (p.pgrp === leader || p.session === leader || p.pid === leader) members.add(p.pid);
  }
  const candidates = all.filter((p) => !own.has(p.pid) && !members.has(p.pid));
  const marked = await Promise.all(candidates.map((p) => carriesMarker(p.pid, marker)));
  candidates.forEach((p, i) => {
    if (marked[i]) members.add(p.pid);
  });
  // Descendants of every member, by parent links.
  const children = new Map<number, number[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const queue = [...members];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (own.has(child) || members.has(child)) continue;
      members.add(child);
      queue.push(child);
    }
  }
  const live = new Set(all.filter((p) => !p.zombie).map((p) => p.pid));
  return [...members].filter((pid) => live.has(pid));
}

function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Sends `signal` to the process group of `leader`. */
export function signalGroup(leader: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-leader, signal);
  } catch {
    // No such group any more.
  }
}

/**
 * Sends `signal` to every process of the run of `leader`, sweeping until none is left (or after
 * {@link MAX_SWEEPS}); with SIGKILL nothing of it survives the sweep but what escaped all the links.
 */
export async function signalTree(leader: number, markerValue: string, signal: NodeJS.Signals): Promise<void> {
  signalGroup(leader, signal);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    const left = await treeOf(leader, markerValue);
    if (left.length === 0) return;
    signalAll(left, signal);
    if (signal !== 'SIGKILL') return;
  }
}
