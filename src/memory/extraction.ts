/**
 * The two model steps of recording long-term memory (after mem0): extract facts from a question and
 * its final answer, then decide for each fact, against the most similar stored memories, whether to
 * ADD it, UPDATE or DELETE a stored memory, or do nothing.
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { z } from 'zod';
import type { CallSettings } from '../types/agent-runtime.js';
import { structuredCall } from './structured-call.js';

/** Tool the extraction model calls. */
export const RECORD_FACTS = 'record_facts';
/** Tool the decision model calls. */
export const UPDATE_MEMORY = 'update_memory';

const FACTS_SYSTEM = `You extract durable, self-contained facts worth remembering from a question a user asked a team of AI agents and the final answer they gave.
Record: facts about the user (preferences, plans, constraints, circumstances, names), and domain knowledge the answer established that would help with later questions (conclusions, figures, decisions, working approaches and tool usage).
Each fact is one short sentence that makes sense on its own, without "the answer" or "the question" as context.
Do not record: the coordination itself (agents, votes, which answer won), greetings, generic knowledge any model knows, or speculation.
Call ${RECORD_FACTS} with the list of facts; call it with an empty list when nothing is worth remembering.`;

const DECISION_SYSTEM = `You maintain a memory store. You get the memories already stored that are most similar to some new facts, each with an id, and the new facts.
For each new fact decide:
- ADD: it is new information; give it as text (no id needed).
- UPDATE: it refines, corrects or supersedes a stored memory about the same thing; give that memory's id and the merged text.
- DELETE: it shows a stored memory is wrong or no longer true; give that memory's id.
- NONE: it is already stored; nothing to do.
Only use ids from the stored memories. Call ${UPDATE_MEMORY} with your decisions.`;

const factsSchema = z.object({
  facts: z.array(z.string()).describe('Self-contained facts, one sentence each; empty if none'),
});

const decisionSchema = z.object({
  memory: z.array(
    z.object({
      event: z.enum(['ADD', 'UPDATE', 'DELETE', 'NONE']),
      id: z.string().optional().describe('Id of the stored memory (UPDATE, DELETE, NONE)'),
      text: z.string().optional().describe('The memory text (ADD, UPDATE)'),
    }),
  ),
});

/** One decision of the update step. */
export type MemoryDecision = z.infer<typeof decisionSchema>['memory'][number];

/** A stored memory shown to the decision model under a short id. */
export interface ShownMemory {
  id: string;
  text: string;
}

export interface MemoryLlm {
  model: LanguageModelV3;
  settings?: CallSettings;
}

/** Facts worth remembering from one question and its final answer. */
export async function extractFacts(
  llm: MemoryLlm,
  question: string,
  answer: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const result = await structuredCall({
    ...llm,
    system: FACTS_SYSTEM,
    prompt: `<QUESTION>\n${question}\n</QUESTION>\n\n<FINAL ANSWER>\n${answer}\n</FINAL ANSWER>\n\nCall ${RECORD_FACTS} with the facts worth remembering.`,
    toolName: RECORD_FACTS,
    description: 'Record the facts worth remembering.',
    schema: factsSchema,
    signal,
  });
  const facts = (result?.facts ?? []).map((f) => f.trim()).filter((f) => f.length > 0);
  return [...new Set(facts)];
}

/** The decisions for `facts` against the `stored` memories; undefined when the model gave none that parse. */
export async function decideUpdates(
  llm: MemoryLlm,
  stored: readonly ShownMemory[],
  facts: readonly string[],
  signal?: AbortSignal,
): Promise<MemoryDecision[] | undefined> {
  const memories = stored.map((m) => `- id ${m.id}: ${m.text}`).join('\n');
  const result = await structuredCall({
    ...llm,
    system: DECISION_SYSTEM,
    prompt: `<STORED MEMORIES>\n${memories}\n</STORED MEMORIES>\n\n<NEW FACTS>\n${facts.map((f) => `- ${f}`).join('\n')}\n</NEW FACTS>\n\nCall ${UPDATE_MEMORY} with one decision per new fact.`,
    toolName: UPDATE_MEMORY,
    description: 'Apply decisions to the memory store.',
    schema: decisionSchema,
    signal,
  });
  return result?.memory;
}
