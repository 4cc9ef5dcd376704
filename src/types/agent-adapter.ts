/**
 * The contract of an agent adapter: an external agent (Claude Code, Codex, an agent of another
 * framework) that runs its own loop as one MassGen agent.
 *
 * The engine gives the adapter one {@link AdapterTurn} per execution: the system prompt and the user
 * message of the phase, the phase's workflow tools (`new_answer` and `vote` during coordination, none
 * during the final presentation) and an {@link AdapterEvents} sink. The adapter hands the tools to its
 * agent (as an MCP server, as function tools), runs the agent, and reports what the agent does as it
 * happens: text, reasoning, calls of its own tools and their results, and the usage of every model
 * call. The engine judges each workflow call (a tool result tells the agent whether it was accepted)
 * and holds the execution to exactly one decision: once a call is accepted, the result says the turn
 * is over ({@link AdapterToolResult.final}) and the adapter should end its agent's turn. An agent
 * that ends without an accepted call gets the enforcement message as a new turn, up to the attempt
 * limit; then the execution fails with a message naming what happened.
 *
 * The adapter must honour `signal` (the run's interrupt, the run deadline and the per-agent timeout):
 * when it aborts, stop the agent (end its process) and reject with `signal.reason`. Any other failure
 * is a rejection too, ideally an `AdapterError` (src/adapters/errors.ts) that says what failed.
 *
 * Adapters are chosen by `backend.type` (see src/adapters/registry.ts), or given per agent id through
 * the library API (`runConfig(config, { adapters: { agent_a: myAdapter } })`).
 */
import type { StreamPhase, TokenUsage } from '../events/types.js';

/** JSON Schema of a tool's arguments (an object schema). */
export type AdapterJsonSchema = Record<string, unknown> & { type: 'object' };

/** What the engine answers to a workflow call. */
export interface AdapterToolResult {
  /** Text for the agent (a refusal says why and what to do instead). */
  text: string;
  /** The call was refused: the agent should correct it. */
  isError: boolean;
  /**
   * The execution's decision is made (an answer or a vote was accepted): the agent's turn is over and
   * the adapter should end it without more model calls where it can.
   */
  final: boolean;
}

/** A workflow tool as the external agent sees it. */
export interface AdapterTool {
  /** `new_answer` or `vote` (the agent may see it with a prefix, e.g. `mcp__massgen__vote`). */
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  inputSchema: AdapterJsonSchema;
  /** Judges one call; never throws for bad arguments (they are refused in the result). */
  execute(args: Record<string, unknown>): Promise<AdapterToolResult>;
}

/** A call of one of the agent's own tools, as the safety checks see it. */
export interface AdapterToolCall {
  /** The agent's id of the call. */
  toolCallId: string;
  /** The tool's name in the agent (e.g. Claude Code's `Bash`, `Write`). */
  toolName: string;
  input: Record<string, unknown>;
}

/** Whether the agent may run one of its own tool calls. */
export type AdapterToolVerdict = { allow: true } | { allow: false; message: string };

/** Where the adapter reports what its agent does; each method emits the matching event. */
export interface AdapterEvents {
  /** Streamed text (`text-delta`, or `final-delta` during the presentation). */
  text(text: string): void;
  /** Streamed reasoning (`reasoning-delta`). */
  reasoning(text: string): void;
  /** The agent called one of its own tools (`tool-call`). Workflow calls are reported by the engine. */
  toolCall(call: { toolCallId: string; toolName: string; input: unknown }): void;
  /** The result of one of its own tools (`tool-result`). */
  toolResult(result: { toolCallId: string; toolName: string; output: unknown; isError: boolean }): void;
  /** Token usage of one model call (`usage`), priced by the backend's `type` and model like native agents. */
  usage(usage: TokenUsage): void;
  /** A warning about the agent (`notice`). */
  warning(message: string): void;
}

/** One execution of the external agent. */
export interface AdapterTurn {
  /** The agent's id in the config. */
  agentId: string;
  phase: StreamPhase;
  /** The system prompt of the phase (the agent's `system_message` included). */
  system: string;
  /** The user message: the task, the current answers, or the presentation's material. */
  prompt: string;
  /** The workflow tools of the phase; empty during the presentation. */
  tools: readonly AdapterTool[];
  events: AdapterEvents;
  /** Aborts on interrupt, run deadline or agent timeout: stop the agent and reject with its reason. */
  signal: AbortSignal;
  /** The agent's workspace folder, when the config gives it one (`cwd`). */
  workspace?: string;
  /**
   * Checks one of the agent's own tool calls against the run's safety policy and workspace rules;
   * absent when nothing is checked (every call may run).
   */
  checkTool?: (call: AdapterToolCall) => Promise<AdapterToolVerdict>;
  /**
   * 1-based attempt of the execution: from the 2nd on the agent ended its previous turn without an
   * accepted workflow call and `prompt` tells it so. An adapter that keeps a session may continue it.
   */
  attempt: number;
}

/** What a turn produced. */
export interface AdapterTurnResult {
  /** The agent's text of the turn (the final answer during the presentation). */
  text: string;
}

/** An external agent run as one MassGen agent. */
export interface AgentAdapter {
  /** The backend type it serves (`claude_code`), for messages. */
  readonly type: string;
  /** Runs one turn; see the module comment for the rules. */
  run(turn: AdapterTurn): Promise<AdapterTurnResult>;
  /**
   * The MassGen built-in tool one of the agent's own calls stands for (Claude Code's `Bash` is
   * `execute_command`, its `Write` is `write_file`), so the safety policy and the workspace rules judge
   * it as that tool; `internal` for calls that only change the agent's own state (a to-do list).
   * Absent, or undefined for a call: the call is judged by its own name as a custom tool.
   */
  asBuiltinTool?(call: AdapterToolCall): { toolName: string; input: unknown } | 'internal' | undefined;
  /**
   * The provider backend type and model the agent's usage is priced as, when the adapter knows what
   * its agent runs on (a framework agent's model); absent: priced by the agent's backend `type` and
   * `model`. A `provider:` in the backend block takes precedence.
   */
  pricedAs?(): { backend: string; model: string } | undefined;
  /** Releases what the adapter holds (sessions, processes) when the run ends. */
  close?(): Promise<void>;
}

/** What an adapter factory is given to build the adapter of one agent. */
export interface AdapterSetup {
  agentId: string;
  /** The agent's backend block as validated (its `type`, `model` and the adapter's own keys). */
  backend: Readonly<Record<string, unknown>> & { type: string; model: string };
  /** The run's environment (keys, base URLs). */
  env: NodeJS.ProcessEnv;
  /** The folder relative paths of the backend block resolve against (the config file's folder). */
  baseDir: string;
}

/** Builds the adapter of one agent; may throw a ConfigError naming a bad key. */
export type AdapterFactory = (setup: AdapterSetup) => AgentAdapter | Promise<AgentAdapter>;
