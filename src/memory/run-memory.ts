/**
 * Memory for one run: builds each agent's hooks (conversation compression, recall), compresses a
 * session's history, and after the run records what the final answer established.
 *
 * Scopes: memories belong to a user (`persistent_memory.user_id`, default `default`), an agent scope
 * and a session. The run-level record is written to the shared scope (the top-level `agent_name`,
 * default `team`), since the final answer is the whole team's; each agent recalls the shared scope
 * plus its own (`agent_name`, default its id). With `exclude_recent` (default) memories created in the
 * current session are not recalled.
 *
 * Configuration problems (unknown provider, missing key) throw ConfigError before the run starts; any
 * later failure (database corrupted, or still locked after the retries; a model or embedding call
 * failing) becomes a warning notice and an entry of {@link RunMemory.errors}: the run goes on and its
 * answer is never lost. Runs in parallel share one database: a busy one is waited for (see sqlite.ts).
 */
import type { MassGenConfig } from '../config/schema.js';
import { errorText } from '../error-text.js';
import type { EventInput } from '../events/types.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import type { HistoryMessage } from '../types/history.js';
import type { RunResult } from '../types/run-result.js';
import { AgentMemoryHooks, memorySection } from './agent-memory.js';
import { ConversationMemory } from './conversation-memory.js';
import { compressHistory } from './history-compression.js';
import { MemoryResources } from './resources.js';
import {
  type AgentMemorySettings,
  agentMemorySettings,
  type PersistentSettings,
  sharedScope,
} from './settings.js';
import { modelSummariser, type Summariser } from './summarise.js';
import { contextWindow } from './tokens.js';

export interface RunMemoryOptions {
  config: MassGenConfig;
  /** The run's agents; each one with memory gets its hooks as `agent.memory`. */
  agents: readonly AgentRuntime[];
  env?: NodeJS.ProcessEnv;
  /** Where relative store paths resolve; default the working directory. */
  cwd?: string;
}

interface AgentEntry {
  agent: AgentRuntime;
  settings: AgentMemorySettings;
  summarise?: Summariser;
  window?: number;
  hooks: AgentMemoryHooks;
}

export class RunMemory {
  /** Memory failures of this run, as reported (for the CLI's stderr). */
  readonly errors: string[] = [];
  private readonly entries = new Map<string, AgentEntry>();
  private readonly resources: MemoryResources;
  private emit: (event: EventInput) => void = () => {};
  private sessionId = '';
  private signal: AbortSignal | undefined;

  private constructor(private readonly options: RunMemoryOptions) {
    this.resources = new MemoryResources(options.env);
  }

  /**
   * Memory for a run, or undefined when no agent has memory on; sets `agent.memory` on the agents
   * that have it. Throws ConfigError for memory models that cannot be built (unknown provider, no key).
   */
  static async create(options: RunMemoryOptions): Promise<RunMemory | undefined> {
    const { config } = options;
    const cwd = options.cwd ?? process.cwd();
    const agentConfigs = new Map(config.agents.map((a) => [a.id, a]));
    const settings = options.agents.map((agent) =>
      agentMemorySettings(agent.id, config.memory, agentConfigs.get(agent.id)?.memory, cwd),
    );
    if (settings.every((s) => !s.compression && !s.persistent)) return undefined;
    const memory = new RunMemory(options);
    await Promise.all(options.agents.map((agent, i) => memory.addAgent(agent, settings[i]!)));
    for (const agent of options.agents) agent.memory = memory.entries.get(agent.id)?.hooks;
    return memory;
  }

  /**
   * Connects the memory to the run: its events go to `emit`. `sessionId` scopes the memories of this
   * run; `signal` (the run's interrupt and deadline) ends any memory call still running. (The
   * agents' input tokens reach their hooks from their executions: `AgentMemory.observeUsage`.)
   */
  connect(emit: (event: EventInput) => void, sessionId: string, signal?: AbortSignal): void {
    this.emit = emit;
    this.sessionId = sessionId;
    this.signal = signal;
  }

  private async addAgent(agent: AgentRuntime, settings: AgentMemorySettings): Promise<void> {
    const c = settings.compression;
    let summarise: Summariser | undefined;
    let window: number | undefined;
    let conversation: ConversationMemory | undefined;
    if (c) {
      summarise = c.llm
        ? (await this.resources.llm(c.llm)).summarise
        : modelSummariser(agent.model, agent.settings);
      window = await contextWindow(agent.backendType, agent.modelId, c.contextWindowTokens);
      conversation = new ConversationMemory({
        agentId: agent.id,
        window,
        triggerThreshold: c.triggerThreshold,
        targetRatio: c.targetRatio,
        summarise,
      });
    }
    const p = settings.persistent;
    // Built now so that a missing key is a configuration error before the run, not a warning after it.
    if (p) await this.resources.embedder(p.embedding);
    if (p?.llm) await this.resources.llm(p.llm);
    const hooks = new AgentMemoryHooks({
      emit: (event) => this.emit(event),
      conversation,
      retrieve: p ? (question) => this.retrieve(agent.id, p, question) : undefined,
    });
    this.entries.set(agent.id, { agent, settings, summarise, window, hooks });
  }

  private sessionOf(p: PersistentSettings): string {
    return p.sessionName ?? this.sessionId;
  }

  /** Reports a failure once, as a warning notice and in {@link errors}. */
  private report(text: string, agentId?: string): void {
    const full = `memory: ${text}`;
    if (this.errors.includes(full)) return;
    this.errors.push(full);
    this.emit({ type: 'notice', level: 'warning', message: full, agentId });
  }

  private async retrieve(
    agentId: string,
    p: PersistentSettings,
    question: string,
  ): Promise<string | undefined> {
    try {
      const ltm = await this.resources.longTerm(p, 'read', this.signal);
      const hits = await ltm.recall(
        question,
        p.retrievalLimit,
        {
          userId: p.userId,
          agentIds: [...new Set([sharedScope(this.options.config.memory), p.agentScope])],
          excludeSessionId: p.excludeRecent ? this.sessionOf(p) : undefined,
        },
        this.signal,
      );
      this.emit({
        type: 'memory-recalled',
        agentId,
        memories: hits.map((h) => ({ id: h.id, text: h.text })),
      });
      return memorySection(hits.map((h) => h.text));
    } catch (error) {
      if (!this.signal?.aborted) this.report(`recall skipped: ${errorText(error)}`, agentId);
      return undefined;
    }
  }

  /**
   * Condenses a session's history when it is too long for the smallest window among agents with
   * compression. Never throws: on failure the history is returned as it is.
   */
  async compactHistory(history: HistoryMessage[], signal: AbortSignal): Promise<HistoryMessage[]> {
    const withCompression = [...this.entries.values()].filter((e) => e.summarise && e.window);
    if (history.length === 0 || withCompression.length === 0) return history;
    const smallest = withCompression.reduce((a, b) => (b.window! < a.window! ? b : a));
    try {
      const done = await compressHistory({
        history,
        window: smallest.window!,
        targetRatio: smallest.settings.compression!.targetRatio,
        summarise: smallest.summarise!,
        signal,
      });
      if (!done) return history;
      const { history: compacted, ...figures } = done;
      this.emit({ type: 'memory-compressed', agentId: smallest.agent.id, scope: 'history', ...figures });
      return compacted;
    } catch (error) {
      // An interrupted run is ended by the orchestrator, which sees the same signal.
      if (!signal.aborted)
        this.report(`could not compress the session history (${errorText(error)}); using it as it is`);
      return history;
    }
  }

  /**
   * After the run: extracts what its final answer established and updates the store, with the
   * settings of the winner (or of the first agent with long-term memory). Skipped without a final
   * answer or when interrupted. Never throws.
   */
  async finish(question: string, result: RunResult, signal?: AbortSignal): Promise<void> {
    if (result.finalAnswer === undefined || result.status === 'interrupted' || signal?.aborted) return;
    const entries = [...this.entries.values()].filter((e) => e.settings.persistent);
    const entry = entries.find((e) => e.agent.id === result.winner) ?? entries[0];
    if (!entry) return;
    const p = entry.settings.persistent!;
    try {
      const llm = p.llm
        ? (await this.resources.llm(p.llm)).llm
        : { model: entry.agent.model, settings: entry.agent.settings };
      const scope = sharedScope(this.options.config.memory);
      const ltm = await this.resources.longTerm(p, 'write', signal);
      const changes = await ltm.record({
        llm,
        question,
        answer: result.finalAnswer,
        scope: { userId: p.userId, agentId: scope, sessionId: this.sessionOf(p) },
        signal,
      });
      this.emit({ type: 'memory-updated', scope, changes });
    } catch (error) {
      if (!signal?.aborted) this.report(`the run's memories were not recorded: ${errorText(error)}`);
    }
  }

  /** Closes the databases. */
  close(): Promise<void> {
    return this.resources.close();
  }
}
