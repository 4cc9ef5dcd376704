// The physical limit of the protocol: N answers in parallel, N votes in parallel, one presentation,
// written directly on the AI SDK with no orchestration. Usage: node bench/limit.mjs <baseURL> <N>
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText, tool } from 'ai';
import { z } from 'zod';

const [baseURL, n] = [process.argv[2], Number(process.argv[3])];
const provider = createOpenAICompatible({ name: 'limit', baseURL, apiKey: 'k', includeUsage: true });
const labels = Array.from({ length: n }, (_, i) => `agent${i + 1}`);
const tools = {
  new_answer: tool({ description: 'answer', inputSchema: z.object({ content: z.string() }) }),
  vote: tool({
    description: 'vote',
    inputSchema: z.object({ agent_id: z.enum(labels), reason: z.string() }),
  }),
};

async function call(model, prompt, withTools) {
  const result = streamText({
    model: provider.chatModel(model),
    prompt,
    tools: withTools ? tools : undefined,
  });
  for await (const _ of result.fullStream);
  return result.toolCalls;
}

const models = labels.map((_, i) => `model-${i + 1}`);
const question = '<ORIGINAL MESSAGE> What is 2+2? <END OF ORIGINAL MESSAGE>';
const answers = await Promise.all(
  models.map(async (m) => (await call(m, `${question}\n(no answers available yet)`, true))[0]?.input.content),
);
const block = answers.map((a, i) => `<${labels[i]}> ${a} <end of ${labels[i]}>`).join('\n');
await Promise.all(models.map((m) => call(m, `${question}\n${block}`, true)));
await call(models[0], `${question}\n${block}\nPresent the final answer.`, false);
