/**
 * A realistic three-agent run for the fake provider: gpt-5-mini, claude-sonnet-4-5 and
 * gemini-2.5-flash answer "What are the trade-offs of event sourcing?" with streamed reasoning and
 * text; gemini improves its answer after reading the others (invalidating a first vote, and an
 * update reaches claude mid-turn); the votes split 2–1 and gemini presents a Markdown answer.
 * `scale` multiplies every delay (1 for the recorded demo, less in tests).
 */
import type { FakeReply, FakeRequest, Scenario } from '../fake-provider/scenario.js';

export const DEMO_QUESTION = 'What are the trade-offs of event sourcing?';

const GPT_ANSWER = `Event sourcing stores every change as an immutable event instead of overwriting state.

Benefits: a complete audit trail, the ability to rebuild state or new read models by replaying events, and natural integration through published events.

Costs: more moving parts (event store, projections, snapshots), eventual consistency between the write side and read models, and harder schema evolution because old events must stay readable forever.

Use it when history matters (finance, compliance, collaborative editing); avoid it for simple CRUD.`;

const CLAUDE_ANSWER = `Event sourcing trades simplicity for history.

You gain: an append-only log that doubles as an audit trail, temporal queries ("what did we know on March 3rd?"), replay to fix projection bugs, and easy fan-out to other services.

You pay: projections to build and keep in sync, snapshotting once streams grow, versioning and upcasting of old event shapes, GDPR deletion in an immutable log (crypto-shredding), and a steeper learning curve for the team.

It pays off in domains with rich behaviour and regulatory needs; for CRUD it is overhead.`;

const GEMINI_FIRST = `Event sourcing persists state changes as a sequence of events. Pros: auditability and replay. Cons: complexity and eventual consistency. Good for audit-heavy domains.`;

const GEMINI_REVISED = `Revised answer — event sourcing in practice:

Gains: a full audit trail and temporal queries; replay to rebuild or add read models; events as an integration contract between services.

Costs: eventual consistency between writes and projections; event schema evolution (versioning, upcasting) for the life of the system; snapshots for long streams; deleting personal data from an immutable log (crypto-shredding); more infrastructure and a learning curve.

Verdict: worth it where history and behaviour are the product (ledgers, compliance, collaboration); plain CRUD with an audit table is cheaper elsewhere.`;

const PRESENTATION = `## Event sourcing: the trade-offs

Event sourcing stores **every change as an immutable event** and derives current state by replaying them. It buys history at the price of complexity.

### What you gain
- **Audit trail for free** — the log *is* the history, so compliance questions become queries.
- **Temporal queries** — "what did we know on March 3rd?" is a replay up to a point in time.
- **Replayable read models** — fix a projection bug or add a new view by replaying the log.
- **Integration** — published events are a natural contract between services.

### What you pay
| Cost | Why it hurts | Mitigation |
|---|---|---|
| Eventual consistency | read models lag the write side | design UIs for it; read-your-writes where needed |
| Schema evolution | old events must stay readable forever | version events, upcast on read |
| Long streams | rebuilding state gets slow | snapshots every N events |
| Data deletion | the log is immutable | crypto-shredding of personal data |

### When to use it
Use it where **history and behaviour are the product**: ledgers, compliance-heavy domains, collaborative editing. For plain CRUD, a normal database with an audit table is cheaper.

\`\`\`ts
// state is a fold over events
const balance = events.reduce((sum, e) => sum + (e.type === 'deposited' ? e.amount : -e.amount), 0);
\`\`\``;

interface Step {
  latency: number;
  reasoning?: string;
  text?: string;
  tool?: { name: 'new_answer' | 'vote'; args: Record<string, string> };
  chunk: number;
  usage: { inputTokens: number; outputTokens: number; reasoningTokens?: number };
}

const answer = (content: string) => ({ name: 'new_answer' as const, args: { content } });
const vote = (agent_id: string, reason: string) => ({ name: 'vote' as const, args: { agent_id, reason } });

/** Each model's coordination replies in order (the last one repeats). */
const SCRIPT: Record<string, Step[]> = {
  'gpt-5-mini': [
    {
      latency: 700,
      chunk: 45,
      reasoning: 'The user wants trade-offs, so I should cover benefits and costs and say when it fits.',
      text: 'Event sourcing keeps every change as an event. Let me lay out the main gains, the costs, and when it is worth it.',
      tool: answer(GPT_ANSWER),
      usage: { inputTokens: 1450, outputTokens: 520, reasoningTokens: 128 },
    },
    {
      latency: 500,
      chunk: 40,
      reasoning:
        'Three answers. agent2 is the most concrete: it names upcasting, snapshots and crypto-shredding.',
      text: 'agent2 covers the operational costs best.',
      tool: vote('agent2', 'Most concrete on operational costs: snapshots, upcasting and GDPR deletion.'),
      usage: { inputTokens: 2890, outputTokens: 160, reasoningTokens: 96 },
    },
    {
      latency: 500,
      chunk: 40,
      reasoning:
        'agent3 revised its answer and now merges the best of agent1 and agent2 with a clear verdict.',
      text: 'The revised agent3 answer is the most complete.',
      tool: vote(
        'agent3',
        'Revised answer combines the audit/replay benefits with every operational cost and gives a clear verdict.',
      ),
      usage: { inputTokens: 3520, outputTokens: 150, reasoningTokens: 80 },
    },
  ],
  'claude-sonnet-4-5': [
    {
      latency: 900,
      chunk: 50,
      reasoning:
        'I want to go beyond the textbook list: temporal queries, GDPR in an immutable log, and the team cost.',
      text: 'Event sourcing is a trade of simplicity for history. Here is what each side of the trade looks like in practice.',
      tool: answer(CLAUDE_ANSWER),
      usage: { inputTokens: 1380, outputTokens: 610, reasoningTokens: 150 },
    },
    {
      latency: 600,
      chunk: 70,
      reasoning:
        'Comparing the three answers carefully. agent1 is clear and balanced, with a good rule of thumb at the end. agent2 has more operational detail. agent3 is too short to be useful as it stands. I lean towards agent1 for its clarity.',
      tool: vote('agent1', 'Clear, balanced and ends with a practical rule of thumb.'),
      usage: { inputTokens: 2950, outputTokens: 210, reasoningTokens: 140 },
    },
    {
      latency: 400,
      chunk: 40,
      reasoning:
        'A new answer arrived: agent3 revised. It now covers everything agent1 and agent2 said, and adds a verdict.',
      text: 'With the revision, agent3 is the best answer.',
      tool: vote(
        'agent3',
        'After its revision it is the most complete and best organised answer, with a clear verdict.',
      ),
      usage: { inputTokens: 3700, outputTokens: 140, reasoningTokens: 90 },
    },
  ],
  'gemini-2.5-flash': [
    {
      latency: 500,
      chunk: 35,
      text: 'Short version first.',
      tool: answer(GEMINI_FIRST),
      usage: { inputTokens: 1300, outputTokens: 120 },
    },
    {
      latency: 500,
      chunk: 45,
      reasoning:
        'My first answer was thin. agent1 explains when to use it; agent2 has the operational details (upcasting, snapshots, crypto-shredding). A revised answer should combine both and end with a verdict.',
      text: 'I will revise my answer: combine the use-case guidance of one answer with the operational costs of the other.',
      tool: answer(GEMINI_REVISED),
      usage: { inputTokens: 2800, outputTokens: 480, reasoningTokens: 160 },
    },
    {
      latency: 500,
      chunk: 40,
      reasoning: 'agent1 is the clearest for a newcomer.',
      tool: vote('agent1', 'The clearest explanation for someone new to the pattern.'),
      usage: { inputTokens: 3600, outputTokens: 90, reasoningTokens: 40 },
    },
  ],
};

/** The demo as a fake-provider scenario; `scale` multiplies all delays. */
export function demoScenario(scale = 1): Scenario {
  const calls = new Map<string, number>();
  return (req: FakeRequest): FakeReply => {
    const offered = req.tools.some((t) => t.name === 'new_answer' || t.name === 'vote');
    if (!offered) {
      return {
        firstByteDelayMs: Math.round(600 * scale),
        chunkDelayMs: Math.round(18 * scale),
        reasoning:
          'Two votes for agent3. I will present its structure, with the table of costs and mitigations.',
        text: PRESENTATION,
        usage: { inputTokens: 4200, outputTokens: 720, reasoningTokens: 60 },
      };
    }
    const steps = SCRIPT[req.model] ?? SCRIPT['gpt-5-mini']!;
    const n = calls.get(req.model) ?? 0;
    calls.set(req.model, n + 1);
    const step = steps[Math.min(n, steps.length - 1)]!;
    return {
      firstByteDelayMs: Math.round(step.latency * scale),
      chunkDelayMs: Math.round(step.chunk * scale),
      reasoning: step.reasoning,
      text: step.text,
      toolCalls: step.tool ? [step.tool] : undefined,
      usage: step.usage,
    };
  };
}
