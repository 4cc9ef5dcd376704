/**
 * DESIGN.md's boundaries, as tests: which folders may import which, and what the CLI entry and the
 * library entry load before anything runs (their static import closure).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The module specifiers a file imports at load time (type-only imports and `import()` excluded). */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const allTypes =
        clause !== undefined &&
        clause.name === undefined &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (!allTypes) specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      const named = node.exportClause;
      const allTypes =
        named !== undefined &&
        ts.isNamedExports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (!allTypes) specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every import of a file, type-only ones included (for folder rules). */
function allImports(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** A relative specifier as a source file path, or undefined for a package. */
function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base]) {
    if (candidate.startsWith(SRC) && /\.tsx?$/.test(candidate)) {
      try {
        readFileSync(candidate);
        return candidate;
      } catch {}
    }
  }
  return undefined;
}

/** The package a bare specifier names (`@scope/name` or `name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Packages loaded, directly or through local files, when `entry` is imported. */
function staticPackages(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      const local = resolveLocal(file, specifier);
      if (local) visit(local);
      else if (!specifier.startsWith('.') && !specifier.startsWith('node:'))
        packages.set(packageOf(specifier), path.relative(SRC, file));
    }
  };
  visit(entry);
  return packages;
}

const folderOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;
const ENGINE = [
  'agent',
  'coordination',
  'config',
  'providers',
  'tools',
  'memory',
  'events',
  'patterns',
  'workspace',
];
const HEAVY = [
  '@anthropic-ai/claude-agent-sdk',
  '@openai/codex-sdk',
  '@openai/agents',
  '@langchain/core',
  '@langchain/langgraph',
  '@mastra/core',
  'ink',
  'react',
  'better-sqlite3',
  'sqlite-vec',
  '@modelcontextprotocol/sdk',
  'marked',
  'marked-terminal',
  'hono',
  '@hono/node-server',
];

/** Imports of files in `folders` that break `allowed`; each as `file → specifier`. */
function violations(folders: string[], allowed: (specifier: string, target?: string) => boolean): string[] {
  return sourceFiles(SRC)
    .filter((file) => folders.includes(folderOf(file)))
    .flatMap((file) =>
      allImports(file)
        .filter((specifier) => !allowed(specifier, resolveLocal(file, specifier)))
        .map((specifier) => `${path.relative(SRC, file)} → ${specifier}`),
    );
}

describe('architecture', () => {
  it('the engine never imports the displays, the command line, the web server, Ink, React or Hono', () => {
    const bad = violations(ENGINE, (specifier, target) => {
      if (['ink', 'react', 'hono', '@hono/node-server'].includes(packageOf(specifier))) return false;
      return !target || !['ui', 'cli', 'web'].includes(folderOf(target));
    });
    expect(bad).toEqual([]);
  });

  it('displays import only the event stream, the contracts and their own modules', () => {
    const bad = violations(['ui'], (specifier, target) => {
      if (!specifier.startsWith('.')) return true;
      return target !== undefined && ['ui', 'events', 'types'].includes(folderOf(target));
    });
    expect(bad).toEqual([]);
  });

  it('agent/ is protocol-free: it never imports coordination/, patterns/, cli/ or ui/', () => {
    const bad = violations(['agent'], (_, target) => {
      return !target || !['coordination', 'patterns', 'cli', 'ui'].includes(folderOf(target));
    });
    expect(bad).toEqual([]);
  });

  it('types/ imports only types/, the event stream’s contracts and packages, all type-only', () => {
    const eventContracts = ['events/types.ts', 'events/channel.ts'].map((f) => path.join(SRC, f));
    const bad = violations(['types'], (specifier, target) => {
      if (!specifier.startsWith('.')) return true;
      return target !== undefined && (folderOf(target) === 'types' || eventContracts.includes(target));
    });
    const loaded = sourceFiles(path.join(SRC, 'types')).flatMap((file) =>
      staticImports(file).map((specifier) => `${path.relative(SRC, file)} → ${specifier} (not type-only)`),
    );
    expect([...bad, ...loaded]).toEqual([]);
  });

  it('types/ declares contracts only: no code runs when a types/ file loads', () => {
    const code = sourceFiles(path.join(SRC, 'types')).flatMap((file) => {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      return source.statements
        .filter(
          (node) =>
            !ts.isImportDeclaration(node) &&
            !ts.isInterfaceDeclaration(node) &&
            !ts.isTypeAliasDeclaration(node),
        )
        .map((node) => `${path.relative(SRC, file)}: ${node.getText(source).split('\n')[0]}`);
    });
    expect(code).toEqual([]);
  });

  it.each([
    ['the CLI entry', 'cli/main.ts'],
    ['the library entry', 'index.ts'],
  ])('%s loads no heavy module before a command needs it', (_, entry) => {
    const loaded = staticPackages(path.join(SRC, entry));
    const heavy = HEAVY.filter((name) => loaded.has(name)).map((name) => `${name} (via ${loaded.get(name)})`);
    expect(heavy).toEqual([]);
  });
});
