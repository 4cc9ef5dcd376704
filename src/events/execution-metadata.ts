/**
 * `execution_metadata.yaml`: what was run, with what, where (spec §5.6).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

/** What the caller knows about the run; any extra key is written too. */
export type ExecutionMetadata = {
  /** Absolute path of the config file, if any. */
  config_path?: string;
  /** The config as loaded (before any path relocation). Secrets in it are redacted. */
  config?: unknown;
  /** The command line arguments. */
  cli_args?: string[];
  [key: string]: unknown;
};

/** Keys whose values are never written to the log. */
const SECRET_KEY =
  /^(api[_-]?key|secret|.*[_-]secret|password|private[_-]?key|(access|auth|bearer|id)[_-]?token|authorization)$/i;

/** Replaces the values of secret-looking keys (`api_key`, `password`, …) with `***`. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && typeof inner === 'string' && inner !== '' ? '***' : redactSecrets(inner);
  }
  return out;
}

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

/** Fields of `execution_metadata.yaml`, in file order. */
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
    config: config === undefined ? null : redactSecrets(config),
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
