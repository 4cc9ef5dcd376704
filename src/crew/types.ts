/**
 * The contracts of a CrewAI crew read from its declarative files (`crew.jsonc` + `agents/*.jsonc`,
 * or `config/agents.yaml` + `config/tasks.yaml`): its agents, its tasks in the order they run, its
 * process and its inputs, each part with the file and key path it came from.
 */

/** Where a part of a crew was declared: the file and the key path inside it. */
export interface CrewSource {
  file: string;
  path: string;
}

/** One crew agent: CrewAI's role, goal and backstory on a native backend. */
export interface CrewAgent {
  /** The agent's name (its key in agents.yaml, or its file name in agents/). */
  name: string;
  role: string;
  goal: string;
  backstory: string;
  /** A raw MassGen `backend:` block (validated when the task's run config is). */
  backend: Record<string, unknown>;
  source: CrewSource;
}

/** How one task is run. */
export type TaskMode =
  /** The task's agent alone: one native single-agent run. */
  | { kind: 'single'; agent: string }
  /** A MassGen voting run among these crew agents (`massgen:` on the task). */
  | { kind: 'voting'; agents: string[] };

/** One crew task. */
export interface CrewTask {
  name: string;
  description: string;
  expectedOutput: string;
  /**
   * Names of the tasks whose outputs this task gets as context; undefined (no `context` key): the
   * outputs of every task run before it, as CrewAI's sequential process passes them.
   */
  context?: string[];
  mode: TaskMode;
  source: CrewSource;
}

/** `sequential`: each task by its agent; `hierarchical`: a manager delegates every task. */
export type CrewProcess = 'sequential' | 'hierarchical';

/** A crew ready to run. */
export interface CrewSpec {
  /** The crew folder. */
  dir: string;
  form: 'json' | 'classic';
  name: string;
  process: CrewProcess;
  agents: CrewAgent[];
  /** In run order: every task after the tasks of its `context`. */
  tasks: CrewTask[];
  /** The manager of a hierarchical crew. */
  manager?: CrewAgent;
  /** Default inputs of the crew (`inputs` of crew.jsonc), before `--input` overrides. */
  inputs: Record<string, string>;
}
