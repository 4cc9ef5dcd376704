/**
 * The config each run started from this tab used, so a finished run can be continued with the
 * same one (a session's next turn).
 */
import type { ConfigChoice } from '../api/types.js';

const KEY = 'massgen.runConfigs';

function all(): Record<string, ConfigChoice> {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, ConfigChoice>;
  } catch {
    return {};
  }
}

export function rememberRunConfig(runId: string, choice: ConfigChoice): void {
  sessionStorage.setItem(KEY, JSON.stringify({ ...all(), [runId]: choice }));
}

export function runConfigOf(runId: string): ConfigChoice | undefined {
  return all()[runId];
}
