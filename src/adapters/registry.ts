/**
 * Which adapter runs an agent: the built-in adapter of its backend `type` (loaded on first use, so a
 * run without adapter agents never loads an agent SDK), or the module a `type: adapter` backend names
 * (`module: ./my-adapter.ts`, `export: myAdapter`; a factory or an adapter object), or with `adapter:`
 * an agent of another framework that module exports (src/adapters/frameworks).
 */
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { type BackendType, backendInfo } from '../providers/catalog.js';
import type { AdapterFactory, AdapterSetup, AgentAdapter } from '../types/agent-adapter.js';

const BUILT_IN: Readonly<Record<string, () => Promise<AdapterFactory>>> = {
  claude_code: async () => (await import('./claude-code/adapter.js')).createClaudeCodeAdapter,
  codex: async () => (await import('./codex/adapter.js')).createCodexAdapter,
  gemini_cli: async () => (await import('./gemini-cli/adapter.js')).createGeminiCliAdapter,
  copilot: async () => (await import('./copilot/adapter.js')).createCopilotAdapter,
};

/** Whether agents of backend `type` are run by an adapter. */
export function isAdapterType(type: string): boolean {
  try {
    return backendInfo(type as BackendType).adapter === true;
  } catch {
    return false;
  }
}

function isAdapter(value: unknown): value is AgentAdapter {
  return typeof value === 'object' && value !== null && typeof (value as AgentAdapter).run === 'function';
}

/** The adapter of one agent. Throws a ConfigError naming the key when it cannot be built. */
export async function createAdapter(setup: AdapterSetup, at: string): Promise<AgentAdapter> {
  const { backend } = setup;
  const builtIn = BUILT_IN[backend.type];
  if (builtIn) return (await builtIn())(setup);
  if (backend.type === 'adapter' && backend.adapter !== undefined) {
    return (await import('./frameworks/factory.js')).createFrameworkAdapter(setup, at);
  }
  if (backend.type !== 'adapter') {
    throw new ConfigError(`${at}.type: backend type "${backend.type}" has no adapter`);
  }
  const file = typeof backend.module === 'string' ? backend.module : undefined;
  if (!file) {
    throw new ConfigError(`${at}.module: a \`type: adapter\` backend needs \`module:\` (the adapter's file)`);
  }
  const name = typeof backend.export === 'string' ? backend.export : 'default';
  const full = path.resolve(setup.baseDir, file);
  const { loadToolModule } = await import('../tools/custom/load-module.js');
  let exports: Record<string, unknown>;
  try {
    exports = await loadToolModule(full);
  } catch (error) {
    throw new ConfigError(
      `${at}.module: could not load the adapter module ${full}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const value = exports[name];
  if (isAdapter(value)) return value;
  if (typeof value === 'function') {
    const made: unknown = await (value as AdapterFactory)(setup);
    if (isAdapter(made)) return made;
  }
  const found = Object.keys(exports).join(', ') || 'none';
  throw new ConfigError(
    `${at}.export: ${full} exports no adapter named "${name}" (an object with run(), or a function returning one); its exports: ${found}`,
  );
}
