/**
 * A crew's tasks resolved against its agents: every `agent`, `context` and `massgen` name checked
 * (with a did-you-mean), the run order computed (each task after the tasks of its context, otherwise
 * in declaration order) and each task's mode chosen.
 */
import { didYouMean } from '../config/suggest.js';
import type { RawTask } from './definitions.js';
import { VOTING_KEY } from './definitions.js';
import type { CrewIssues } from './issues.js';
import type { CrewAgent, CrewProcess, CrewTask } from './types.js';

const join = (at: string, key: string) => (at === '' ? key : `${at}.${key}`);

function checkAgent(name: string, names: string[], task: RawTask, key: string, issues: CrewIssues): boolean {
  if (names.includes(name)) return true;
  issues.error(
    task.source.file,
    join(task.source.path, key),
    `task \`${task.name}\` names agent \`${name}\`, which is not an agent of the crew`,
    didYouMean(name, names, 'agents of the crew'),
  );
  return false;
}

/** Tasks in run order (context first, else declaration order); a cycle is an error. */
function runOrder(tasks: RawTask[], issues: CrewIssues): RawTask[] {
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: RawTask[] = [];
  const visit = (task: RawTask, chain: string[]): boolean => {
    if (done.has(task.name)) return true;
    if (visiting.has(task.name)) {
      issues.error(
        task.source.file,
        join(task.source.path, 'context'),
        `the tasks' context forms a cycle: ${[...chain, task.name].join(' → ')}`,
        'a task can only use the output of tasks that do not depend on it',
      );
      return false;
    }
    visiting.add(task.name);
    for (const name of task.context ?? []) {
      const dep = byName.get(name);
      if (dep && !visit(dep, [...chain, task.name])) return false;
    }
    visiting.delete(task.name);
    done.add(task.name);
    order.push(task);
    return true;
  };
  for (const task of tasks) if (!visit(task, [])) return tasks;
  return order;
}

/** The crew's tasks ready to run, or undefined when there are errors (reported to `issues`). */
export function resolveTasks(
  tasks: RawTask[],
  agents: CrewAgent[],
  process: CrewProcess,
  issues: CrewIssues,
): CrewTask[] | undefined {
  const before = issues.errors.length;
  const names = agents.map((a) => a.name);
  const taskNames = tasks.map((t) => t.name);
  const seen = new Set<string>();
  const resolved: CrewTask[] = [];
  for (const task of tasks) {
    const { file, path } = task.source;
    if (seen.has(task.name))
      issues.error(
        file,
        join(path, 'name'),
        `duplicate task name \`${task.name}\``,
        'give every task a unique name',
      );
    seen.add(task.name);
    (task.context ?? []).forEach((name, i) => {
      if (!taskNames.includes(name)) {
        issues.error(
          file,
          `${join(path, 'context')}[${i}]`,
          `task \`${task.name}\` takes context from \`${name}\`, which is not a task of the crew`,
          didYouMean(name, taskNames, 'tasks'),
        );
      } else if (name === task.name) {
        issues.error(
          file,
          `${join(path, 'context')}[${i}]`,
          `task \`${task.name}\` takes context from itself`,
          'remove it from `context`',
        );
      }
    });
    if (task.agent !== undefined) checkAgent(task.agent, names, task, 'agent', issues);
    if (task.voting !== undefined && process === 'hierarchical') {
      issues.error(
        file,
        join(path, VOTING_KEY),
        `\`${VOTING_KEY}\` applies to sequential crews; in a hierarchical crew the manager delegates every task`,
        `remove \`${VOTING_KEY}\`, or use \`process: sequential\``,
      );
    }
    let mode: CrewTask['mode'] | undefined;
    if (task.voting !== undefined) {
      const voters = task.voting === true ? names : task.voting;
      if (voters.every((v, i) => checkAgent(v, names, task, `${VOTING_KEY}[${i}]`, issues)))
        mode = { kind: 'voting', agents: voters };
    } else if (task.agent !== undefined) mode = { kind: 'single', agent: task.agent };
    else if (process === 'sequential') {
      issues.error(
        file,
        path,
        `task \`${task.name}\` has no \`agent\` (a sequential crew needs one for every task)`,
        `add \`agent:\` naming one of ${names.map((n) => `\`${n}\``).join(', ')}`,
      );
    } else mode = { kind: 'single', agent: names[0]! };
    if (mode) resolved.push({ ...task, mode });
  }
  if (issues.errors.length > before) return undefined;
  const order = runOrder(tasks, issues);
  if (issues.errors.length > before) return undefined;
  return order.map((t) => resolved.find((r) => r.name === t.name)!);
}
