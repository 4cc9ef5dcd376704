/**
 * `report.html`: one self-contained page (inline CSS and SVG, no scripts or requests): accuracy per
 * system with its 95% interval, accuracy against cost and against time, the table, every task with
 * each system's answer, score and a link to its run's log folder, and the exact configs and commit.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResultLine } from './result-line.js';
import { resultKey } from './result-line.js';
import type { EvalSettings } from './settings.js';
import type { EvalSummary } from './summary.js';
import { accuracyBars, accuracyScatter, escapeHtml } from './svg-plots.js';
import type { EvalTask } from './task.js';

/** What produced the evaluation, shown at the end of the report. */
export interface Provenance {
  /** Each config file with its text (secrets hidden). */
  configs: Array<{ path: string; text: string; commit?: string }>;
  /** The git commit of the massgen checkout (or `unknown`) and the package version. */
  commit: string;
  version: string;
}

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}…` : text);

/** The report page. Links to log folders are relative to `dir`, where the page is written. */
export function reportHtml(
  dir: string,
  summary: EvalSummary,
  lines: readonly ResultLine[],
  tasks: readonly EvalTask[],
  settings: EvalSettings,
  provenance: Provenance,
): string {
  const systems = summary.systems;
  const byKey = new Map(lines.map((l) => [resultKey(l.task, l.system), l]));
  const link = (logDir: string | null) => {
    if (!logDir) return '';
    const rel = path.relative(dir, logDir);
    const href = rel.startsWith('..') ? pathToFileURL(logDir).href : rel.split(path.sep).join('/');
    return ` <a href="${escapeHtml(href)}/">log</a>`;
  };
  const tableRows = systems
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td>${(s.accuracy * 100).toFixed(1)}%</td><td>${(s.ci95[0] * 100).toFixed(1)}–${(s.ci95[1] * 100).toFixed(1)}%</td><td>${s.tasks}</td><td>${Math.round(s.tokens)}</td><td>$${s.cost_usd.toFixed(5)}</td><td>${s.wall_s.toFixed(2)} s</td><td>${s.failed}</td></tr>`,
    )
    .join('\n');
  const taskRows = tasks
    .map((t) => {
      const cells = systems
        .map((s) => {
          const l = byKey.get(resultKey(t.id, s.name));
          if (!l) return '<td class="missing">—</td>';
          const cls = l.score >= 1 ? 'right' : l.score > 0 ? 'part' : 'wrong';
          return `<td class="${cls}" title="${escapeHtml(clip(l.answer, 2000))}">${l.score} · ${escapeHtml(clip(l.answer.replace(/\s+/g, ' '), 60))}${link(l.log_dir)}</td>`;
        })
        .join('');
      return `<tr><td>${escapeHtml(t.id)}</td><td><details><summary>${escapeHtml(clip(t.question.replace(/\s+/g, ' '), 80))}</summary><pre>${escapeHtml(t.question)}</pre></details></td><td>${escapeHtml(t.answers.join(' | '))}</td><td>${t.scoring.name}</td>${cells}</tr>`;
    })
    .join('\n');
  const status = summary.complete
    ? 'complete'
    : `incomplete${summary.stopped === 'budget' ? ': stopped at --max-cost' : summary.stopped ? `: ${summary.stopped}` : ''}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>massgen eval: ${escapeHtml(path.basename(settings.dataset))}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;max-width:1200px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
td.right{background:#dcfce7}td.wrong{background:#fee2e2}td.part{background:#fef9c3}td.missing{color:#999}
.plot text{font:11px system-ui,sans-serif}pre{white-space:pre-wrap;background:#f6f6f6;padding:8px;overflow:auto}
.plots{display:flex;flex-wrap:wrap;gap:16px}
</style></head><body>
<h1>Evaluation of ${escapeHtml(path.basename(settings.dataset))}</h1>
<p>${summary.tasks} tasks · ${systems.length} systems · ${status} · spent $${summary.cost_usd.toFixed(4)} · intervals: 95% Wilson score</p>
<h2>Accuracy per system</h2>
${accuracyBars(systems)}
<div class="plots">
<div><h2>Accuracy vs cost per task</h2>${accuracyScatter(
    systems,
    (s) => s.cost_usd,
    'cost per task (USD)',
    (x) => `$${x.toFixed(4)}`,
  )}</div>
<div><h2>Accuracy vs wall time per task</h2>${accuracyScatter(
    systems,
    (s) => s.wall_s,
    'wall time per task (s)',
    (x) => `${x.toFixed(1)}s`,
  )}</div>
</div>
<h2>Systems</h2>
<table><tr><th>system</th><th>accuracy</th><th>95% CI</th><th>tasks</th><th>tokens/task</th><th>cost/task</th><th>wall/task</th><th>failed</th></tr>
${tableRows}
</table>
<h2>Tasks</h2>
<table><tr><th>task</th><th>question</th><th>reference</th><th>scoring</th>${systems.map((s) => `<th>${escapeHtml(s.name)}</th>`).join('')}</tr>
${taskRows}
</table>
<h2>Settings</h2>
<pre>${escapeHtml(JSON.stringify(settings, null, 2))}</pre>
<p>massgen ${escapeHtml(provenance.version)} · commit ${escapeHtml(provenance.commit)}</p>
${provenance.configs.map((c) => `<h3>${escapeHtml(c.path)}</h3>${c.commit ? `<p>commit ${escapeHtml(c.commit)}</p>` : ''}<pre>${escapeHtml(c.text)}</pre>`).join('\n')}
</body></html>
`;
}
