// A custom agent adapter (used by examples/custom_adapter.yaml): a calculator that works out the
// arithmetic in the question itself, gives it as its answer, and votes for a peer that agrees.
import type { AdapterTurn, AgentAdapter } from 'massgen';

/** The value of the first arithmetic expression in `text` (digits, + - * / and parentheses). */
function calculate(text: string): number | undefined {
  const expression = /[\d(][\d\s+\-*/().]*[\d)]/.exec(text)?.[0];
  if (!expression) return undefined;
  const value = Function(`"use strict"; return (${expression});`)() as unknown;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export const calculatorAgent: AgentAdapter = {
  type: 'calculator',
  async run(turn: AdapterTurn) {
    turn.signal.throwIfAborted();
    const task =
      /<ORIGINAL MESSAGE>([\s\S]*?)<END OF ORIGINAL MESSAGE>/.exec(turn.prompt)?.[1] ?? turn.prompt;
    const value = calculate(task);
    const text = value === undefined ? 'I can only do arithmetic.' : `The result is ${value}.`;
    turn.events.text(text);
    turn.events.usage({ inputTokens: 0, outputTokens: 0 }); // no model: nothing to pay
    if (turn.phase === 'presentation') return { text };
    // A peer's answer with the same number gets the vote; otherwise this agent answers.
    const peers = [...turn.prompt.matchAll(/<(agent\d+)> ([\s\S]*?) <end of \1>/g)];
    const agreeing = peers.find(([, , answer]) => value !== undefined && answer?.includes(String(value)));
    const [vote, answer] = ['vote', 'new_answer'].map((name) => turn.tools.find((t) => t.name === name)!);
    const result = agreeing
      ? await vote!.execute({ agent_id: agreeing[1], reason: `It also finds ${value}.` })
      : await answer!.execute({ content: text });
    if (result.isError) turn.events.warning(`calculator: ${result.text}`);
    return { text };
  },
};
