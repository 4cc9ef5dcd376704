/**
 * The agent frameworks whose agents run as MassGen agents (`type: adapter` with `adapter:`), and
 * what each expects the module's export to be.
 */

/** A framework's name in `backend.adapter`. */
export const FRAMEWORK_KINDS = ['openai-agents', 'langgraph', 'mastra', 'ai-sdk'] as const;
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];

/** Whether `value` names a framework. */
export function isFrameworkKind(value: unknown): value is FrameworkKind {
  return typeof value === 'string' && (FRAMEWORK_KINDS as readonly string[]).includes(value);
}

/** What the export must be, per framework: said in shape errors as the fix. */
export const EXPECTED_EXPORT: Readonly<Record<FrameworkKind, string>> = {
  'openai-agents':
    'an OpenAI Agents JS `Agent` (`new Agent({ name, instructions, model, tools })` from @openai/agents)',
  langgraph:
    'a function `(tools) => graph` that builds a LangGraph agent with the given LangChain tools (e.g. `(tools) => createReactAgent({ llm, tools: [...myTools, ...tools] })`)',
  mastra:
    'a Mastra `Agent` (an object with `stream(messages, options)`; `new Agent({ ... })` from @mastra/core/agent)',
  'ai-sdk': 'an AI SDK `ToolLoopAgent` (`new ToolLoopAgent({ model, instructions, tools })` from ai)',
};

/** The framework's display name, for messages. */
export const FRAMEWORK_NAME: Readonly<Record<FrameworkKind, string>> = {
  'openai-agents': 'OpenAI Agents JS',
  langgraph: 'LangGraph.js',
  mastra: 'Mastra',
  'ai-sdk': 'AI SDK',
};
