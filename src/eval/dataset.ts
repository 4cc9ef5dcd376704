/**
 * Reading a dataset file: JSONL (one task a line) or CSV (a header row, one task a row), every
 * problem collected with its line before anything runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorText } from '../error-text.js';
import { parseCsv } from './csv.js';
import { DatasetError, lineIssue } from './errors.js';
import { referenceProblem } from './scorers.js';
import type { EvalTask, ScorerName } from './task.js';
import { shapeTask } from './task-shape.js';

/** How many problems an error lists at most. */
const MAX_ISSUES = 20;

/** One record of a file with the line it starts on. */
interface Row {
  line: number;
  record?: Record<string, unknown>;
  problem?: string;
  fix?: string;
}

function jsonlRows(text: string): Row[] {
  const rows: Row[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const body = raw.trim();
    if (body === '') continue;
    try {
      const value: unknown = JSON.parse(body);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        rows.push({
          line: i + 1,
          problem: 'the line is not a JSON object',
          fix: 'write one {"id", "question", "answer"} object per line',
        });
      else rows.push({ line: i + 1, record: value as Record<string, unknown> });
    } catch (error) {
      rows.push({
        line: i + 1,
        problem: `malformed JSON (${errorText(error)})`,
        fix: 'write one JSON object per line',
      });
    }
  }
  return rows;
}

/** CSV columns: `id`, `question`, `answer`, `answers` and `choices` (JSON lists or `|`-separated), `A`…`J`, others. */
function csvRows(text: string): Row[] {
  const [header, ...records] = parseCsv(text);
  if (!header) return [];
  const names = header.fields.map((f) => f.trim());
  const list = (value: string): unknown => {
    if (value.trim().startsWith('[')) {
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    }
    return value.split('|').map((s) => s.trim());
  };
  return records.map(({ line, fields }) => {
    if (fields.length !== names.length)
      return {
        line,
        problem: `${fields.length} fields where the header has ${names.length}`,
        fix: 'quote fields holding commas ("a, b")',
      };
    const record: Record<string, unknown> = {};
    const lettered: string[] = [];
    for (const [i, name] of names.entries()) {
      const value = fields[i]!;
      if (/^[A-J]$/.test(name)) {
        if (value !== '') lettered.push(value);
      } else if (name === 'answers' || name === 'choices') {
        if (value !== '') record[name] = list(value);
      } else if (value !== '') record[name] = value;
    }
    if (lettered.length > 0 && record.choices === undefined) record.choices = lettered;
    return { line, record };
  });
}

/** Options of {@link loadDataset}. */
export interface DatasetOptions {
  /** The scorer of tasks that choose none (default: by shape). */
  scoring?: ScorerName;
}

/**
 * The tasks of a dataset file (`.csv`: CSV, anything else: JSONL). Throws a {@link DatasetError}
 * naming the file and every bad line (malformed, no question, no reference answer, unknown scoring,
 * duplicate id) before anything runs.
 */
export async function loadDataset(file: string, options: DatasetOptions = {}): Promise<EvalTask[]> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new DatasetError(`cannot read the dataset ${absolute}: ${errorText(error)}`, [
      {
        file: absolute,
        path: '',
        message: 'the file cannot be read',
        suggestion: 'check the --dataset path',
      },
    ]);
  }
  const rows = path.extname(absolute).toLowerCase() === '.csv' ? csvRows(text) : jsonlRows(text);
  const issues: ReturnType<typeof lineIssue>[] = [];
  const tasks: EvalTask[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (!row.record) {
      issues.push(lineIssue(absolute, row.line, row.problem!, row.fix));
      continue;
    }
    const task = shapeTask(row.record, row.line, options.scoring);
    if ('problem' in task) {
      issues.push(lineIssue(absolute, row.line, task.problem, task.fix));
      continue;
    }
    const bad = referenceProblem(task);
    if (bad) {
      issues.push(lineIssue(absolute, row.line, bad, 'fix the reference answer or choose another scoring'));
      continue;
    }
    const earlier = seen.get(task.id);
    if (earlier !== undefined) {
      issues.push(
        lineIssue(
          absolute,
          row.line,
          `duplicate id "${task.id}" (also on line ${earlier})`,
          'give every task its own id',
        ),
      );
      continue;
    }
    seen.set(task.id, row.line);
    tasks.push(task);
  }
  if (issues.length > 0) {
    const more = issues.length > MAX_ISSUES ? ` (first ${MAX_ISSUES} shown)` : '';
    throw new DatasetError(
      `the dataset ${absolute} has ${issues.length} bad line${issues.length === 1 ? '' : 's'}${more}; nothing was run`,
      issues.slice(0, MAX_ISSUES),
    );
  }
  if (tasks.length === 0)
    throw new DatasetError(`the dataset ${absolute} has no tasks`, [
      {
        file: absolute,
        path: '',
        message: 'no tasks',
        suggestion: 'write one {"id", "question", "answer"} object per line',
      },
    ]);
  return tasks;
}
