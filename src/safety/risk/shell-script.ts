/**
 * A shell command line read as the shell would run it: every simple command (inside pipes, lists,
 * subshells, groups, conditionals, loops, function bodies and `$(…)` / backtick substitutions), its
 * words with quoting and escapes removed, `$HOME` read as `~`, and its redirections. Parsed with
 * `@ericcornelissen/bash-parser`; what it does not accept is read by a small lexer instead (see
 * shell-fallback.ts), so a syntax error never hides a command.
 */

import { type AstExpansion, type AstNode, type AstRedirect, type AstWord, parseShell } from './shell-ast.js';
import { readFallback } from './shell-fallback.js';
import { expandFields, FIELD_BREAK } from './shell-fields.js';
import { withoutHeredocs } from './shell-heredoc.js';

/** One word after quote removal. `dynamic`: part of it is only known when the command runs. */
export interface ShellWord {
  value: string;
  dynamic: boolean;
}

/** A redirection: `>`, `>>`, `>|`, `<`, `>&`, … and what it names. */
export interface ShellRedirect {
  op: string;
  target: ShellWord;
}

/** One simple command. A command without a name only assigns variables or redirects. */
export interface SimpleCommand {
  name?: ShellWord;
  args: ShellWord[];
  redirects: ShellRedirect[];
}

/** Everything a command line runs. */
export interface ShellScript {
  /** In the order the shell meets them (substitutions before the command that holds them). */
  commands: SimpleCommand[];
  /** Functions the script defines: calling one runs its body, which is in `commands` already. */
  functions: Set<string>;
  /** The name of a function that calls itself in a pipe or in the background (a fork bomb). */
  forkBomb?: string;
  /** False when the shell parser refused the text and the fallback lexer read it. */
  parsed: boolean;
}

/** How deep substitutions and `sh -c` scripts are followed. */
export const MAX_SHELL_DEPTH = 8;
/** Longer command lines are read by the fallback lexer only (the parser is slow on huge input). */
const MAX_PARSED_LENGTH = 20_000;

/** Parameters whose expansion is the home folder (`${HOME:-x}` and `${HOME:?}` are too). */
const HOME_OPS = new Set([undefined, 'useDefaultValue', 'assignDefaultValue', 'indicateErrorIfNull']);

function isHome(expansion: AstExpansion): boolean {
  return (
    expansion.type === 'ParameterExpansion' && expansion.parameter === 'HOME' && HOME_OPS.has(expansion.op)
  );
}

/**
 * The value of a word. The parser dequotes words without expansions; a word with expansions keeps
 * its raw text, which is dequoted here, each expansion replaced (`~` for `$HOME`, nothing otherwise).
 */
export function wordValue(word: AstWord): ShellWord {
  const expansions = word.expansion ?? [];
  if (expansions.length === 0) return { value: word.text, dynamic: false };
  const text = word.text;
  const at = new Map(expansions.map((e) => [e.loc.start, e]));
  let value = '';
  let dynamic = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; ) {
    const expansion = quote === "'" ? undefined : at.get(i);
    if (expansion) {
      if (isHome(expansion)) value += '~';
      else if (
        expansion.type === 'ParameterExpansion' &&
        expansion.parameter === 'IFS' &&
        quote === undefined
      ) {
        value += FIELD_BREAK;
      } else dynamic = true;
      i = expansion.loc.end + 1;
      continue;
    }
    const c = text[i]!;
    const next = text[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else value += c;
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
        value += next;
        i++;
      } else value += c;
      i++;
    } else if (c === "'" || c === '"') {
      quote = c;
      i++;
    } else if (c === '\\' && next !== undefined) {
      value += next;
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  return { value, dynamic };
}

interface Walk {
  out: { commands: SimpleCommand[]; functions: Set<string>; forkBomb?: string };
  depth: number;
}

const isRedirect = (item: AstWord | AstRedirect): item is AstRedirect => item.type === 'Redirect';

/** The commands of `$(…)` and backtick substitutions in a word run before the word is used. */
function substitutions(word: AstWord | undefined, walk: Walk): void {
  for (const expansion of word?.expansion ?? []) {
    if (expansion.type !== 'CommandExpansion') continue;
    if (expansion.commandAST && walk.depth < MAX_SHELL_DEPTH) {
      visit(expansion.commandAST, { ...walk, depth: walk.depth + 1 });
    } else if (expansion.command !== undefined) {
      // An unparsed substitution is still a command of unknown effect.
      walk.out.commands.push({ name: { value: '', dynamic: true }, args: [], redirects: [] });
    }
  }
}

function redirectOf(redirect: AstRedirect, walk: Walk): ShellRedirect {
  substitutions(redirect.file, walk);
  return { op: redirect.op.text, target: wordValue(redirect.file) };
}

function simple(node: AstNode, walk: Walk): void {
  const command: SimpleCommand = { args: [], redirects: [] };
  for (const item of node.prefix ?? []) {
    if (isRedirect(item)) command.redirects.push(redirectOf(item, walk));
    else substitutions(item, walk);
  }
  if (node.name) {
    substitutions(node.name, walk);
    command.name = wordValue(node.name);
  }
  for (const item of node.suffix ?? []) {
    if (isRedirect(item)) command.redirects.push(redirectOf(item, walk));
    else {
      substitutions(item, walk);
      command.args.push(wordValue(item));
    }
  }
  walk.out.commands.push(expanded(command));
}

/** The command with its words split and brace-expanded (see shell-fields.ts). */
export function expanded(command: SimpleCommand): SimpleCommand {
  const [name, ...args] = expandFields(command.name ? [command.name, ...command.args] : command.args);
  return command.name ? { ...command, name, args } : { ...command, args: expandFields(command.args) };
}

/** Whether the body of function `name` calls it in a pipe or in the background. */
function callsItselfInParallel(body: AstNode | undefined, name: string): boolean {
  const named = (node: AstNode) => node.type === 'Command' && node.name?.text === name;
  const search = (node: AstNode | undefined, parallel: boolean): boolean => {
    if (!node) return false;
    if (named(node)) return parallel || node.async === true;
    const inner = parallel || node.async === true || node.type === 'Pipeline';
    const children = [
      ...(node.commands ?? []),
      node.left,
      node.right,
      node.list,
      node.body,
      node.then,
      node.else,
      node.do,
      ...(node.cases ?? []).map((c) => c.body),
      node.clause && 'type' in node.clause && node.clause.type !== 'Word'
        ? (node.clause as AstNode)
        : undefined,
    ];
    return children.some((child) => search(child, inner));
  };
  return search(body, false);
}

function groupRedirects(redirects: AstRedirect[] | undefined, walk: Walk): void {
  if (!redirects?.length) return;
  walk.out.commands.push({ args: [], redirects: redirects.map((r) => redirectOf(r, walk)) });
}

function visit(node: AstNode | undefined, walk: Walk): void {
  if (!node) return;
  switch (node.type) {
    case 'Command':
      simple(node, walk);
      return;
    case 'Function': {
      const name = node.name?.text ?? '';
      walk.out.functions.add(name);
      if (callsItselfInParallel(node.body, name)) walk.out.forkBomb ??= name;
      visit(node.body, walk);
      groupRedirects(node.redirections, walk);
      return;
    }
    case 'For':
      for (const word of node.wordlist ?? []) substitutions(word, walk);
      visit(node.do, walk);
      return;
    case 'Case':
      substitutions(node.clause as AstWord | undefined, walk);
      for (const item of node.cases ?? []) visit(item.body, walk);
      return;
    default:
      for (const child of node.commands ?? []) visit(child, walk);
      for (const child of [node.left, node.right, node.list, node.body, node.then, node.else, node.do]) {
        visit(child, walk);
      }
      if (node.clause && (node.clause as AstNode).type !== 'Word') visit(node.clause as AstNode, walk);
      groupRedirects(node.redirections, walk);
  }
}

/** Reads a command line (see the file comment). `depth` counts the enclosing `sh -c` scripts. */
export function readScript(text: string, depth = 0): ShellScript {
  const source = withoutHeredocs(text);
  if (source.trim() === '') return { commands: [], functions: new Set(), parsed: true };
  if (source.length > MAX_PARSED_LENGTH)
    return readFallback(source, depth, readScript, MAX_SHELL_DEPTH, expanded);
  let tree: AstNode;
  try {
    tree = parseShell(source);
  } catch {
    return readFallback(source, depth, readScript, MAX_SHELL_DEPTH, expanded);
  }
  const walk: Walk = { out: { commands: [], functions: new Set() }, depth };
  visit(tree, walk);
  return { ...walk.out, parsed: true };
}
