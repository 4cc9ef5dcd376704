/**
 * The "noisy oracle" scenario: a model answers each task correctly with a set probability, decided
 * by a hash of the task's question and the model name (so deterministic per task and model), and
 * otherwise gives a wrong number of its own. In a MassGen run it follows the protocol: it answers
 * once, then votes for the answer most agents gave (ties: the lowest label), and the presenter
 * states that answer. Used by the `massgen eval` tests and the eval bench.
 */
import { createHash } from 'node:crypto';
import type { FakeReply, FakeRequest, Scenario } from './scenario.js';

/** Options of {@link noisyOracle}. */
export interface NoisyOracleOptions {
  /** The correct answer of each question (exactly as the agents are asked it). */
  answers: Readonly<Record<string, string>>;
  /** Probability of a correct answer per model name (default `defaultAccuracy`). */
  accuracy: Readonly<Record<string, number>>;
  /** For models not in `accuracy` (default 0.5). */
  defaultAccuracy?: number;
  /** Becomes `firstByteDelayMs` of every reply. */
  latencyMs?: number;
  /** Token usage of every reply (default 100 in, 20 out). */
  usage?: { inputTokens: number; outputTokens: number };
}

/** A number in [0, 1) from a hash of the parts. */
export function unitHash(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0) / 2 ** 32;
}

/** Whether `model` answers `question` correctly. */
export function oracleCorrect(question: string, model: string, p: number): boolean {
  return unitHash('correct', question, model) < p;
}

/** What `model` answers to `question` (a number): the correct one or its own wrong one. */
export function oracleAnswer(question: string, correct: string, model: string, p: number): string {
  if (oracleCorrect(question, model, p)) return correct;
  const wrong = Number(correct) + 1 + Math.floor(unitHash('wrong', question, model) * 1000);
  return String(Number.isFinite(wrong) ? wrong : `not-${correct}`);
}

/** The reply text stating an answer (the model's name keeps replies of different models apart). */
const stating = (model: string, value: string) => `${model} worked it out: the answer is ${value}`;

/** The question of a request: the text of its ORIGINAL MESSAGE block. */
export function originalQuestion(req: FakeRequest): string | undefined {
  for (const m of req.messages) {
    const found = /<ORIGINAL MESSAGE> ([\s\S]*?) <END OF ORIGINAL MESSAGE>/.exec(m.text);
    if (found) return found[1];
  }
  return undefined;
}

/** The task a request is about: its ORIGINAL MESSAGE, else (a lone agent's one call) its last user text. */
export function requestQuestion(req: FakeRequest): string {
  return originalQuestion(req) ?? req.lastUserText;
}

/** The answers shown to the agent, by label, as the values they state. */
function shownAnswers(req: FakeRequest): Array<{ label: string; value: string; text: string }> {
  const shown = new Map<string, { value: string; text: string }>();
  for (const m of req.messages) {
    if (m.role !== 'user' && m.role !== 'tool') continue;
    for (const found of m.text.matchAll(/<(agent\d+)> ([\s\S]*?) <end of \1>/g)) {
      const value = /the answer is (\S+)/.exec(found[2]!)?.[1];
      if (value !== undefined) shown.set(found[1]!, { value, text: found[2]!.trim() });
    }
  }
  return [...shown]
    .map(([label, answer]) => ({ label, ...answer }))
    .sort((a, b) => Number(a.label.slice(5)) - Number(b.label.slice(5)));
}

/** The most common value (ties: the lowest label) and the first label holding it. */
function majority(
  shown: Array<{ label: string; value: string }>,
): { label: string; value: string } | undefined {
  const counts = new Map<string, { n: number; label: string }>();
  for (const s of shown) {
    const entry = counts.get(s.value);
    if (entry) entry.n++;
    else counts.set(s.value, { n: 1, label: s.label });
  }
  let best: { value: string; n: number; label: string } | undefined;
  for (const [value, entry] of counts) if (!best || entry.n > best.n) best = { value, ...entry };
  return best && { label: best.label, value: best.value };
}

/** The noisy oracle scenario. */
export function noisyOracle(options: NoisyOracleOptions): Scenario {
  return (req): FakeReply => {
    const base: FakeReply = {
      usage: options.usage ?? { inputTokens: 100, outputTokens: 20 },
      ...(options.latencyMs === undefined ? {} : { firstByteDelayMs: options.latencyMs }),
    };
    const question = requestQuestion(req);
    const correct = options.answers[question];
    if (correct === undefined) return { ...base, text: `no such task: ${question.slice(0, 80)}` };
    const p = options.accuracy[req.model] ?? options.defaultAccuracy ?? 0.5;
    const own = oracleAnswer(question, correct, req.model, p);
    const workflow = req.tools.some((t) => t.name === 'new_answer' || t.name === 'vote');
    const shown = shownAnswers(req);
    if (!workflow) {
      // The presentation: the majority of the answers shown, or (alone, no answers) its own.
      const value = majority(shown)?.value ?? own;
      return { ...base, text: stating(req.model, value) };
    }
    // Answered: in this conversation, or its answer is among those shown (each turn starts afresh).
    const answered =
      req.messages.some((m) => m.toolCalls?.some((c) => c.name === 'new_answer')) ||
      shown.some((s) => s.text === stating(req.model, own));
    const pick = majority(shown);
    if (!answered || !pick)
      return { ...base, toolCalls: [{ name: 'new_answer', args: { content: stating(req.model, own) } }] };
    return {
      ...base,
      toolCalls: [{ name: 'vote', args: { agent_id: pick.label, reason: 'Most agents agree.' } }],
    };
  };
}
