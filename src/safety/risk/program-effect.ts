/**
 * What one program does, judged from its name and arguments: only reads, writes files (judged then
 * by where they are: see paths.ts), does something that cannot be undone, or cannot be known.
 */
import type { ShellWord } from './shell-script.js';

/** `writes`: changes the files in `targets` (reversible inside the workspace, irreversible outside). */
export type EffectLevel = 'read-only' | 'writes' | 'irreversible' | 'unknown';

/** The effect of one program. */
export interface ProgramEffect {
  level: EffectLevel;
  openWorld: boolean;
  reason: string;
  /** The files and folders it creates, changes or deletes. */
  targets: ShellWord[];
  /** `cd`/`pushd`: the folder the following commands run in (no word: not known). */
  cd?: { to?: ShellWord };
}

export const readOnly = (reason: string, openWorld = false): ProgramEffect => ({
  level: 'read-only',
  openWorld,
  reason,
  targets: [],
});

export const writes = (targets: ShellWord[], reason: string, openWorld = false): ProgramEffect => ({
  level: 'writes',
  openWorld,
  reason,
  targets,
});

export const irreversible = (reason: string, openWorld = false): ProgramEffect => ({
  level: 'irreversible',
  openWorld,
  reason,
  targets: [],
});

export const unknown = (reason: string, openWorld = false): ProgramEffect => ({
  level: 'unknown',
  openWorld,
  reason,
  targets: [],
});

/** The current folder, as a write target (a program that writes where it runs). */
export const HERE: ShellWord = { value: '.', dynamic: false };
