/** The workflow tools every agent ends a coordination reply with: `new_answer` and `vote`. */
import { type Tool, tool, zodSchema } from 'ai';
import { z } from 'zod';

export const NEW_ANSWER = 'new_answer';
export const VOTE = 'vote';

/** Names of the workflow tools (they are answered by the orchestrator, not executed). */
export const WORKFLOW_TOOL_NAMES: ReadonlySet<string> = new Set([NEW_ANSWER, VOTE]);

/** The workflow tools of one set of labels. */
export type WorkflowTools = {
  [NEW_ANSWER]: Tool<{ content: string }>;
  [VOTE]: Tool<{ agent_id: string; reason: string }>;
};

/** One set per labels array: a run's agents all share it, and its JSON schemas are built once. */
const byLabels = new WeakMap<readonly string[], WorkflowTools>();

/**
 * Workflow tool definitions; `labels` are the stable labels of all agents (the vote enum). Their
 * schemas qualify for strict mode (every property required, no additional properties), so
 * providers that have it (OpenAI) constrain the arguments to the schema. The same `labels` array
 * always gets the same tools.
 */
export function workflowTools(labels: readonly string[]): WorkflowTools {
  let tools = byLabels.get(labels);
  if (tools === undefined) {
    tools = buildWorkflowTools(labels);
    byLabels.set(labels, tools);
  }
  return tools;
}

function buildWorkflowTools(labels: readonly string[]): WorkflowTools {
  const ids = labels.length > 0 ? ([...labels] as [string, ...string[]]) : (['agent1'] as [string]);
  return {
    [NEW_ANSWER]: tool({
      description:
        'Provide a new and improved answer to the ORIGINAL MESSAGE. Use it when no existing answer is good enough. Mention how any tools you used contributed.',
      // Wrapped once here: the SDK converts a bare zod schema to JSON schema again on every call.
      inputSchema: zodSchema(
        z.object({
          content: z.string().describe('Your complete, self-contained answer.'),
        }),
      ),
      strict: true,
    }),
    [VOTE]: tool({
      description:
        'Vote for the agent whose current answer is best; that agent will present the final answer.',
      inputSchema: zodSchema(
        z.object({
          agent_id: z.enum(ids).describe('Anonymous id of the agent whose answer you vote for, e.g. agent1.'),
          reason: z.string().describe('Brief reason why this answer is best.'),
        }),
      ),
      strict: true,
    }),
  };
}
