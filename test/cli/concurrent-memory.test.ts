/**
 * Many runs sharing one long-term memory database at the same time, as processes against the fake
 * provider (which also serves the embeddings): no memory is lost to a locked database. The memory
 * model's fact extraction is held until every run has asked for it, so all the runs write at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeReply, type FakeRequest } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';

const RUNS = 20;
const FACTS_PER_RUN = 2;

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const config = () => `agents:
  - id: "solo"
    backend: { type: "chatcompletion", model: "agent-model", base_url: "${fake.baseUrls.chat}", api_key: "k" }
memory:
  conversation_memory: { enabled: false }
  persistent_memory:
    llm: { provider: "chatcompletion", model: "memory-llm", base_url: "${fake.baseUrls.chat}", api_key: "k" }
    embedding: { provider: "openai", model: "text-embedding-3-small", base_url: "${fake.baseUrls.openai}", api_key: "k" }
`;

const factsOf = (run: string) => [`Project ${run} uses the colour teal`, `Project ${run} ships in spring`];

/**
 * The memory model: its facts name the run's project; its decisions add every new fact. Extraction
 * replies wait until all `RUNS` runs have asked.
 */
function memoryModel(): (req: FakeRequest) => Promise<FakeReply> {
  const waiting = new Set<string>();
  let open!: () => void;
  const everyoneAsked = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async (req) => {
    if (req.tools.some((t) => t.name === 'update_memory')) {
      const block = /<NEW FACTS>\n([\s\S]*?)\n<\/NEW FACTS>/.exec(req.lastUserText)?.[1] ?? '';
      const memory = block.split('\n').map((line) => ({ event: 'ADD', text: line.replace(/^- /, '') }));
      return { toolCalls: [{ name: 'update_memory', args: { memory } }] };
    }
    const run = /Project (p\d+) question/.exec(req.lastUserText)?.[1] ?? '?';
    waiting.add(run);
    if (waiting.size === RUNS) open();
    await everyoneAsked;
    return { toolCalls: [{ name: 'record_facts', args: { facts: factsOf(run) } }] };
  };
}

describe('runs sharing one memory database at the same time (CLI)', () => {
  it(`${RUNS} runs at once store exactly ${RUNS} × ${FACTS_PER_RUN} memories, with no warning`, async () => {
    const home = tempHome();
    const file = writeFile(home, 'mem.yaml', config());
    const memory = memoryModel();
    const agents = consensus();
    fake.setScenario((req) => (req.model === 'memory-llm' ? memory(req) : agents(req)));
    const runs = Array.from({ length: RUNS }, (_, i) => `p${i + 1}`);
    const results = await Promise.all(
      runs.map((run) =>
        runCli(['--automation', '--config', file, `Project ${run} question: what colour?`], {
          cwd: home,
          timeoutMs: 150_000,
        }),
      ),
    );
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }

    const list = await runCli(['memory', 'list', '--json'], { cwd: home });
    expect(list.code, list.stderr).toBe(0);
    const stored = (JSON.parse(list.stdout) as Array<{ text: string; agentId: string }>).map((m) => m.text);
    expect(stored).toHaveLength(RUNS * FACTS_PER_RUN);
    expect(stored.sort()).toEqual(runs.flatMap(factsOf).sort());
  }, 200_000);
});
