/**
 * Loads a custom tool module: `.js`/`.mjs`/`.cjs` with `import()`, `.ts`/`.mts`/`.cts` through tsx's
 * ESM API (`tsImport`, which compiles on the fly and leaves the process's loaders alone). Each file
 * is loaded once per process.
 */
import { pathToFileURL } from 'node:url';

const cache = new Map<string, Promise<Record<string, unknown>>>();

/** The module's exports. Rejects when the file cannot be loaded. */
export function loadToolModule(file: string): Promise<Record<string, unknown>> {
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = importFile(file);
    cache.set(file, loaded);
    loaded.catch(() => cache.delete(file));
  }
  return loaded;
}

async function importFile(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (/\.(m|c)?ts$/i.test(file)) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}
