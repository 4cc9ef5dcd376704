/** What the orchestrator asks of a run's workspaces (implemented by `RunWorkspaces`). */

/** The workspace side of a run, as the orchestrator drives it. */
export interface WorkspaceHooks {
  /**
   * Why an answer of the agent cannot be accepted now (its workspace is too large to snapshot), as
   * the error its `new_answer` call gets; undefined when it can.
   */
  answerRefusal?(agentId: string): string | undefined;
  /**
   * An agent's answer was accepted: snapshots its workspace (snapshot storage and the shared
   * read-only view for peers). Returns the snapshot folder, or undefined when the agent has no
   * workspace or it is empty. The copy is made in the background: the agents' workspace tools wait
   * for it, and jobs queued on the folder (see `queueOn` in workspace/snapshots.ts) run after it.
   */
  onAnswer(agentId: string): string | undefined;
  /** The agent presenting the final answer now (write context paths open to it), or undefined. */
  setPresenter(agentId: string | undefined): void;
  /** The live workspace of an agent that has one. */
  workspaceOf(agentId: string): string | undefined;
}
