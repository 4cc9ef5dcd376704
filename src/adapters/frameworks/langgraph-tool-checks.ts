/**
 * The safety checks of a LangGraph agent's own tools. LangGraph runs a graph's tools in its tool
 * nodes (`ToolNode` of `@langchain/langgraph/prebuilt`, which `createReactAgent` and LangChain's
 * `createAgent` use): each tool node's tools are replaced, for the turn's graph, by copies whose
 * `invoke` first asks the run's safety policy. A denied call does not run: the agent gets a tool
 * message with the refusal (status `error`), the call and its refusal are reported as a tool call and
 * result, and the policy logs the denial. A graph that calls tools in nodes of its own (no tool node)
 * cannot be checked: the turn gets a warning saying so.
 */
import type { AdapterTurn } from '../../types/agent-adapter.js';
import type { TurnControl } from './turn-control.js';

/** A LangChain tool, as far as the checks use it. */
interface ToolLike {
  name: string;
  invoke(input: unknown, config?: unknown): Promise<unknown>;
}

/** A LangGraph tool node: its `tools` are looked up by name at each call. */
interface ToolNodeLike {
  tools: ToolLike[];
  runTool: unknown;
}

/** `ToolMessage` of `@langchain/core/messages` (the graph's own copy). */
export type ToolMessageClass = new (fields: {
  content: string;
  tool_call_id: string;
  name: string;
  status: 'error';
}) => unknown;

const isToolNode = (value: unknown): value is ToolNodeLike =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as ToolNodeLike).tools) &&
  typeof (value as ToolNodeLike).runTool === 'function';

/**
 * The tool nodes of a compiled graph: its nodes' runnables, the steps of their sequences, and the
 * nodes of subgraphs.
 */
function toolNodes(graph: unknown): ToolNodeLike[] {
  const found = new Set<ToolNodeLike>();
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return;
    seen.add(value);
    if (isToolNode(value)) {
      found.add(value);
      return;
    }
    const runnable = value as {
      bound?: unknown;
      steps?: unknown;
      first?: unknown;
      last?: unknown;
      nodes?: unknown;
    };
    for (const next of [runnable.bound, runnable.first, runnable.last]) visit(next, depth + 1);
    if (Array.isArray(runnable.steps)) for (const step of runnable.steps) visit(step, depth + 1);
    if (typeof runnable.nodes === 'object' && runnable.nodes !== null) {
      for (const node of Object.values(runnable.nodes)) visit(node, depth + 1);
    }
  };
  visit(graph, 0);
  return [...found];
}

/** The call id and arguments of a tool's input (a tool call from a tool node, or bare arguments). */
function callOf(input: unknown): { id: string; args: unknown } {
  const call = input as { type?: unknown; id?: unknown; args?: unknown } | null;
  if (call && typeof call === 'object' && call.type === 'tool_call') {
    return { id: typeof call.id === 'string' ? call.id : '', args: call.args ?? {} };
  }
  return { id: '', args: input };
}

/** `tool` with each call checked first; a workflow tool is left as it is. */
function checkedTool(
  tool: ToolLike,
  turn: AdapterTurn,
  control: TurnControl,
  ToolMessage: ToolMessageClass,
): ToolLike {
  const copy = Object.create(tool) as ToolLike;
  copy.invoke = async (input, config) => {
    const { id, args } = callOf(input);
    const refusal = await control.refusal(id, tool.name, args);
    if (refusal === undefined) return tool.invoke(input, config);
    turn.events.toolCall({ toolCallId: id, toolName: tool.name, input: args });
    turn.events.toolResult({ toolCallId: id, toolName: tool.name, output: refusal, isError: true });
    return new ToolMessage({ content: refusal, tool_call_id: id, name: tool.name, status: 'error' });
  };
  return copy;
}

/**
 * Puts the checks on the tools of `graph`'s tool nodes for one turn; returns what puts the original
 * tools back (a graph the export builds once and returns again is checked by each turn's policy
 * call). Does nothing when the turn checks nothing.
 */
export function checkGraphTools(
  graph: unknown,
  turn: AdapterTurn,
  control: TurnControl,
  ToolMessage: ToolMessageClass,
): () => void {
  if (!turn.checkTool) return () => {};
  const nodes = toolNodes(graph);
  if (nodes.length === 0) {
    turn.events.warning(
      "the LangGraph agent's graph has no tool node (ToolNode): calls of its own tools are not checked by the safety policy",
    );
    return () => {};
  }
  const workflow = control.workflowNames;
  const originals = nodes.map((node) => node.tools);
  for (const node of nodes) {
    node.tools = node.tools.map((t) =>
      workflow.has(t.name) ? t : checkedTool(t, turn, control, ToolMessage),
    );
  }
  return () => {
    nodes.forEach((node, i) => {
      node.tools = originals[i] as ToolLike[];
    });
  };
}
