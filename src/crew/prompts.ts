/**
 * The texts a crew's agents get: `{name}` placeholders filled from the inputs, an agent's system
 * message from its role, backstory and goal (as CrewAI writes it), and a task's prompt with the
 * request, the expected output and the outputs of its context tasks.
 */
import type { CrewIssues } from './issues.js';
import type { CrewAgent, CrewSpec, CrewTask } from './types.js';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_-]*)\}/g;

/** `text` with every `{name}` of `inputs` replaced (other braces untouched). */
export function interpolate(text: string, inputs: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => inputs[name] ?? whole);
}

/** Reports each placeholder of the crew's texts that no input fills, at its file and key. */
export function checkPlaceholders(
  crew: CrewSpec,
  inputs: Readonly<Record<string, string>>,
  issues: CrewIssues,
): void {
  const texts: Array<[string, string, string]> = [];
  const join = (at: string, key: string) => (at === '' ? key : `${at}.${key}`);
  for (const a of [...crew.agents, ...(crew.manager ? [crew.manager] : [])]) {
    for (const key of ['role', 'goal', 'backstory'] as const)
      texts.push([a.source.file, join(a.source.path, key), a[key]]);
  }
  for (const t of crew.tasks) {
    texts.push([t.source.file, join(t.source.path, 'description'), t.description]);
    texts.push([t.source.file, join(t.source.path, 'expected_output'), t.expectedOutput]);
  }
  for (const [file, path, text] of texts) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1]!;
      if (inputs[name] !== undefined) continue;
      issues.error(
        file,
        path,
        `placeholder \`{${name}}\` has no value`,
        `pass \`--input ${name}=…\`${crew.form === 'json' ? ` or add it to \`inputs\` of the crew file` : ''}`,
      );
    }
  }
}

/** CrewAI's system message of an agent. */
export function agentSystemMessage(agent: CrewAgent, inputs: Readonly<Record<string, string>>): string {
  const f = (t: string) => interpolate(t, inputs);
  return `You are ${f(agent.role)}. ${f(agent.backstory)}\nYour personal goal is: ${f(agent.goal)}`;
}

/** One earlier task's output given as context. */
export interface ContextOutput {
  task: string;
  output: string;
}

/** The prompt of a task: the request (if any), the task, its expected output and its context. */
export function taskPrompt(
  task: CrewTask,
  inputs: Readonly<Record<string, string>>,
  context: readonly ContextOutput[],
  request?: string,
): string {
  const parts: string[] = [];
  if (request) parts.push(`The request: ${request}`);
  parts.push(`Current task: ${interpolate(task.description, inputs).trim()}`);
  parts.push(
    `This is the expected criteria for your final answer: ${interpolate(task.expectedOutput, inputs).trim()}\nYou MUST return the actual complete content as the final answer, not a summary.`,
  );
  if (context.length > 0) {
    const blocks = context.map((c) => `### Output of task \`${c.task}\`\n${c.output.trim()}`);
    parts.push(`This is the context you're working with:\n\n${blocks.join('\n\n')}`);
  }
  return parts.join('\n\n');
}
