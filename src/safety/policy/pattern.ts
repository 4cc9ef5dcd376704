/**
 * Policy patterns: `tool`, `tool(argument glob)`, `server:<name>`, `risk:<level>`. A tool part is the
 * name the model sees (`mcp__github__create_*`, `execute_command`) with `*` globs; the argument glob
 * is matched against the call's primary argument (the command of `execute_command`, the path of a
 * file tool). MassGen's action names are accepted too: `command(…)` is `execute_command`,
 * `write_file(…)` also covers `edit_file`, `read_file(…)` the reading file tools, `read_url(…)` tools
 * that fetch URLs, and `mcp(server/tool)` the tool `mcp__server__tool`.
 */
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import type { RiskLevel } from '../../types/safety.js';

/** What a pattern is matched against. */
export interface PatternSubject {
  toolName: string;
  input: unknown;
  level: RiskLevel;
  /** Resolves a relative path argument (against the agent's workspace). */
  resolvePath?: (file: string) => string;
}

/**
 * How a pattern is used. A `grant` (allow, ask) covers one simple command only: a command line with
 * `;`, `&`, `|`, a newline, a redirection or a substitution is not matched by it. A `deny` is matched
 * against the whole line and against each of its parts.
 */
export type MatchMode = 'grant' | 'deny';

/** A parsed pattern. */
export interface Pattern {
  /** As written. */
  text: string;
  matches(subject: PatternSubject, mode: MatchMode): boolean;
}

/** What is wrong with a pattern (never leaves this module: see {@link readPattern}). */
class BadPattern extends Error {}

const RISK_LEVELS: readonly RiskLevel[] = ['read-only', 'reversible', 'irreversible', 'unknown'];
/** Tools of MassGen's action vocabulary, by action. */
const ACTION_TOOLS: Readonly<Record<string, readonly string[]>> = {
  command: ['execute_command', 'mcp__*__execute_command', 'mcp__*__run_command'],
  write_file: ['write_file', 'edit_file', 'mcp__*__write_file', 'mcp__*__edit_file'],
  read_file: ['read_file', 'list_directory', 'search_files', 'mcp__*__read_*file', 'mcp__*__list_directory'],
  read_url: ['*fetch*', '*read_url*', '*web_search*', '*browse*'],
};
/** Argument names holding a call's primary argument, most specific first. */
const PRIMARY_KEYS = ['command', 'cmd', 'path', 'file_path', 'url', 'destination', 'target', 'uri'];
const PATH_KEYS = new Set(['path', 'file_path', 'destination', 'target']);
const TOOL_PART = /^[A-Za-z0-9_.*?\-[\]]+$/;
/** Characters that make a primary argument unsafe to write into a rule as it is. */
export const GLOB_CHARS = /[*?[\]{}()!+@\\]/;

/** The primary argument of a call: its name and value (a string), if it has one. */
export function primaryArgument(input: unknown): { key: string; value: string } | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const args = input as Record<string, unknown>;
  for (const key of PRIMARY_KEYS) {
    const value = args[key];
    if (typeof value === 'string' && value !== '') return { key, value };
  }
  return undefined;
}

function compile(glob: string, options: { bash: boolean }): (text: string) => boolean {
  try {
    return picomatch(glob, { bash: options.bash, dot: true, strictBrackets: true });
  } catch (error) {
    throw new BadPattern(`the glob \`${glob}\` is not valid (${(error as Error).message})`);
  }
}

/** `~` and `~/…` in a path glob mean the user's home. */
function expandHome(glob: string): string {
  if (glob === '~') return os.homedir();
  return glob.startsWith('~/') ? path.join(os.homedir(), glob.slice(2)) : glob;
}

function toolMatcher(part: string): (name: string) => boolean {
  if (!TOOL_PART.test(part)) {
    throw new BadPattern(
      `\`${part}\` is not a tool name (letters, digits, \`_\`, \`-\`, \`.\` and \`*\` globs)`,
    );
  }
  const names = ACTION_TOOLS[part] ?? [part];
  const matchers = names.map((n) => compile(n, { bash: true }));
  return (name) => matchers.some((m) => m(name));
}

/** Shell operators that join commands or feed them from elsewhere. */
const COMPOUND = /[;&|\n`<>]|\$\(/;

function commandMatches(match: (text: string) => boolean, command: string, mode: MatchMode): boolean {
  const line = command.trim();
  if (mode === 'grant') return !COMPOUND.test(line) && match(line);
  const parts = line.split(/[;&|\n`()<>]+|\$\(/).map((p) => p.trim());
  return match(line.replace(/\s+/g, ' ')) || parts.some((p) => p !== '' && match(p));
}

function argumentMatcher(
  glob: string,
): (input: unknown, mode: MatchMode, resolve?: (file: string) => string) => boolean {
  if (glob.trim() === '') throw new BadPattern('the argument glob between `(` and `)` is empty');
  const asText = compile(glob, { bash: true });
  const asPath = compile(expandHome(glob), { bash: false });
  const any = glob.trim() === '*' || glob.trim() === '**';
  return (input, mode, resolve) => {
    if (any) return true;
    const primary = primaryArgument(input);
    if (!primary) return false;
    if (primary.key === 'command' || primary.key === 'cmd')
      return commandMatches(asText, primary.value, mode);
    if (!PATH_KEYS.has(primary.key)) return asText(primary.value);
    const raw = primary.value;
    const candidates = new Set([raw, path.normalize(raw)]);
    if (raw === '~' || raw.startsWith('~/')) candidates.add(expandHome(raw));
    else if (!path.isAbsolute(raw) && resolve) candidates.add(resolve(raw));
    return [...candidates].some((c) => asPath(c));
  };
}

/** Parses one pattern, or says what is wrong with it. */
export function readPattern(text: string): Pattern | string {
  try {
    return parsePattern(text);
  } catch (error) {
    if (error instanceof BadPattern) return error.message;
    throw error;
  }
}

/** Parses one pattern; throws an error saying what is wrong with it. */
export function parsePattern(text: string): Pattern {
  const source = text.trim();
  if (source === '') throw new BadPattern('the pattern is empty');
  const risk = /^risk:\s*(.*)$/.exec(source);
  if (risk) {
    const level = risk[1]!.trim() as RiskLevel;
    if (!RISK_LEVELS.includes(level)) {
      throw new BadPattern(`\`${risk[1]}\` is not a risk level (${RISK_LEVELS.join(', ')})`);
    }
    return { text, matches: (s) => s.level === level };
  }
  const server = /^server:\s*(.*)$/.exec(source);
  if (server) {
    const name = server[1]!.trim();
    if (!/^[A-Za-z0-9_.*-]+$/.test(name)) throw new BadPattern(`\`${name}\` is not a server name`);
    const match = compile(`mcp__${name}__*`, { bash: true });
    return { text, matches: (s) => match(s.toolName) };
  }
  const open = source.indexOf('(');
  if (open === -1) {
    if (source.includes(')')) throw new BadPattern('a `)` without its `(`');
    const tool = toolMatcher(source);
    return { text, matches: (s) => tool(s.toolName) };
  }
  if (!source.endsWith(')')) throw new BadPattern('the argument glob must end with `)`');
  const toolPart = source.slice(0, open).trim();
  const glob = source.slice(open + 1, -1);
  if (toolPart === '') throw new BadPattern('no tool name before `(`');
  if (toolPart === 'mcp') {
    const [serverName, toolName, ...rest] = glob.split('/');
    if (!serverName || !toolName || rest.length > 0) {
      throw new BadPattern('`mcp(…)` takes `server/tool` (globs allowed)');
    }
    const match = compile(`mcp__${serverName}__${toolName}`, { bash: true });
    return { text, matches: (s) => match(s.toolName) };
  }
  const tool = toolMatcher(toolPart);
  const argument = argumentMatcher(glob);
  return { text, matches: (s, mode) => tool(s.toolName) && argument(s.input, mode, s.resolvePath) };
}
