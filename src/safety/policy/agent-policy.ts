/**
 * One agent's policy, from its `backend.permissions` block (MassGen v0.1.97's keys), the project
 * file `.massgen/policy.yaml`, MassGen's `settings_path` (default `.massgen/settings.local.json`,
 * where `always` approvals go when it is set) and the user file `~/.massgen/policy.yaml`.
 */
import os from 'node:os';
import path from 'node:path';
import type { PermissionsConfig } from '../../config/schema-permissions.js';
import { loadPolicyFile, rulesFromData } from './policy-file.js';
import { isReadOnlyRole, roleRules } from './roles.js';
import type { PolicyRule } from './rules.js';

/** What an `ask` becomes when no human can answer. */
export type AutomationDefault = 'deny-all' | 'allow-all' | 'risk-based';

/** The safety settings of one agent. */
export interface AgentPolicy {
  /** False: the agent's calls are not judged (`permissions: false` or `enabled: false`). */
  enabled: boolean;
  /** Every rule of every scope (the role's, the config's, the files'). */
  rules: PolicyRule[];
  automationDefault: AutomationDefault;
  /** Unattended approvals in a row after which the next call needs a human; undefined: no limit. */
  maxConsecutiveAuto?: number;
  /** Decisions go to the audit log. */
  audit: boolean;
  /**
   * Where an `always` approval is written as an allow rule (`settings_path`, default the project's
   * `.massgen/policy.yaml`); undefined: not written.
   */
  persistFile?: string;
  /** The agent's commands may reach the network. */
  allowNetwork: boolean;
  /** The agent's role makes it read-only (its command sandbox too). */
  readOnly: boolean;
  /** `permissions.approval_dir`, resolved: the file handshake's folder, when the config names one. */
  approvalDir?: string;
  /** `permissions.approval_timeout` in ms: how long a request of the approval folder waits. */
  approvalTimeoutMs: number;
  /** `permissions.approval_mode`: `policy` asks nobody (automation_default decides), `file` the folder. */
  approvalMode?: 'policy' | 'file';
}

/** How long a request of the approval folder waits for its response by default (seconds). */
export const DEFAULT_APPROVAL_TIMEOUT_SECONDS = 300;

/** Where the policy files are. */
export interface PolicyPlaces {
  /** The project folder (the run's working directory). */
  cwd: string;
  /** The user's home; default `os.homedir()`. */
  homeDir?: string;
  /** The config file, for messages. */
  configFile: string;
  /** The key path of the agent's backend (`agents[0].backend`). */
  at: string;
}

/** The project's policy file. */
export function projectPolicyFile(cwd: string): string {
  return path.join(cwd, '.massgen', 'policy.yaml');
}

/** The user's policy file (the per-user tool lists). */
export function userPolicyFile(homeDir?: string): string {
  return path.join(homeDir ?? os.homedir(), '.massgen', 'policy.yaml');
}

/** Builds an agent's policy. Throws a ConfigError for a bad policy file. */
export function agentPolicy(
  permissions: boolean | PermissionsConfig | undefined,
  places: PolicyPlaces,
): AgentPolicy {
  const block: PermissionsConfig = typeof permissions === 'object' ? permissions : {};
  const enabled = permissions !== false && block.enabled !== false;
  const at = `${places.at}.permissions`;
  const persist = block.persist_approvals !== false;
  const settings = block.settings_path ? path.resolve(places.cwd, block.settings_path) : undefined;
  const legacySettings = path.join(places.cwd, '.massgen', 'settings.local.json');
  const userFile = userPolicyFile(places.homeDir);
  const rules: PolicyRule[] = [
    ...roleRules(block.role, places.configFile),
    ...rulesFromData(block.rules, 'config', places.configFile, `${at}.rules`),
    ...loadPolicyFile(projectPolicyFile(places.cwd), 'project'),
    ...(persist ? loadPolicyFile(settings ?? legacySettings, 'project') : []),
    ...loadPolicyFile(userFile, 'user'),
  ];
  return {
    enabled,
    rules,
    automationDefault: block.automation_default ?? 'deny-all',
    maxConsecutiveAuto: block.max_consecutive_auto,
    audit: block.audit !== false,
    persistFile: persist ? (settings ?? projectPolicyFile(places.cwd)) : undefined,
    allowNetwork: block.allow_network === true,
    readOnly: isReadOnlyRole(block.role),
    approvalDir: block.approval_dir ? path.resolve(places.cwd, block.approval_dir) : undefined,
    approvalTimeoutMs: (block.approval_timeout ?? DEFAULT_APPROVAL_TIMEOUT_SECONDS) * 1000,
    approvalMode: block.approval_mode,
  };
}
