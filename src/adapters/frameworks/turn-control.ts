/**
 * What every framework adapter does around its agent's loop: the workflow tools wrapped so the
 * adapter knows when a decision is accepted, an abort controller that follows the run's signal (and
 * ends the agent once the decision is made), and the agent's own tool calls checked by the run's
 * safety policy.
 */
import type { AdapterTool, AdapterToolResult, AdapterTurn } from '../../types/agent-adapter.js';

/** The state of one turn of a framework agent. */
export class TurnControl {
  /** An accepted workflow call ended the execution's decision. */
  decided = false;
  /** Aborts on the run's signal, and when the adapter stops its agent after the decision. */
  readonly abort = new AbortController();
  private readonly turn: AdapterTurn;
  private readonly onAbort: () => void;

  constructor(turn: AdapterTurn) {
    this.turn = turn;
    this.onAbort = () => this.abort.abort(turn.signal.reason);
    if (turn.signal.aborted) this.onAbort();
    else turn.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Names of the phase's workflow tools. */
  get workflowNames(): Set<string> {
    return new Set(this.turn.tools.map((t) => t.name));
  }

  /** Runs one workflow call; remembers an accepted decision. */
  async callWorkflow(tool: AdapterTool, args: unknown): Promise<AdapterToolResult> {
    const input = typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {};
    const result = await tool.execute(input);
    if (result.final) this.decided = true;
    return result;
  }

  /**
   * Checks one of the agent's own tool calls against the run's safety policy: undefined when it may
   * run, else the refusal text to give the agent instead of running it.
   */
  async refusal(toolCallId: string, toolName: string, input: unknown): Promise<string | undefined> {
    if (!this.turn.checkTool) return undefined;
    const args = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
    const verdict = await this.turn.checkTool({ toolCallId, toolName, input: args });
    return verdict.allow ? undefined : verdict.message;
  }

  /**
   * After the agent's loop failed: the run's abort reason when the run aborted, nothing when the
   * adapter stopped the agent after its decision (the turn is over), else the failure itself.
   */
  failure(error: unknown): unknown {
    if (this.turn.signal.aborted) return this.turn.signal.reason;
    if (this.decided) return undefined;
    return error;
  }

  /** Stops following the run's signal. */
  dispose(): void {
    this.turn.signal.removeEventListener('abort', this.onAbort);
  }
}

/** The system prompt of a turn after the agent's own instructions. */
export function withInstructions(own: unknown, system: string): string {
  return typeof own === 'string' && own.trim() !== '' ? `${own}\n\n${system}` : system;
}

/** A tool output as text (a string as is, anything else as JSON). */
export function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  try {
    return JSON.stringify(output) ?? String(output);
  } catch {
    return String(output);
  }
}
