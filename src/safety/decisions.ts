/**
 * The run-wide memory of the safety engine: approvals granted for the rest of the run, the
 * irreversible calls the presenter already carried out (each runs once), and each agent's count of
 * unattended approvals in a row (`max_consecutive_auto`).
 */
import type { DecidedBy } from '../types/safety.js';
import { primaryArgument } from './policy/pattern.js';

/** Only letters, digits, `_` and `-`: safe in a file name everywhere. */
function safeId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Deciders that are a person, or a program acting for one (the approval folder). */
export function isAttended(by: DecidedBy): boolean {
  return by === 'human' || by === 'file';
}

/** A stable JSON text of a value (object keys sorted). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a `session` approval covers: the tool with the same primary argument (or the tool, without one). */
export function grantKey(toolName: string, input: unknown): string {
  const primary = primaryArgument(input);
  return primary ? `${toolName}(${primary.value})` : toolName;
}

/** The identity of one call: the tool and all its arguments. */
export function callKey(toolName: string, input: unknown): string {
  return `${toolName} ${canonical(input)}`;
}

export class RunDecisions {
  private readonly grants = new Set<string>();
  private readonly done = new Set<string>();
  private readonly streaks = new Map<string, number>();
  private requests = 0;
  private requestPrefix = '';

  /** What every later request id starts with (the run's id and turn). */
  setRequestPrefix(prefix: string): void {
    this.requestPrefix = prefix ? `${safeId(prefix)}_` : '';
  }

  /** A new approval request id, unique in the run (across runs with a prefix) and safe in a file name. */
  nextRequestId(agentId: string): string {
    this.requests += 1;
    return `${this.requestPrefix}${safeId(agentId)}_${this.requests}`;
  }

  grant(key: string): void {
    this.grants.add(key);
  }

  isGranted(key: string): boolean {
    return this.grants.has(key);
  }

  /** Marks a call as carried out; false when the same call was carried out before. */
  claim(key: string): boolean {
    if (this.done.has(key)) return false;
    this.done.add(key);
    return true;
  }

  /** Gives a claim back (the call did not run after all). */
  release(key: string): void {
    this.done.delete(key);
  }

  /** Unattended approvals of the agent in a row. */
  streak(agentId: string): number {
    return this.streaks.get(agentId) ?? 0;
  }

  /** Counts an approval: an attended one ends the streak. */
  countApproval(agentId: string, attended: boolean): void {
    this.streaks.set(agentId, attended ? 0 : this.streak(agentId) + 1);
  }
}
