/**
 * One dataset record (a JSONL line or a CSV row, as an object) → an {@link EvalTask}, by shape:
 * multiple choice (`choices` + a letter, an index or the choice's text), math with a numeric final
 * answer (GSM8K's `… #### 42`), or a short answer. Returns the problem instead when the record
 * cannot be used.
 */
import type { HistoryMessage } from '../types/history.js';
import { choiceLetter, type EvalTask, SCORER_NAMES, type ScorerName, type ScoringSpec } from './task.js';

/** A record that cannot become a task: what is wrong and how to fix it. */
export interface ShapeProblem {
  problem: string;
  fix?: string;
}

const KNOWN_KEYS = new Set([
  'id',
  'question',
  'messages',
  'answer',
  'answers',
  'choices',
  'scoring',
  'tolerance',
  'rubric',
  'metadata',
]);

const isNumber = (text: string) => /^[-+]?(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim());

/** The reference after GSM8K's `####` marker, without thousands separators. */
function gsm8kFinal(text: string): string | undefined {
  const at = text.lastIndexOf('####');
  return at < 0
    ? undefined
    : text
        .slice(at + 4)
        .trim()
        .replace(/,/g, '');
}

function scoringOf(
  raw: unknown,
  tolerance: unknown,
  rubric: unknown,
): ScoringSpec | ShapeProblem | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const spec = typeof raw === 'string' ? { name: raw } : raw;
  if (typeof spec !== 'object' || spec === null || typeof (spec as { name?: unknown }).name !== 'string')
    return {
      problem: '`scoring` must be a scorer name or an object with `name`',
      fix: `use one of ${SCORER_NAMES.join(', ')}`,
    };
  const { name, tolerance: t = tolerance, rubric: r = rubric } = spec as Record<string, unknown>;
  if (!SCORER_NAMES.includes(name as ScorerName))
    return { problem: `unknown scoring "${String(name)}"`, fix: `use one of ${SCORER_NAMES.join(', ')}` };
  const out: ScoringSpec = { name: name as ScorerName };
  if (t !== undefined && t !== '') {
    const value = Number(t);
    if (!Number.isFinite(value) || value < 0)
      return { problem: `tolerance must be a non-negative number, got ${JSON.stringify(t)}` };
    out.tolerance = value;
  }
  if (typeof r === 'string' && r.trim()) out.rubric = r;
  return out;
}

function messagesOf(raw: unknown): { question: string; history: HistoryMessage[] } | ShapeProblem {
  const fix = 'give `messages` as [{"role": "user", "content": "…"}, …] ending with a user message';
  if (!Array.isArray(raw) || raw.length === 0)
    return { problem: '`messages` must be a non-empty array', fix };
  const turns: HistoryMessage[] = [];
  for (const [i, m] of raw.entries()) {
    const { role, content } = (m ?? {}) as Record<string, unknown>;
    if ((role !== 'user' && role !== 'assistant') || typeof content !== 'string')
      return { problem: `messages[${i}] must have role "user" or "assistant" and a text content`, fix };
    turns.push({ role, content });
  }
  const last = turns.at(-1)!;
  if (last.role !== 'user') return { problem: 'the last of `messages` must be a user message', fix };
  return { question: last.content, history: turns.slice(0, -1) };
}

function choicesOf(raw: unknown): string[] | ShapeProblem {
  const list = Array.isArray(raw)
    ? raw
    : typeof raw === 'object' && raw !== null
      ? Object.values(raw)
      : undefined;
  if (
    !list ||
    list.length < 2 ||
    list.length > 26 ||
    list.some((c) => typeof c !== 'string' && typeof c !== 'number')
  )
    return {
      problem: '`choices` must list 2 to 26 options',
      fix: 'give `choices` as ["first", "second", …]',
    };
  return list.map(String);
}

/** The letter a multiple-choice reference names: a letter, a 0-based index or the choice's text. */
function referenceLetter(answer: string, choices: string[]): string | undefined {
  const text = answer.trim();
  const letter = /^\(?([A-Za-z])\)?\.?$/.exec(text)?.[1]?.toUpperCase();
  if (letter && letter.charCodeAt(0) - 65 < choices.length) return letter;
  if (/^\d+$/.test(text) && Number(text) < choices.length) return choiceLetter(Number(text));
  const at = choices.findIndex((c) => c.trim().toLowerCase() === text.toLowerCase());
  return at < 0 ? undefined : choiceLetter(at);
}

/** The task of a record, or its problem. `defaultScoring` is the dataset's choice (`--scoring`). */
export function shapeTask(
  record: Record<string, unknown>,
  line: number,
  defaultScoring?: ScorerName,
): EvalTask | ShapeProblem {
  const { id, question, messages, answer, answers, choices, metadata } = record;
  let text: string;
  let history: HistoryMessage[] | undefined;
  if (typeof question === 'string' && question.trim()) text = question;
  else if (messages !== undefined) {
    const m = messagesOf(messages);
    if ('problem' in m) return m;
    ({ question: text, history } = m);
  } else return { problem: 'the task has no question', fix: 'give `question` (text) or `messages`' };

  const given = answers ?? answer;
  const references = (Array.isArray(given) ? given : given === undefined || given === null ? [] : [given])
    .filter((a) => typeof a === 'string' || typeof a === 'number')
    .map(String)
    .filter((a) => a.trim() !== '');
  if (references.length === 0)
    return {
      problem: 'the task has no reference answer',
      fix: 'give `answer` (text or number) or `answers` (a list)',
    };

  const scoring = scoringOf(record.scoring, record.tolerance, record.rubric);
  if (scoring && 'problem' in scoring) return scoring;

  const task: EvalTask = {
    id: id === undefined || id === null || id === '' ? `line-${line}` : String(id),
    question: text,
    answers: references,
    scoring: scoring ?? { name: defaultScoring ?? 'normalized' },
    line,
  };
  if (history?.length) task.history = history;
  if (metadata !== undefined) task.metadata = metadata as Record<string, unknown>;
  const extra = Object.fromEntries(Object.entries(record).filter(([k]) => !KNOWN_KEYS.has(k)));
  if (Object.keys(extra).length > 0) task.metadata = { ...extra, ...(task.metadata ?? {}) };

  if (choices !== undefined && choices !== '') {
    const list = choicesOf(choices);
    if ('problem' in list) return list;
    const letters = references.map((r) => referenceLetter(r, list));
    if (letters.some((l) => l === undefined))
      return {
        problem: `the answer ${JSON.stringify(references[0])} names none of the ${list.length} choices`,
        fix: `give the letter (A–${choiceLetter(list.length - 1)}), the 0-based index or the text of a choice`,
      };
    task.choices = list;
    task.answers = letters as string[];
    task.question = `${text}\n\n${list.map((c, i) => `${choiceLetter(i)}. ${c}`).join('\n')}\n\nAnswer with the letter of the correct choice.`;
    if (!scoring) task.scoring = { name: defaultScoring ?? 'choice' };
    return task;
  }
  const finals = references.map(gsm8kFinal);
  if (finals.every((f) => f !== undefined && isNumber(f))) {
    task.answers = finals as string[];
    if (!scoring) task.scoring = { name: defaultScoring ?? 'numeric' };
  } else if (!scoring && !defaultScoring && references.every(isNumber)) task.scoring = { name: 'numeric' };
  return task;
}
