/**
 * The policy verdict of one call: the hardline floor first, then the rules of every scope — a `deny`
 * anywhere beats an `ask` anywhere, which beats an `allow` anywhere — and with no rule, the risk
 * decides: read-only and reversible calls are allowed, irreversible and unknown ones are asked.
 */
import type { PolicyAction, PolicyScope, PolicyVerdict, ToolRisk } from '../../types/safety.js';
import type { Pattern } from './pattern.js';

/** Scopes a rule can live in, highest first. */
export type RuleScope = Extract<PolicyScope, 'config' | 'project' | 'user'>;
export const RULE_SCOPES: readonly RuleScope[] = ['config', 'project', 'user'];

/** One rule as loaded. */
export interface PolicyRule {
  action: PolicyAction;
  pattern: Pattern;
  scope: RuleScope;
  /** The file the rule is in (the config, a policy file), for messages. */
  file?: string;
  /** 1-based line of the rule in that file, when known. */
  line?: number;
}

/** One call as the policy sees it. */
export interface PolicyCall {
  toolName: string;
  input: unknown;
  risk: ToolRisk;
  /** Resolves a relative path argument against the agent's workspace. */
  resolvePath?: (file: string) => string;
}

const ORDER: readonly PolicyAction[] = ['deny', 'ask', 'allow'];

function byScope(a: PolicyRule, b: PolicyRule): number {
  return RULE_SCOPES.indexOf(a.scope) - RULE_SCOPES.indexOf(b.scope);
}

/**
 * The verdict on a call. `hardline` is the floor's reason when the call is on it (see
 * `HardlineCheck`): nothing overrides it.
 */
export function evaluatePolicy(
  rules: readonly PolicyRule[],
  call: PolicyCall,
  hardline?: string,
): PolicyVerdict {
  if (hardline !== undefined) {
    return { action: 'deny', scope: 'hardline', reason: `refused by the hardline floor: ${hardline}` };
  }
  const subject = {
    toolName: call.toolName,
    input: call.input,
    level: call.risk.level,
    resolvePath: call.resolvePath,
  };
  const sorted = [...rules].sort(byScope);
  for (const action of ORDER) {
    const rule = sorted.find(
      (r) => r.action === action && r.pattern.matches(subject, action === 'deny' ? 'deny' : 'grant'),
    );
    if (!rule) continue;
    const where = rule.file ? ` (${rule.scope} scope, ${rule.file}${rule.line ? `:${rule.line}` : ''})` : '';
    return {
      action,
      scope: rule.scope,
      rule: rule.pattern.text,
      ...(rule.file ? { file: rule.file } : {}),
      reason: `${action} rule \`${rule.pattern.text}\`${where}`,
    };
  }
  const level = call.risk.level;
  if (level === 'read-only' || level === 'reversible') {
    return { action: 'allow', scope: 'default', reason: `${level} (${call.risk.reason})` };
  }
  return {
    action: 'ask',
    scope: 'default',
    reason: `${level === 'unknown' ? 'unknown risk' : 'irreversible'} (${call.risk.reason}) and no rule allows it`,
  };
}
