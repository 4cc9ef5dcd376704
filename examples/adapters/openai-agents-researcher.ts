// An OpenAI Agents JS agent (used by examples/framework_agents.yaml) with a tool of its own; MassGen
// adds its workflow tools (new_answer, vote) when it runs the agent. Needs `npm install @openai/agents`.
import { Agent, tool } from '@openai/agents';
import { z } from 'zod';

const wordCount = tool({
  name: 'word_count',
  description: 'Counts the words of a text.',
  parameters: z.object({ text: z.string() }),
  execute: async ({ text }) => String(text.split(/\s+/).filter(Boolean).length),
});

export const researcher = new Agent({
  name: 'researcher',
  instructions: 'You answer carefully, and check every count of words with the word_count tool.',
  model: 'gpt-4.1-mini',
  tools: [wordCount],
});
