/**
 * The "format oracle" scenario of the `massgen optimize` tests: a model that knows every task's
 * answer but states it in the expected form (the bare answer) only when it has been shown a useful
 * demonstration — a worked example whose answer is the correct one, in that form — either in its
 * system message (`Question: …` / `Answer: …`, as an optimised config carries them) or as earlier
 * example turns of the conversation (as Ax's programs send them). Otherwise it answers in a sentence,
 * except on the tasks it happens to get right anyway (a set probability, deterministic per task).
 * It follows MassGen's protocol like the noisy oracle (answer once, vote for agent1, present) and
 * Ax's field format (`Answer: …`). Asked by an Ax optimiser to reflect (any Ax program whose output
 * is not `answer`: GEPA's feedback and instruction proposals), it proposes an instruction that
 * carries a worked example from the examples it was shown, with their reference answer.
 */

import { requestQuestion, unitHash } from './noisy-oracle.js';
import type { FakeReply, FakeRequest } from './scenario.js';

/** Options of {@link formatOracle}. */
export interface FormatOracleOptions {
  /** The correct answer of each question (exactly as asked). */
  answers: Readonly<Record<string, string>>;
  /** Probability that a task is answered bare without any demonstration (default 0). */
  bareAnyway?: number;
  /** Token usage of every reply (default 100 in, 10 out). */
  usage?: { inputTokens: number; outputTokens: number };
}

/** Whether the task is answered bare without demonstrations. */
export function bareAnyway(question: string, p: number): boolean {
  return unitHash('bare', question) < p;
}

/** The sentence an undemonstrated model answers in. */
export const sentence = (answer: string) => `I worked it out, and the result comes to ${answer}.`;

/**
 * Whether a question/answer pair is a useful demonstration: a known task and its correct answer,
 * bare (a sentence's closing full stop aside: Ax ends an instruction with one).
 */
function useful(answers: FormatOracleOptions['answers'], question: string, answer: string): boolean {
  const known = answers[question.trim()];
  return known !== undefined && known === answer.trim().replace(/\.$/, '');
}

/** Whether the request carries a useful demonstration (system message or example turns). */
export function demonstrated(req: FakeRequest, answers: FormatOracleOptions['answers']): boolean {
  for (const found of req.system.matchAll(/Question: ([^\n]+)\nAnswer: ([^\n]+)/g))
    if (useful(answers, found[1]!, found[2]!)) return true;
  const turns = req.messages;
  for (let i = 1; i < turns.length; i++) {
    const asked = /^Question: ([^\n]+)$/.exec(turns[i - 1]!.text.trim());
    const said = /^Answer: ([^\n]+)$/.exec(turns[i]!.text.trim());
    if (turns[i - 1]!.role === 'user' && turns[i]!.role === 'assistant' && asked && said)
      if (useful(answers, asked[1]!, said[1]!)) return true;
  }
  return false;
}

/** The question of an Ax request: the last `Question: …` line of its last user message. */
function axQuestion(req: FakeRequest): string | undefined {
  if (!req.system.includes('<output_fields>')) return undefined;
  return [...req.lastUserText.matchAll(/^Question: ([^\n]+)$/gm)].at(-1)?.[1]?.trim();
}

/** The output wire keys of an Ax program's request (`(wire key: \`name\`)` in its system prompt). */
function axOutputKeys(req: FakeRequest): string[] {
  const block = /<output_fields>([\s\S]*?)<\/output_fields>/.exec(req.system)?.[1] ?? '';
  return [...block.matchAll(/\(wire key: `([^`]+)`\)/g)].map((m) => m[1]!);
}

/** The reply of a reflecting teacher: every output field an instruction with a worked example. */
function reflection(req: FakeRequest, keys: string[], answers: FormatOracleOptions['answers']): string {
  const text = req.messages.map((m) => m.text).join('\n');
  const example = [...text.matchAll(/"question": "([^"]+)"/g)]
    .map((m) => m[1]!)
    .find((q) => answers[q] !== undefined);
  const instruction = example
    ? `State the result alone, as in this example.\nQuestion: ${example}\nAnswer: ${answers[example]}`
    : 'State the result alone.';
  return keys.map((k) => `${k}: ${instruction}`).join('\n');
}

/** The format oracle scenario. */
export function formatOracle(options: FormatOracleOptions): (req: FakeRequest) => FakeReply {
  return (req): FakeReply => {
    const base: FakeReply = { usage: options.usage ?? { inputTokens: 100, outputTokens: 10 } };
    const keys = axOutputKeys(req);
    if (keys.length > 0 && !keys.includes('answer'))
      return { ...base, text: reflection(req, keys, options.answers) };
    const ax = axQuestion(req);
    const question = ax ?? requestQuestion(req).trim();
    const correct = options.answers[question];
    if (correct === undefined) return { ...base, text: `no such task: ${question.slice(0, 80)}` };
    const bare = demonstrated(req, options.answers) || bareAnyway(question, options.bareAnyway ?? 0);
    const value = bare ? correct : sentence(correct);
    if (ax !== undefined) return { ...base, text: `Answer: ${value}` };
    const workflow = req.tools.some((t) => t.name === 'new_answer' || t.name === 'vote');
    if (!workflow) return { ...base, text: value };
    const answered =
      req.messages.some((m) => m.toolCalls?.some((c) => c.name === 'new_answer')) ||
      req.messages.some((m) => /<agent\d+> /.test(m.text));
    if (!answered) return { ...base, toolCalls: [{ name: 'new_answer', args: { content: value } }] };
    return {
      ...base,
      toolCalls: [{ name: 'vote', args: { agent_id: 'agent1', reason: 'It states the answer.' } }],
    };
  };
}
