/**
 * The safety checks of a Mastra agent's own tools. Mastra has no per-call hook, but a call-time
 * toolset tool takes the place of the agent's own tool of the same name (its tools are merged as
 * agent tools, memory tools, then toolsets). So for a turn under a safety policy the agent's own
 * tools are read (`listTools()` in Mastra 1, `getTools()` before) and given again as a toolset,
 * each `execute` asking the policy first: a denied call does not run and the agent gets the
 * refusal as the tool's result. An agent whose tools cannot be read gets a warning saying its
 * tools are not checked.
 */
import type { AdapterTurn } from '../../types/agent-adapter.js';
import type { TurnControl } from './turn-control.js';

type ToolLike = Record<string, unknown> & { execute?: (...args: unknown[]) => unknown };

interface MastraToolsSource {
  listTools?: () => unknown;
  getTools?: () => unknown;
}

/** The arguments and call id of one `execute` call (Mastra 1: `(input, context)`; before: `({ context, … }, options)`). */
function callOf(args: unknown[]): { input: unknown; toolCallId: string } {
  const [first, second] = args as [
    Record<string, unknown> | undefined,
    { toolCallId?: unknown; agent?: { toolCallId?: unknown } } | undefined,
  ];
  const legacy =
    first !== null &&
    typeof first === 'object' &&
    'context' in first &&
    ('runtimeContext' in first || 'mastra' in first || 'tracingContext' in first);
  const id = second?.toolCallId ?? second?.agent?.toolCallId ?? (legacy ? first?.toolCallId : undefined);
  return { input: legacy ? first.context : first, toolCallId: typeof id === 'string' ? id : '' };
}

/** A copy of `tool` (same class, same fields) whose calls are checked first. */
function checkedTool(name: string, tool: ToolLike, control: TurnControl): ToolLike {
  const execute = tool.execute;
  if (typeof execute !== 'function') return tool;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(tool)) as ToolLike, tool);
  copy.execute = async (...args: unknown[]) => {
    const { input, toolCallId } = callOf(args);
    const refusal = await control.refusal(toolCallId, name, input);
    return refusal ?? execute.apply(tool, args);
  };
  return copy;
}

/**
 * The agent's own tools, checked, as a toolset for the turn; undefined when the turn checks nothing
 * or the agent has no tools to check.
 */
export async function checkedMastraTools(
  agent: unknown,
  turn: AdapterTurn,
  control: TurnControl,
): Promise<Record<string, ToolLike> | undefined> {
  if (!turn.checkTool) return undefined;
  const source = agent as MastraToolsSource;
  const list = source.listTools ?? source.getTools;
  const tools = typeof list === 'function' ? await list.call(agent) : undefined;
  if (tools === null || typeof tools !== 'object') {
    turn.events.warning(
      "the Mastra agent's tools cannot be read (it has no listTools() or getTools()): calls of its own tools are not checked by the safety policy",
    );
    return undefined;
  }
  const workflow = control.workflowNames;
  const entries = Object.entries(tools as Record<string, ToolLike>).filter(([name]) => !workflow.has(name));
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([name, tool]) => [name, checkedTool(name, tool, control)]));
}
