/**
 * Where the Codex CLI binary the Codex SDK runs is installed (the platform package of `@openai/codex`,
 * found the way the SDK finds it), for a launcher that adds flags the SDK has no option for.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Target triples and platform packages, as the SDK knows them (Windows aside). */
const TARGETS: Readonly<Record<string, { triple: string; pkg: string }>> = {
  'linux-x64': { triple: 'x86_64-unknown-linux-musl', pkg: '@openai/codex-linux-x64' },
  'linux-arm64': { triple: 'aarch64-unknown-linux-musl', pkg: '@openai/codex-linux-arm64' },
  'darwin-x64': { triple: 'x86_64-apple-darwin', pkg: '@openai/codex-darwin-x64' },
  'darwin-arm64': { triple: 'aarch64-apple-darwin', pkg: '@openai/codex-darwin-arm64' },
};

/** The binary and the folders the SDK puts before PATH; undefined when it cannot be found here. */
export function codexBinary(): { executable: string; pathDirs: string[] } | undefined {
  const target = TARGETS[`${process.platform}-${process.arch}`];
  if (!target) return undefined;
  try {
    const own = createRequire(import.meta.url);
    const codexRequire = createRequire(own.resolve('@openai/codex/package.json'));
    const root = path.join(
      path.dirname(codexRequire.resolve(`${target.pkg}/package.json`)),
      'vendor',
      target.triple,
    );
    const executable = path.join(root, 'bin', 'codex');
    if (existsSync(executable)) {
      const dir = path.join(root, 'codex-path');
      return { executable, pathDirs: existsSync(dir) ? [dir] : [] };
    }
    const legacy = path.join(root, 'codex', 'codex');
    if (existsSync(legacy)) {
      const dir = path.join(root, 'path');
      return { executable: legacy, pathDirs: existsSync(dir) ? [dir] : [] };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
