/** What decides an `ask` call when no human is there: the agent's `automation_default`. */
import type { ApprovalDecision, ToolRisk } from '../types/safety.js';
import type { AutomationDefault } from './policy/agent-policy.js';

/** Whether a call is one that may not run unattended during coordination. */
export const isRisky = (risk: ToolRisk) => risk.level === 'irreversible' || risk.level === 'unknown';

/** The decision of `automation_default` on a call of this risk. */
export function automationDecision(setting: AutomationDefault, risk: ToolRisk): ApprovalDecision {
  const approved = setting === 'allow-all' || (setting === 'risk-based' && !isRisky(risk) && !risk.openWorld);
  return {
    approved,
    scope: 'once',
    by: 'automation-default',
    ...(approved
      ? {}
      : {
          feedback: `no human is there to approve it, and automation_default is ${setting} (set permissions.automation_default, add an allow rule, or run with a terminal or --approval-dir)`,
        }),
  };
}
