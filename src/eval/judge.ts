/**
 * The `judge` scorer: an LLM judge (the first agent of `--judge CONFIG`, alone, in one call) grades
 * an answer against the task's references with a rubric and replies with a verdict.
 */
import type { LoadedConfig } from '../config/load.js';
import { runConfig } from '../run/run-config.js';
import type { RunOptions } from '../run/run-options.js';
import { singleConfig } from './systems.js';
import type { EvalTask } from './task.js';

/** The rubric when neither `--rubric` nor the task gives one. */
export const DEFAULT_RUBRIC =
  'The answer is correct when it states the same final answer as a reference answer; wording, extra explanation and formatting do not matter.';

/** The judge's question for one answer. */
export function judgePrompt(task: EvalTask, answer: string, rubric: string): string {
  return [
    'Grade the ANSWER to the QUESTION against the REFERENCE ANSWERS using the RUBRIC.',
    `RUBRIC:\n${rubric}`,
    `QUESTION:\n${task.question}`,
    `REFERENCE ANSWERS:\n${task.answers.map((a) => `- ${a}`).join('\n')}`,
    `ANSWER:\n${answer || '(no answer)'}`,
    'Reply with one line `VERDICT: CORRECT` or `VERDICT: INCORRECT`; for partial credit add a line `SCORE: x` with x between 0 and 1.',
  ].join('\n\n');
}

/** The score a judge's reply gives: its `SCORE:`, else its verdict; undefined when it gives neither. */
export function parseVerdict(text: string): number | undefined {
  const score = /SCORE:\s*([01](?:\.\d+)?|\.\d+)/i.exec(text)?.[1];
  if (score !== undefined) return Math.min(1, Math.max(0, Number(score)));
  const verdict = /VERDICT:\s*\**\s*(CORRECT|INCORRECT)/i.exec(text)?.[1];
  return verdict === undefined ? undefined : verdict.toUpperCase() === 'CORRECT' ? 1 : 0;
}

/** A judge's grade of one answer, with its cost. */
export interface JudgeGrade {
  score: number;
  cost_usd: number;
  error?: string;
}

/** Grades `answer` with the judge's first agent. */
export async function judgeAnswer(
  judge: LoadedConfig,
  task: EvalTask,
  answer: string,
  rubric: string,
  options: Omit<RunOptions, 'question'>,
): Promise<JudgeGrade> {
  const source = singleConfig(judge, judge.config.agents[0]!.id);
  try {
    const outcome = await runConfig(source, {
      ...options,
      question: judgePrompt(task, answer, task.scoring.rubric ?? rubric),
    });
    const score = parseVerdict(outcome.finalAnswer ?? '');
    return {
      score: score ?? 0,
      cost_usd: outcome.usage.total.costUsd,
      ...(score === undefined ? { error: 'the judge gave no verdict' } : {}),
    };
  } catch (error) {
    return { score: 0, cost_usd: 0, error: `the judge failed: ${(error as Error).message}` };
  }
}
