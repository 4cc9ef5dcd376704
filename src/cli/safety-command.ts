/**
 * `massgen safety tools [--json] [--config FILE]`: the risk verdicts the classifier gave (kept in
 * `~/.massgen/safety/tool-risk.json`), and with `--config` the risk a config declares (`tool_risk`,
 * trusted MCP servers). `massgen safety tools set <tool> <level>` changes a verdict; it then holds
 * like a declaration.
 */
import os from 'node:os';
import type { Command } from 'commander';
import type { CachedVerdict } from '../safety/risk/cache.js';
import type { RiskLevel } from '../types/safety.js';
import { oneLine, terminalJson, terminalText } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';
import { reportError } from './report-error.js';

interface SafetyFlags {
  config?: string;
  json?: boolean;
  openWorld?: boolean;
}

/** One risk a config declares. */
interface Declaration {
  /** Key path: `agents[0].backend.tool_risk`, `agents[0].backend.mcp_servers[1]`. */
  at: string;
  /** The tool pattern; absent for a trusted server. */
  pattern?: string;
  level?: RiskLevel;
  openWorld?: boolean;
  /** For `trusted: true` servers: its name. */
  trustedServer?: string;
}

const LEVELS: readonly RiskLevel[] = ['read-only', 'reversible', 'irreversible', 'unknown'];
const out = (text: string) => process.stdout.write(terminalText(text));

/** Adds `safety tools` (and `safety tools set`) to the program. */
export function registerSafetyCommand(program: Command): void {
  const safety = program.command('safety').description('tool-call safety: the risk of tools');
  const run = (fn: () => Promise<number>) =>
    fn().then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.exitCode = reportError(error);
      },
    );
  const tools = safety
    .command('tools')
    .description('list the risk verdicts of tools (and, with --config, what a config declares)')
    .option('--config <path>', 'also list the tool_risk declarations and trusted servers of this config')
    .option('--json', 'print JSON')
    .action((_: SafetyFlags, cmd: Command) => run(() => listTools(cmd.optsWithGlobals<SafetyFlags>())));
  tools
    .command('set')
    .description('set the risk of a listed tool (by the name shown, or server/tool)')
    .argument('<tool>', 'the tool, as listed')
    .argument('<level>', LEVELS.join(' | '))
    .option('--open-world', 'the tool reaches outside the machine')
    .option('--no-open-world', 'the tool does not reach outside the machine')
    .action((tool: string, level: string, _: SafetyFlags, cmd: Command) =>
      run(() => setTool(tool, level, cmd.optsWithGlobals<SafetyFlags>())),
    );
}

async function cacheFile() {
  const { toolRiskCache, ToolRiskCache } = await import('../safety/risk/cache.js');
  return toolRiskCache(ToolRiskCache.fileIn(os.homedir()));
}

/** What a config declares about risk. */
async function declarations(ref: string): Promise<Declaration[]> {
  const { loadConfigFile } = await import('../config/load.js');
  const { config } = await loadConfigFile(ref, { cwd: process.cwd(), home: os.homedir() });
  const found: Declaration[] = [];
  const add = (at: string, rules: Record<string, unknown> | undefined) => {
    for (const [pattern, value] of Object.entries(rules ?? {})) {
      const declared = value as RiskLevel | { level: RiskLevel; open_world?: boolean };
      found.push(
        typeof declared === 'string'
          ? { at, pattern, level: declared }
          : {
              at,
              pattern,
              level: declared.level,
              ...(declared.open_world !== undefined ? { openWorld: declared.open_world } : {}),
            },
      );
    }
  };
  config.agents.forEach((agent, i) => {
    const at = `agents[${i}].backend`;
    add(`${at}.tool_risk`, agent.backend.tool_risk);
    (agent.backend.mcp_servers ?? []).forEach((server, k) => {
      if (server.trusted) found.push({ at: `${at}.mcp_servers[${k}]`, trustedServer: server.name });
      add(`${at}.mcp_servers[${k}].tool_risk`, server.tool_risk);
    });
  });
  return found;
}

function verdictLine(v: CachedVerdict): string {
  const who = v.by === 'user' ? 'set by you' : `classifier ${v.model ?? ''}`.trim();
  return `${v.name}  ${v.level}${v.openWorld ? ' open-world' : ''}  (${who}, ${v.at.slice(0, 10)})  ${oneLine(v.reason)}\n`;
}

function declarationLine(d: Declaration): string {
  if (d.trustedServer) return `${d.at}: server "${d.trustedServer}" is trusted (its annotations count)\n`;
  const world = d.openWorld === undefined ? '' : d.openWorld ? ' open-world' : ' closed-world';
  return `${d.at}: "${d.pattern}" ${d.level}${world}\n`;
}

async function listTools(flags: SafetyFlags): Promise<number> {
  const cache = await cacheFile();
  const verdicts = cache.list();
  const declared = flags.config ? await declarations(flags.config) : [];
  if (flags.json) {
    out(`${terminalJson({ file: cache.file, tools: verdicts, declarations: declared })}\n`);
    return EXIT.ok;
  }
  if (verdicts.length === 0) out(`No tool has been classified yet (${cache.file}).\n`);
  else {
    out(`Verdicts in ${cache.file}:\n`);
    for (const v of verdicts) out(verdictLine(v));
  }
  if (flags.config) {
    out(declared.length > 0 ? `Declared in ${flags.config}:\n` : `${flags.config} declares no tool risk.\n`);
    for (const d of declared) out(declarationLine(d));
  }
  return EXIT.ok;
}

async function setTool(tool: string, level: string, flags: SafetyFlags): Promise<number> {
  const { ConfigError } = await import('../errors.js');
  if (!LEVELS.includes(level as RiskLevel)) {
    throw new ConfigError(`"${level}" is not a risk level; use one of ${LEVELS.join(', ')}.`);
  }
  const cache = await cacheFile();
  const entry = await cache.set(tool, level as RiskLevel, flags.openWorld);
  out(`${entry.name} is now ${entry.level}${entry.openWorld ? ' (open-world)' : ''} in ${cache.file}\n`);
  return EXIT.ok;
}
