/** What the model and the user are told about safety decisions. */
import type { ToolRisk } from '../types/safety.js';

/** The tool result of a call recorded as planned during coordination. */
export function plannedText(toolName: string, risk: ToolRisk): string {
  return (
    `Recorded as a planned action, not carried out: ${toolName} is ${riskWords(risk)}, and while the agents are ` +
    'still answering and voting such actions do not run. If your answer wins, the final presenter carries it out ' +
    '(once, subject to the safety policy). Say in your answer what the action is for; do not try another tool to do it now.'
  );
}

/** The tool result of an irreversible call during the post-evaluation. */
export function notDuringEvaluationText(toolName: string, risk: ToolRisk): string {
  return `Not carried out: ${toolName} is ${riskWords(risk)}; actions are carried out only during the final presentation, not while it is evaluated.`;
}

/** The tool result of a call the presenter already carried out. */
export function alreadyDoneText(toolName: string): string {
  return `Not carried out again: this exact ${toolName} call was already carried out in this run. Each action runs once.`;
}

/** `irreversible (why)` / `of unknown risk (why)`. */
export function riskWords(risk: ToolRisk): string {
  const level = risk.level === 'unknown' ? 'of unknown risk' : risk.level;
  return `${level}${risk.openWorld ? ', reaching outside this machine' : ''} (${risk.reason})`;
}

/** The reason given to the model with a denial, and the decider's feedback. */
export function deniedText(reason: string, feedback?: string): string {
  return feedback?.trim() ? `${reason}. Feedback: ${feedback.trim()}` : reason;
}
