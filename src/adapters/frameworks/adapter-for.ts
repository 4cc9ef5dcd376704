/** The adapter of one framework agent object, or undefined when the object is not of the framework's shape. */
import type { AgentAdapter } from '../../types/agent-adapter.js';
import { aiSdkAgentAdapter, isAiSdkAgent } from './ai-sdk.js';
import type { FrameworkKind } from './kinds.js';
import { type LangChainToolsSdk, type LangGraphFactory, langGraphAdapter } from './langgraph.js';
import { isMastraAgent, mastraAdapter } from './mastra.js';
import { isOpenAIAgent, type OpenAIAgentsSdk, openAIAgentsAdapter } from './openai-agents.js';

/** Imports a package of the framework (as the agent's own module resolves it). */
export type PackageImport = (specifier: string) => Promise<Record<string, unknown>>;

/** The adapter running `value` as an agent of framework `kind`; undefined when `value` is not one. */
export function adapterFor(
  kind: FrameworkKind,
  value: unknown,
  importPackage: PackageImport,
): AgentAdapter | undefined {
  switch (kind) {
    case 'openai-agents':
      return isOpenAIAgent(value)
        ? openAIAgentsAdapter(
            value,
            async () => (await importPackage('@openai/agents')) as unknown as OpenAIAgentsSdk,
          )
        : undefined;
    case 'langgraph':
      return typeof value === 'function'
        ? langGraphAdapter(value as LangGraphFactory, async () => {
            const [tools, messages] = await Promise.all([
              importPackage('@langchain/core/tools'),
              importPackage('@langchain/core/messages'),
            ]);
            return { ...tools, ToolMessage: messages.ToolMessage } as unknown as LangChainToolsSdk;
          })
        : undefined;
    case 'mastra':
      return isMastraAgent(value) ? mastraAdapter(value) : undefined;
    case 'ai-sdk':
      return isAiSdkAgent(value) ? aiSdkAgentAdapter(value) : undefined;
  }
}

/** What `value` is, for messages (`a function`, `an object with keys a, b`, `a string`). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = (value as object).constructor?.name;
  const keys = Object.keys(value).slice(0, 6).join(', ');
  const what = name && name !== 'Object' ? `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}` : 'an object';
  return `${what}${keys ? ` with keys ${keys}` : ''}`;
}
