/**
 * The scorers that need no model: each turns an answer into the value it is compared on
 * ({@link answerKey}, also what majority voting counts) and scores it 1 or 0 ({@link scoreText}).
 * `judge` is scored by a model (judge.ts).
 */
import type { EvalTask, ScoringSpec } from './task.js';

const DEFAULT_TOLERANCE = 1e-6;

/** Lower case, punctuation dropped, whitespace collapsed. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The final answer a reply states (`Answer: X`, `the answer is X`, `#### X`), else the whole reply. */
export function statedAnswer(text: string): string {
  const marked =
    /####\s*([^\n]+)\s*$/.exec(text) ??
    /(?:^|\n)\s*(?:final answer|answer)\s*[:：]\s*([^\n]+)/i.exec(text) ??
    /\b(?:final answer|the answer) is\s*[:：]?\s*([^\n]+)/i.exec(text);
  return (marked?.[1] ?? text).trim();
}

/** The number a reply ends on: its stated or boxed answer, else its last number. */
export function extractNumber(text: string): number | undefined {
  const number = /[-+]?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?|[-+]?\.\d+/gi;
  const boxed = /\\boxed\{([^}]*)\}/.exec(text)?.[1];
  for (const source of [boxed, statedAnswer(text), text]) {
    if (source === undefined) continue;
    const found = source.match(number);
    const last = found?.at(-1);
    if (last !== undefined) {
      const value = Number(last.replace(/,/g, ''));
      if (Number.isFinite(value)) return value;
    }
  }
  return undefined;
}

/** The choice letter a reply picks (`Answer: B`, `(B)`, `B.` at the start, a lone capital letter). */
export function extractChoice(text: string): string | undefined {
  const patterns = [
    /\b(?:final answer|answer)\s*(?:is)?\s*[:：]?\s*\(?([A-Z])\)?(?![A-Za-z])/i,
    /^\s*\(?([A-Z])\)?(?:[.):]|\s*$)/,
  ];
  for (const p of patterns) {
    const letter = p.exec(text)?.[1];
    if (letter) return letter.toUpperCase();
  }
  const bracketed = [...text.matchAll(/\(([A-Z])\)/g)].at(-1)?.[1];
  if (bracketed) return bracketed;
  return [...text.matchAll(/(?<![A-Za-z'])([B-HJ-Z]|A(?=[.):]))(?![A-Za-z'])/g)].at(-1)?.[1];
}

/** The value an answer is compared on under `spec`: what majority voting counts as "the same answer". */
export function answerKey(spec: ScoringSpec, text: string): string {
  switch (spec.name) {
    case 'numeric': {
      const n = extractNumber(text);
      return n === undefined ? `text:${normalizeText(text)}` : String(n);
    }
    case 'choice':
      return extractChoice(text) ?? `text:${normalizeText(text)}`;
    case 'exact':
      return text.trim();
    default:
      return normalizeText(statedAnswer(text));
  }
}

/** Whether `text` matches one reference of the task (1) or none (0); not for `judge`. */
export function scoreText(task: Pick<EvalTask, 'answers' | 'scoring'>, text: string): number {
  const spec = task.scoring;
  const any = (test: (reference: string) => boolean) => (task.answers.some(test) ? 1 : 0);
  switch (spec.name) {
    case 'exact':
      return any((r) => text.trim() === r.trim());
    case 'normalized': {
      const got = normalizeText(statedAnswer(text));
      const whole = normalizeText(text);
      return any((r) => normalizeText(r) === got || normalizeText(r) === whole);
    }
    case 'numeric': {
      const got = extractNumber(text);
      const tolerance = spec.tolerance ?? DEFAULT_TOLERANCE;
      return got === undefined ? 0 : any((r) => Math.abs(Number(r.replace(/,/g, '')) - got) <= tolerance);
    }
    case 'choice': {
      const got = extractChoice(text);
      return any((r) => r.trim().toUpperCase() === got);
    }
    case 'regex':
      return any((r) => new RegExp(r, 'i').test(text));
    case 'contains': {
      const got = normalizeText(text);
      return any((r) => got.includes(normalizeText(r)));
    }
    case 'judge':
      throw new Error('judge scores are given by the judge model (judge.ts)');
  }
}

/** Why a task's references cannot be scored by its scorer (a regex that does not compile), if so. */
export function referenceProblem(task: Pick<EvalTask, 'answers' | 'scoring'>): string | undefined {
  if (task.scoring.name === 'numeric') {
    const bad = task.answers.find((r) => !Number.isFinite(Number(r.replace(/,/g, ''))));
    if (bad !== undefined) return `numeric scoring needs a number as reference, got ${JSON.stringify(bad)}`;
  }
  if (task.scoring.name !== 'regex') return undefined;
  for (const r of task.answers) {
    try {
      new RegExp(r, 'i');
    } catch (error) {
      return `the regex ${JSON.stringify(r)} does not compile (${(error as Error).message})`;
    }
  }
  return undefined;
}
