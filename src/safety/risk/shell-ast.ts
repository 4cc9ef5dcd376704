/**
 * The AST of `@ericcornelissen/bash-parser` (the fields read here; see its documents/ast.md), and the
 * parser itself, loaded on first use: it takes tens of milliseconds to load, which a run that never
 * judges a command should not pay.
 */
import { createRequire } from 'node:module';

/** A word (`Word`, `AssignmentWord`, `Name`): text, dequoted unless it holds expansions. */
export interface AstWord {
  type: 'Word' | 'AssignmentWord' | 'Name';
  text: string;
  expansion?: AstExpansion[];
}

/** An expansion inside a word; `loc` indexes the word's raw text, `end` inclusive. */
export interface AstExpansion {
  type: 'ParameterExpansion' | 'CommandExpansion' | 'ArithmeticExpansion';
  loc: { start: number; end: number };
  parameter?: string;
  op?: string;
  command?: string;
  commandAST?: AstNode;
}

export interface AstRedirect {
  type: 'Redirect';
  op: { text: string; type: string };
  file: AstWord;
  numberIo?: { text: string };
}

/** Any node of the tree (compound nodes keep their children in the fields below). */
export interface AstNode {
  type: string;
  async?: boolean;
  commands?: AstNode[];
  name?: AstWord;
  prefix?: Array<AstWord | AstRedirect>;
  suffix?: Array<AstWord | AstRedirect>;
  redirections?: AstRedirect[];
  left?: AstNode;
  right?: AstNode;
  list?: AstNode;
  body?: AstNode;
  clause?: AstNode | AstWord;
  then?: AstNode;
  else?: AstNode;
  do?: AstNode;
  wordlist?: AstWord[];
  cases?: Array<{ pattern?: AstWord[]; body?: AstNode }>;
}

type Parse = (source: string) => AstNode;

let parser: Parse | undefined;

/** Parses a shell script (POSIX mode). Throws on a syntax the parser does not accept. */
export function parseShell(source: string): AstNode {
  parser ??= createRequire(import.meta.url)('@ericcornelissen/bash-parser') as Parse;
  return parser(source);
}
