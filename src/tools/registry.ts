/**
 * One agent's tools: provider-native, custom and MCP entries (workflow tools are added per phase),
 * the AI SDK tool set of each model call, and the hooks every execution passes through.
 */
import { jsonSchema, type Tool, type ToolSet, tool } from 'ai';
import type {
  AgentToolHooks,
  ExecuteOptions,
  ToolCallOutcome,
  ToolCallRequest,
  ToolSetOptions,
} from '../types/agent-tools.js';
import { executeTool } from './execute.js';
import { applyToolFilter, type ToolFilter } from './filter.js';
import { uniqueToolName } from './names.js';
import type { BeforeCallHook, ToolEntry } from './types.js';

/** Options of a {@link ToolRegistry}. */
export interface ToolRegistryOptions {
  agentId: string;
  /** The backend's `allowed_tools` / `exclude_tools` (applied to custom and MCP tools). */
  filter?: ToolFilter;
  /**
   * The provider cannot combine its native tools with function tools in one request (Gemini before
   * 3): native tools are then sent only in requests that have no function tools.
   */
  nativeToolsExclusive?: boolean;
}

export class ToolRegistry implements AgentToolHooks {
  readonly agentId: string;
  private readonly filter: ToolFilter;
  private readonly nativeExclusive: boolean;
  private readonly byName = new Map<string, ToolEntry>();
  private readonly sdkTools = new WeakMap<ToolEntry, Tool>();
  private readonly hooks: BeforeCallHook[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  constructor(options: ToolRegistryOptions) {
    this.agentId = options.agentId;
    this.filter = options.filter ?? {};
    this.nativeExclusive = options.nativeToolsExclusive ?? false;
  }

  /**
   * Adds entries; custom and MCP entries go through the backend's filter first. A name already
   * taken gets a `_2` suffix. Returns the entries added, with their final names.
   */
  add(entries: readonly ToolEntry[]): ToolEntry[] {
    const local = entries.filter((e) => e.source === 'custom' || e.source === 'mcp');
    const kept = new Set(applyToolFilter(local, this.filter));
    const added: ToolEntry[] = [];
    for (const entry of entries) {
      if ((entry.source === 'custom' || entry.source === 'mcp') && !kept.has(entry)) continue;
      const name = uniqueToolName(entry.name, new Set(this.byName.keys()));
      const final = name === entry.name ? entry : { ...entry, name };
      this.byName.set(name, final);
      added.push(final);
    }
    return added;
  }

  /** Removes the entries `match` selects; returns their names. */
  remove(match: (entry: ToolEntry) => boolean): string[] {
    const removed: string[] = [];
    for (const [name, entry] of this.byName) {
      if (!match(entry)) continue;
      this.byName.delete(name);
      removed.push(name);
    }
    return removed;
  }

  get(name: string): ToolEntry | undefined {
    return this.byName.get(name);
  }

  /** Every entry, in the order added. */
  entries(): ToolEntry[] {
    return [...this.byName.values()];
  }

  /** Whether the agent executes `name` itself (a custom or MCP tool it has now). */
  isExecutable(name: string): boolean {
    return this.byName.get(name)?.execute !== undefined;
  }

  /** Runs one call through the one execution path (see {@link executeTool}). */
  execute(call: ToolCallRequest, options: ExecuteOptions): Promise<ToolCallOutcome> {
    return executeTool(this, call, options);
  }

  /** Adds a check that runs before every execution (see {@link BeforeCallHook}). */
  addBeforeCall(hook: BeforeCallHook): void {
    this.hooks.push(hook);
  }

  /** The checks that run before every execution, in order. */
  beforeCallHooks(): readonly BeforeCallHook[] {
    return this.hooks;
  }

  /** Registers work (an MCP server starting) that the agent's first model call waits for. */
  waitFor(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  /** Resolves once the registered start-up work has settled, or when `signal` aborts. */
  async ready(signal?: AbortSignal): Promise<void> {
    if (this.pending.size === 0) return;
    const all = Promise.all([...this.pending]);
    if (!signal) {
      await all;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      void all.then(done);
    });
  }

  /** The AI SDK tools of one model call: workflow tools first, then the registry's. */
  toolSet(options: ToolSetOptions = {}): ToolSet {
    const set: ToolSet = { ...(options.workflow ?? {}) };
    const includeLocal = options.local ?? true;
    const native: Array<[string, Tool]> = [];
    for (const entry of this.byName.values()) {
      if (entry.source === 'provider') {
        if (entry.sdkTool) native.push([entry.name, entry.sdkTool]);
        continue;
      }
      if (!includeLocal || set[entry.name] !== undefined) continue;
      set[entry.name] = this.sdkTool(entry);
    }
    const hasFunctions = Object.keys(set).length > 0;
    if (!(this.nativeExclusive && hasFunctions)) for (const [name, t] of native) set[name] = t;
    return set;
  }

  /** The function tool sent for an entry (built once). */
  private sdkTool(entry: ToolEntry): Tool {
    let built = entry.sdkTool ?? this.sdkTools.get(entry);
    if (!built) {
      // No `execute`: the SDK stops at the call and the agent's loop runs it through executeTool.
      // Not strict: MCP and custom schemas rarely qualify (optional properties, open objects).
      built = tool({
        description: entry.description,
        inputSchema: jsonSchema(entry.inputSchema as Parameters<typeof jsonSchema>[0]),
        strict: false,
      });
      this.sdkTools.set(entry, built);
    }
    return built;
  }
}

/** Entries describing a phase's workflow tools (for listings; the orchestrator judges the calls). */
export function workflowEntries(workflow: ToolSet): ToolEntry[] {
  return Object.entries(workflow).map(([name, t]) => ({
    name,
    description: t.description ?? '',
    inputSchema: { type: 'object' },
    source: 'workflow',
    timeoutMs: 0,
    sdkTool: t,
  }));
}
