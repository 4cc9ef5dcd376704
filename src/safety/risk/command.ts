/**
 * The risk of one shell command line, judged from the parsed command, never from its text: every
 * program it runs (through pipes, lists, subshells, substitutions, `sh -c`, `eval`, `sudo`, `env`,
 * `xargs`, `find -exec`, …), what each does, and where the files it writes are (relative paths start
 * in the agent's workspace and follow `cd`). The most severe program decides: `irreversible` above
 * `unknown` above `reversible` above `read-only`. A command line the shell parser refuses is
 * `unknown`, and still checked against the hardline floor.
 */
import os from 'node:os';
import type { RiskLevel, ToolRisk } from '../../types/safety.js';
import { computedProgramHardline, programHardline, writeTargetHardline } from './command-hardline.js';
import { type Invocation, unwrap } from './command-wrappers.js';
import { type Cwd, changeDir, type Location, locate, type PathContext, resolveTarget } from './paths.js';
import { type ProgramEffect, unknown, writes } from './program-effect.js';
import { programEffect } from './program-system.js';
import { MAX_SHELL_DEPTH, readScript, type ShellWord, type SimpleCommand } from './shell-script.js';

/** Where a command runs. */
export interface CommandOptions {
  /** The agent's workspace (absolute): commands start there. */
  workspace?: string;
  /** The user's home folder, for `~` and `$HOME` (default `os.homedir()`). */
  home?: string;
}

/** One program a command runs, and its judgement. */
export interface CommandProgram {
  /** The program (`>` for a redirection to a file). */
  name: string;
  args: string[];
  /** The wrappers it runs under, outermost first (`sudo`, `sh`, `xargs`, …). */
  via: string[];
  level: RiskLevel;
  openWorld: boolean;
  reason: string;
}

/** The judgement of a command line. */
export interface CommandAnalysis {
  programs: CommandProgram[];
  /** False when the shell parser refused the command line (it was read by the fallback lexer). */
  parsed: boolean;
  /** Why the hardline floor refuses the command, when it does. */
  hardline?: string;
  risk: ToolRisk;
}

const RANK: Record<RiskLevel, number> = { 'read-only': 0, reversible: 1, unknown: 2, irreversible: 3 };
const WRITE_OPS = new Set(['>', '>>', '>|', '<>', '&>', '&>>', '>&']);

interface State {
  ctx: PathContext;
  cwd: Cwd;
  functions: Set<string>;
  programs: CommandProgram[];
  hardline?: string;
  parsed: boolean;
}

const text = (words: readonly ShellWord[]) => words.map((w) => (w.dynamic ? `${w.value}…` : w.value));

function where(location: Location): string {
  return 'path' in location && location.path ? location.path : 'a path only known when it runs';
}

/** The level of a `writes` effect, from where its targets are. */
function writeLevel(
  effect: ProgramEffect,
  state: State,
): Pick<CommandProgram, 'level' | 'reason' | 'openWorld'> {
  let outside: Location | undefined;
  let harmless = 0;
  for (const target of effect.targets) {
    const location = locate(target, state.cwd, state.ctx);
    if (location.kind === 'harmless') harmless++;
    if (location.kind === 'network') {
      return {
        level: 'irreversible',
        openWorld: true,
        reason: `${effect.reason}: it writes to the network (${location.path})`,
      };
    }
    if (location.kind === 'device')
      return {
        level: 'irreversible',
        openWorld: effect.openWorld,
        reason: `${effect.reason}: it writes to the device ${location.path}`,
      };
    if (location.kind === 'outside') outside ??= location;
  }
  if (outside)
    return {
      level: 'irreversible',
      openWorld: effect.openWorld,
      reason: `${effect.reason} outside the workspace (${where(outside)})`,
    };
  if (harmless > 0 && harmless === effect.targets.length) {
    return {
      level: 'read-only',
      openWorld: effect.openWorld,
      reason: 'it writes only to /dev/null or another harmless device',
    };
  }
  return {
    level: 'reversible',
    openWorld: effect.openWorld,
    reason: `${effect.reason} inside the workspace`,
  };
}

function record(state: State, invocation: Invocation, effect: ProgramEffect): void {
  const resolve = (word: ShellWord) => resolveTarget(word, state.cwd, state.ctx);
  const judged = effect.level === 'writes' ? writeLevel(effect, state) : effect;
  state.programs.push({
    name: invocation.name,
    args: text(invocation.args),
    via: invocation.via,
    level: judged.level as RiskLevel,
    openWorld: judged.openWorld,
    reason: judged.reason,
  });
  state.hardline ??= programHardline(invocation, resolve, state.ctx.home);
  for (const target of effect.targets)
    state.hardline ??= writeTargetHardline(target, resolve, state.ctx.home);
  if (effect.cd) state.cwd = changeDir(state.cwd, effect.cd.to, state.ctx);
}

function analyseSimple(command: SimpleCommand, depth: number, via: string[], state: State): void {
  const redirected = command.redirects
    .filter((r) => WRITE_OPS.has(r.op) && !(r.op === '>&' && /^(\d+-?|-)$/.test(r.target.value)))
    .map((r) => r.target);
  const redirect = () => {
    if (redirected.length > 0)
      record(state, { name: '>', args: redirected, via }, writes(redirected, 'a redirection writes a file'));
  };
  if (!command.name || (!command.name.dynamic && state.functions.has(command.name.value))) {
    redirect();
    return;
  }
  for (const part of unwrap(command.name, command.args, via)) {
    if (part.kind === 'script') {
      if (depth >= MAX_SHELL_DEPTH) {
        record(
          state,
          { name: part.via.at(-1) ?? 'sh', args: [], via: part.via },
          unknown('too deeply nested shell scripts'),
        );
        continue;
      }
      const cwd = state.cwd;
      analyseScript(part.source, depth + 1, part.via, state);
      state.cwd = cwd;
    } else if (part.kind === 'unknown') {
      const name = command.name.dynamic ? `${command.name.value}…` : command.name.value;
      record(state, { name, args: part.args, via: part.via }, unknown(part.reason));
      const resolve = (word: ShellWord) => resolveTarget(word, state.cwd, state.ctx);
      state.hardline ??= computedProgramHardline(part.args, resolve, state.ctx.home);
    } else {
      record(state, part.invocation, programEffect(part.invocation));
    }
  }
  redirect();
}

function analyseScript(source: string, depth: number, via: string[], state: State): void {
  const script = readScript(source, depth);
  if (!script.parsed) state.parsed = false;
  if (script.forkBomb !== undefined) {
    state.hardline ??= `a fork bomb (the function ${script.forkBomb} calls itself in a pipe or in the background)`;
  }
  for (const name of script.functions) state.functions.add(name);
  for (const command of script.commands) analyseSimple(command, depth, via, state);
}

/** The overall risk: the most severe program decides. */
function overall(state: State): ToolRisk {
  const openWorld = state.programs.some((p) => p.openWorld);
  const worst = state.programs.reduce<CommandProgram | undefined>(
    (top, p) => (top === undefined || RANK[p.level] > RANK[top.level] ? p : top),
    undefined,
  );
  if (!state.parsed && (!worst || RANK[worst.level] < RANK.unknown)) {
    return {
      level: 'unknown',
      openWorld,
      source: 'command',
      reason: 'the shell parser could not read the command line',
    };
  }
  if (!worst)
    return { level: 'read-only', openWorld: false, source: 'command', reason: 'the command runs no program' };
  const via = worst.via.length > 0 ? ` (via ${worst.via.join(' → ')})` : '';
  return { level: worst.level, openWorld, source: 'command', reason: `${worst.reason}${via}` };
}

/** Judges a command line (see the file comment). */
export function analyseCommand(command: string, options: CommandOptions = {}): CommandAnalysis {
  const state: State = {
    ctx: { workspace: options.workspace, home: options.home ?? os.homedir() },
    cwd: { kind: 'workspace', rel: '' },
    functions: new Set(),
    programs: [],
    parsed: true,
  };
  analyseScript(command, 0, [], state);
  return {
    programs: state.programs,
    parsed: state.parsed,
    ...(state.hardline !== undefined ? { hardline: state.hardline } : {}),
    risk: overall(state),
  };
}
