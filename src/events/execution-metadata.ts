/**
 * `execution_metadata.yaml`: what was run, with what, where (spec §5.6).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { createRedactor } from './redaction.js';

/** What the caller knows about the run; any extra key is written too. */
export type ExecutionMetadata = {
  /** Absolute path of the config file, if any. */
  config_path?: string;
  /** The config as loaded (before any path relocation). Secrets in it are redacted (see redaction.ts). */
  config?: unknown;
  /** The command line arguments. */
  cli_args?: string[];
  [key: string]: unknown;
};

let versionPromise: Promise<string | null> | undefined;

/** The version in MassGen-TS's own package.json (found by walking up from this module), or null. */
export function massgenVersion(): Promise<string | null> {
  versionPromise ??= findVersion();
  return versionPromise;
}

async function findVersion(): Promise<string | null> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'massgen' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here; keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/**
 * Fields of `execution_metadata.yaml`, in file order. Secret settings of the config are blanked
 * by key here; the recorder also blanks known secret values everywhere in the fields.
 */
export function buildExecutionMetadata(options: {
  question: string;
  /** When the run started, ms since the epoch. */
  startedAt: number;
  metadata?: ExecutionMetadata;
  version: string | null;
}): Record<string, unknown> {
  const { config_path, config, cli_args, ...extra } = options.metadata ?? {};
  return {
    query: options.question,
    timestamp: new Date(options.startedAt).toISOString(),
    config_path: config_path ?? null,
    config: config === undefined ? null : createRedactor({}).redact(config),
    cli_args: cli_args ?? process.argv.slice(2),
    massgen_version: options.version,
    node_version: process.version,
    cwd: process.cwd(),
    ...extra,
  };
}

/** Renders the metadata as YAML. */
export function renderExecutionMetadata(fields: Record<string, unknown>): string {
  return stringify(fields, { lineWidth: 0 });
}
