/**
 * The keys of the approval modal, as a pure function: `y` approve once, `s` approve for this run,
 * `a` always (written to the policy file), `n` deny (then type an optional message for the model and
 * press Enter; Esc goes back), Esc deny at once; ↑/↓ (and Page Up/Down) scroll long arguments.
 */
import type { ApprovalScope } from '../../types/safety.js';

/** What the modal shows: choosing, or typing the message of a denial. */
export interface ApprovalPromptState {
  mode: 'choose' | 'message';
  message: string;
  /** First argument line shown. */
  scroll: number;
}

/** The decision a key made (the queue adds `by: 'human'`). */
export interface ApprovalChoice {
  approved: boolean;
  scope: ApprovalScope;
  feedback?: string;
}

/** The keys the modal reads (a subset of Ink's). */
export interface ApprovalKeyInfo {
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
}

export const initialApprovalPrompt: ApprovalPromptState = { mode: 'choose', message: '', scroll: 0 };

const APPROVALS: Record<string, ApprovalScope> = { y: 'once', s: 'session', a: 'always' };

/** The state after a key, and the decision when the key made one. `maxScroll`: argument lines beyond the view. */
export function approvalKey(
  state: ApprovalPromptState,
  input: string,
  key: ApprovalKeyInfo,
  maxScroll: number,
  page = 5,
): { state: ApprovalPromptState; choice?: ApprovalChoice } {
  const scrollBy = key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -page : key.pageDown ? page : 0;
  if (scrollBy !== 0) {
    return { state: { ...state, scroll: Math.max(0, Math.min(maxScroll, state.scroll + scrollBy)) } };
  }
  if (state.mode === 'message') {
    if (key.escape) return { state: { ...state, mode: 'choose', message: '' } };
    if (key.return) {
      const feedback = state.message.trim();
      return {
        state,
        choice: { approved: false, scope: 'once', ...(feedback ? { feedback } : {}) },
      };
    }
    if (key.backspace || key.delete) return { state: { ...state, message: state.message.slice(0, -1) } };
    if (key.ctrl || key.meta || key.tab || key.leftArrow || key.rightArrow || !input) return { state };
    return { state: { ...state, message: state.message + input } };
  }
  if (key.escape) return { state, choice: { approved: false, scope: 'once' } };
  if (key.ctrl || key.meta) return { state };
  const lower = input.toLowerCase();
  const scope = APPROVALS[lower];
  if (scope) return { state, choice: { approved: true, scope } };
  if (lower === 'n') return { state: { ...state, mode: 'message', message: '' } };
  return { state };
}
