/**
 * The adapter of a framework agent named in YAML: `type: adapter`, `adapter: <framework>`,
 * `module: ./agents/x.ts` (relative to the config file), `export: name` (default: the default export).
 */
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import type { AdapterSetup, AgentAdapter } from '../../types/agent-adapter.js';
import { adapterFor, describeValue } from './adapter-for.js';
import { EXPECTED_EXPORT, FRAMEWORK_KINDS, FRAMEWORK_NAME, isFrameworkKind } from './kinds.js';
import { loadFrameworkModule } from './load-module.js';

/** Builds the adapter; throws a ConfigError naming the key (`<at>.module`, `<at>.export`) and the fix. */
export async function createFrameworkAdapter(setup: AdapterSetup, at: string): Promise<AgentAdapter> {
  const { backend } = setup;
  const kind = backend.adapter;
  if (!isFrameworkKind(kind)) {
    throw new ConfigError(
      `${at}.adapter: "${String(kind)}" is not a framework; use one of ${FRAMEWORK_KINDS.join(', ')}`,
    );
  }
  const file = typeof backend.module === 'string' ? backend.module : undefined;
  if (!file) {
    throw new ConfigError(
      `${at}.module: \`adapter: ${kind}\` needs \`module:\` (the file exporting the agent)`,
    );
  }
  const full = path.resolve(setup.baseDir, file);
  let loaded: Awaited<ReturnType<typeof loadFrameworkModule>>;
  try {
    loaded = await loadFrameworkModule(full);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(
      `${at}.module: could not load ${full}: ${reason}; give the path of the module exporting the agent, relative to the config file`,
    );
  }
  const name = typeof backend.export === 'string' ? backend.export : 'default';
  const found = Object.keys(loaded.exports).join(', ') || 'none';
  if (!(name in loaded.exports)) {
    throw new ConfigError(
      `${at}.export: ${full} exports nothing named "${name}" (its exports: ${found}); set \`export:\` to the name of ${EXPECTED_EXPORT[kind]}`,
    );
  }
  const value = loaded.exports[name];
  const adapter = adapterFor(kind, value, loaded.importPackage);
  if (!adapter) {
    throw new ConfigError(
      `${at}.export: "${name}" of ${full} is ${describeValue(value)}, not an agent of ${FRAMEWORK_NAME[kind]}; export ${EXPECTED_EXPORT[kind]}, or set \`adapter:\` to the framework it is built with`,
    );
  }
  return adapter;
}
