/**
 * Loads a framework agent's module (`.ts` or `.js`) and, on request, the framework's own packages as
 * that module sees them. Both go through one tsx namespace, so the adapter uses the very classes the
 * agent was built with (a second copy of `@openai/agents` would not run the module's `Agent`).
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

/** A loaded module: its exports and an `import` resolving packages from its folder. */
export interface FrameworkModule {
  exports: Record<string, unknown>;
  /** Imports `specifier` (e.g. `@openai/agents`) as the module resolves it. */
  importPackage(specifier: string): Promise<Record<string, unknown>>;
}

const cache = new Map<string, Promise<FrameworkModule>>();

/** The module at the absolute path `file`, loaded once per process. Rejects when it cannot be loaded. */
export function loadFrameworkModule(file: string): Promise<FrameworkModule> {
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = load(file);
    cache.set(file, loaded);
    loaded.catch(() => cache.delete(file));
  }
  return loaded;
}

async function load(file: string): Promise<FrameworkModule> {
  const { register } = await import('tsx/esm/api');
  const api = register({ namespace: randomUUID() });
  const url = pathToFileURL(file).href;
  const exports = (await api.import(url, import.meta.url)) as Record<string, unknown>;
  return {
    exports,
    importPackage: async (specifier) => (await api.import(specifier, url)) as Record<string, unknown>,
  };
}
