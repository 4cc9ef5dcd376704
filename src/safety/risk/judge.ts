/**
 * The risk of every tool call, from the best evidence there is, in this order of trust:
 *
 * 1. the config: the MCP server's `tool_risk` (its own tool names), then the backend's `tool_risk`
 *    (the names the model sees);
 * 2. MCP annotations, from servers marked `trusted: true` (an untrusted server's hints only count
 *    when they raise the risk: see annotations.ts);
 * 3. what built-in tools do: file tools by the path they write, `execute_command` by its parsed
 *    command, provider-native tools read-only and open-world (see builtin-risk.ts);
 * 4. the LLM classifier (`safety.classifier`), for MCP and custom tools, its verdicts cached per
 *    tool (a verdict the user set holds without a classifier too);
 * 5. otherwise `unknown`.
 */
import os from 'node:os';
import { errorText } from '../../error-text.js';
import type { McpServerConfig } from '../../tools/mcp/server-config.js';
import type { ToolEntry } from '../../tools/types.js';
import type { ToolCallRequest } from '../../types/agent-tools.js';
import type { ToolRisk } from '../../types/safety.js';
import { admittedRisk, trustedAnnotationRisk } from './annotations.js';
import { builtInRisk, type RiskPaths } from './builtin-risk.js';
import { type CachedVerdict, ToolRiskCache, toolHash, toolRiskCache } from './cache.js';
import type { ToolClassifier, ToolDescription } from './classifier.js';
import { type DeclarationSet, declaredRisk, type RiskDeclaration } from './declarations.js';

/** When a call is judged. */
export interface RiskContext {
  agentId: string;
  /** `coordination`: agents still answering and voting; `presentation`: the final presenter. */
  phase: 'coordination' | 'presentation';
  signal: AbortSignal;
}

/** Judges the calls of one agent. */
export interface RiskJudge {
  judge(call: ToolCallRequest, entry: ToolEntry, context: RiskContext): Promise<ToolRisk>;
}

/** The backend keys the judge reads. */
export interface RiskBackendConfig {
  tool_risk?: Readonly<Record<string, RiskDeclaration>>;
  mcp_servers?: readonly Pick<McpServerConfig, 'name' | 'trusted' | 'tool_risk'>[];
}

export interface RiskJudgeOptions {
  /** The agent's backend block (its `tool_risk`, its servers' `trusted` and `tool_risk`). */
  backend?: RiskBackendConfig;
  /** Where the backend is in the config, for reasons (`agents[0].backend`). */
  at?: string;
  /** The agent's workspace and context paths, when it has a workspace. */
  paths?: RiskPaths;
  /** Judges MCP and custom tools that nothing else covers. */
  classifier?: ToolClassifier;
  /** Where verdicts are kept (default: the shared cache of `~/.massgen/safety/tool-risk.json` under `home`). */
  cache?: ToolRiskCache;
  /** The user's home folder (default `os.homedir()`). */
  home?: string;
}

const fromVerdict = (v: CachedVerdict): ToolRisk => ({
  level: v.level,
  openWorld: v.openWorld,
  source: 'classifier',
  reason:
    v.by === 'user'
      ? `set with massgen safety tools set: ${v.reason}`
      : `classifier ${v.model ?? ''}: ${v.reason}`.replace('  ', ' '),
});

/** What the classifier is told, for MCP and custom tools. */
function describe(entry: ToolEntry): ToolDescription | undefined {
  if (entry.source !== 'mcp' && entry.source !== 'custom') return undefined;
  return {
    server: entry.source === 'mcp' ? (entry.server ?? entry.origin ?? 'mcp') : 'custom',
    tool: entry.originalName ?? entry.name,
    name: entry.name,
    description: entry.description,
    inputSchema: entry.inputSchema,
  };
}

/** Creates the judge of one agent (see the file comment for the order of trust). */
export function createRiskJudge(options: RiskJudgeOptions = {}): RiskJudge {
  const at = options.at ?? 'backend';
  const home = options.home ?? os.homedir();
  const cache = options.cache ?? toolRiskCache(ToolRiskCache.fileIn(home));
  const backendRules: DeclarationSet | undefined = options.backend?.tool_risk
    ? { at: `${at}.tool_risk`, rules: options.backend.tool_risk }
    : undefined;
  const servers = new Map(
    (options.backend?.mcp_servers ?? []).map((server, i) => [
      server.name,
      {
        trusted: server.trusted === true,
        rules: server.tool_risk
          ? ({ at: `${at}.mcp_servers[${i}].tool_risk`, rules: server.tool_risk } as DeclarationSet)
          : undefined,
      },
    ]),
  );

  async function classified(entry: ToolEntry, signal: AbortSignal): Promise<ToolRisk | undefined> {
    const tool = describe(entry);
    if (!tool) return undefined;
    const known = cache.get(tool.server, tool.tool, toolHash(tool));
    if (known && (known.by === 'user' || options.classifier)) return fromVerdict(known);
    if (!options.classifier) return undefined;
    try {
      const verdict = await cache.classify(tool, options.classifier, signal);
      if (verdict) return fromVerdict(verdict);
      return {
        level: 'unknown',
        openWorld: true,
        source: 'classifier',
        reason: 'the classifier gave no usable verdict',
      };
    } catch (error) {
      if (signal.aborted) throw error;
      return {
        level: 'unknown',
        openWorld: true,
        source: 'classifier',
        reason: `the classifier failed: ${errorText(error)}`,
      };
    }
  }

  return {
    async judge(call, entry, context) {
      const mcp = entry.source === 'mcp';
      const server = mcp ? servers.get(entry.server ?? '') : undefined;
      const declared =
        (mcp ? declaredRisk(entry.originalName ?? entry.name, server?.rules, true) : undefined) ??
        declaredRisk(entry.name, backendRules, mcp);
      if (declared) return declared;
      if (mcp && entry.annotations && server?.trusted) {
        return trustedAnnotationRisk(entry.annotations, entry.server ?? '');
      }
      const admitted = mcp ? admittedRisk(entry.annotations, entry.server ?? '') : undefined;
      if (admitted) return admitted;
      const builtIn = builtInRisk(call, entry, options.paths, home);
      if (builtIn) return builtIn;
      const verdict = await classified(entry, context.signal);
      if (verdict) {
        // An untrusted server's open-world hint still counts (it raises the risk).
        return mcp && entry.annotations?.openWorldHint === true ? { ...verdict, openWorld: true } : verdict;
      }
      return {
        level: 'unknown',
        openWorld: mcp,
        source: 'default',
        reason:
          mcp && !server?.trusted && entry.annotations
            ? `no declaration, and the annotations of server "${entry.server}" do not count (it is not marked trusted: true)`
            : `no declaration${mcp ? ' or trusted annotations' : ''} and no classifier (safety.classifier)`,
      };
    },
  };
}
