/**
 * The MassGen config each task runs with: its agent alone (coordination skipped: one reply), a voting
 * run among the `massgen` agents, or — in a hierarchical crew — a group chat whose speaker selector
 * is the manager's model: the manager speaks first, picks which coworker works next, and writes the
 * task's result from the discussion.
 */
import type { MassGenConfig } from '../config/schema.js';
import { validateConfigObject } from '../config/validate.js';
import type { CrewIssues } from './issues.js';
import { agentSystemMessage, interpolate } from './prompts.js';
import type { CrewAgent, CrewSpec, CrewTask } from './types.js';

/** The agent id of the default manager when a crew agent is already called `manager`. */
const MANAGER_FALLBACK_ID = 'crew_manager';

function agentEntry(agent: CrewAgent, inputs: Readonly<Record<string, string>>, id = agent.name) {
  return {
    id,
    description: `${interpolate(agent.role, inputs)}: ${interpolate(agent.goal, inputs)}`,
    system_message: agentSystemMessage(agent, inputs),
    backend: { ...agent.backend },
  };
}

/** The agents of a task's run (in config order) and its raw config. */
export function taskConfig(
  crew: CrewSpec,
  task: CrewTask,
  inputs: Readonly<Record<string, string>>,
): { agents: CrewAgent[]; raw: Record<string, unknown> } {
  const byName = (n: string) => crew.agents.find((a) => a.name === n)!;
  if (crew.process === 'hierarchical') {
    const manager = crew.manager!;
    const workers = crew.agents.filter((a) => a !== manager && a.name !== manager.name);
    const managerId =
      workers.some((w) => w.name === manager.name) || manager.name === ''
        ? MANAGER_FALLBACK_ID
        : manager.name;
    return {
      agents: [manager, ...workers],
      raw: {
        agents: [agentEntry(manager, inputs, managerId), ...workers.map((w) => agentEntry(w, inputs))],
        orchestrator: {
          mode: 'group_chat',
          group_chat: {
            pattern: 'auto',
            max_rounds: 1,
            initial_agent: managerId,
            selector: { ...manager.backend },
            summary_method: 'llm_summary',
            summary_agent: managerId,
          },
        },
      },
    };
  }
  const agents = task.mode.kind === 'voting' ? task.mode.agents.map(byName) : [byName(task.mode.agent)];
  return {
    agents,
    raw: {
      agents: agents.map((a) => agentEntry(a, inputs)),
      ...(task.mode.kind === 'single' ? { orchestrator: { skip_coordination_rounds: true } } : {}),
    },
  };
}

/**
 * The validated config of every task, in task order; a problem in a backend is reported at the
 * crew agent's `llm` it came from.
 */
export function taskConfigs(
  crew: CrewSpec,
  inputs: Readonly<Record<string, string>>,
  issues: CrewIssues,
): MassGenConfig[] {
  const out: MassGenConfig[] = [];
  for (const task of crew.tasks) {
    const { agents, raw } = taskConfig(crew, task, inputs);
    const result = validateConfigObject(raw, crew.dir);
    for (const e of result.errors) {
      const m = /^agents\[(\d+)\]\.backend(.*)$/.exec(e.path);
      const agent = m ? agents[Number(m[1])] : undefined;
      const selector = e.path.startsWith('orchestrator.group_chat.selector') ? crew.manager : undefined;
      const owner = agent ?? selector;
      const rest = m ? m[2]! : e.path.slice('orchestrator.group_chat.selector'.length);
      if (owner)
        issues.error(
          owner.source.file,
          `${owner.source.path ? `${owner.source.path}.` : ''}llm${rest}`,
          e.message,
          e.suggestion ?? '',
        );
      else issues.error(task.source.file, task.source.path, e.message, e.suggestion ?? '');
    }
    if (result.config) out.push(result.config);
  }
  return out;
}
