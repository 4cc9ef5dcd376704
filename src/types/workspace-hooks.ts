/** What the orchestrator asks of a run's workspaces (implemented by `RunWorkspaces`). */

/** The workspace side of a run, as the orchestrator drives it. */
export interface WorkspaceHooks {
  /**
   * An agent's answer was accepted: snapshots its workspace (snapshot storage and the shared
   * read-only view for peers). Returns the snapshot folder, or undefined when the agent has no
   * workspace or it is empty. Throws when copying fails.
   */
  onAnswer(agentId: string): string | undefined;
  /** The agent presenting the final answer now (write context paths open to it), or undefined. */
  setPresenter(agentId: string | undefined): void;
  /** The live workspace of an agent that has one. */
  workspaceOf(agentId: string): string | undefined;
}
