/**
 * Which display a run gets: the live terminal UI on an interactive terminal, the plain printer
 * everywhere else. Kept apart from the UI so choosing costs no Ink import.
 */

export interface DisplayContext {
  /** `--automation`. */
  automation?: boolean;
  /** `ui.display_type` of the config (`rich_terminal` when absent). */
  displayType?: string;
  stdout: { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** True when the live terminal UI should show the run. */
export function wantsLiveUi(context: DisplayContext): boolean {
  if (context.automation) return false;
  if (context.stdout.isTTY !== true) return false;
  if (context.env.TERM === 'dumb') return false;
  // Ink draws no live frames under CI (it waits for the last one): keep the plain printer there.
  if (flag(context.env.CI) || flag(context.env.CONTINUOUS_INTEGRATION)) return false;
  return context.displayType === undefined || context.displayType === 'rich_terminal';
}

function flag(value: string | undefined): boolean {
  return value !== undefined && value !== '0' && value !== 'false';
}
