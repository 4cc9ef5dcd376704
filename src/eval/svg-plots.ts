/** Inline SVG plots of the report: accuracy per system with its interval, accuracy against a cost axis. */
import type { SystemSummary } from './summary.js';

const W = 560;
const H = 300;
const M = { left: 150, right: 20, top: 16, bottom: 40 };
const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#be185d', '#4d7c0f'];

/** Escapes text for HTML and SVG. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Horizontal bars of accuracy per system, with the 95% interval as a whisker. */
export function accuracyBars(systems: readonly SystemSummary[]): string {
  const rowH = 26;
  const height = M.top + M.bottom + rowH * systems.length;
  const plotW = W - M.left - M.right;
  const x = (v: number) => M.left + v * plotW;
  const parts: string[] = [];
  for (const [i, s] of systems.entries()) {
    const y = M.top + i * rowH;
    parts.push(
      `<text x="${M.left - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(s.name)}</text>`,
      `<rect x="${M.left}" y="${y + 4}" width="${(s.accuracy * plotW).toFixed(1)}" height="${rowH - 10}" fill="${COLOURS[i % COLOURS.length]}" opacity="0.75"><title>${escapeHtml(s.name)}: ${(s.accuracy * 100).toFixed(1)}%</title></rect>`,
      `<line x1="${x(s.ci95[0]).toFixed(1)}" x2="${x(s.ci95[1]).toFixed(1)}" y1="${y + 12}" y2="${y + 12}" stroke="#111" stroke-width="1.5"/>`,
      `<line x1="${x(s.ci95[0]).toFixed(1)}" x2="${x(s.ci95[0]).toFixed(1)}" y1="${y + 7}" y2="${y + 17}" stroke="#111"/>`,
      `<line x1="${x(s.ci95[1]).toFixed(1)}" x2="${x(s.ci95[1]).toFixed(1)}" y1="${y + 7}" y2="${y + 17}" stroke="#111"/>`,
    );
  }
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${M.top}" y2="${height - M.bottom}" stroke="#ddd"/>`,
      `<text x="${x(t)}" y="${height - M.bottom + 16}" text-anchor="middle">${t * 100}%</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" class="plot" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="accuracy per system">${parts.join('')}</svg>`;
}

/** Accuracy (y) against a per-task figure (x), one labelled point per system with its interval. */
export function accuracyScatter(
  systems: readonly SystemSummary[],
  xOf: (s: SystemSummary) => number,
  xLabel: string,
  format: (x: number) => string,
): string {
  const plotW = W - 60 - M.right;
  const plotH = H - M.top - M.bottom;
  const maxX = Math.max(...systems.map(xOf), 0) || 1;
  const x = (v: number) => 60 + (v / maxX) * plotW * 0.9;
  const y = (v: number) => M.top + (1 - v) * plotH;
  const parts: string[] = [
    `<line x1="60" x2="60" y1="${M.top}" y2="${M.top + plotH}" stroke="#999"/>`,
    `<line x1="60" x2="${W - M.right}" y1="${M.top + plotH}" y2="${M.top + plotH}" stroke="#999"/>`,
    `<text x="${(W + 60) / 2}" y="${H - 6}" text-anchor="middle">${escapeHtml(xLabel)}</text>`,
  ];
  for (const t of [0, 0.5, 1]) {
    parts.push(`<text x="54" y="${y(t) + 4}" text-anchor="end">${t * 100}%</text>`);
    parts.push(
      `<text x="${x(maxX * t)}" y="${M.top + plotH + 16}" text-anchor="middle">${escapeHtml(format(maxX * t))}</text>`,
    );
  }
  for (const [i, s] of systems.entries()) {
    const cx = x(xOf(s)).toFixed(1);
    const colour = COLOURS[i % COLOURS.length];
    parts.push(
      `<line x1="${cx}" x2="${cx}" y1="${y(s.ci95[0]).toFixed(1)}" y2="${y(s.ci95[1]).toFixed(1)}" stroke="${colour}" opacity="0.6"/>`,
      `<circle cx="${cx}" cy="${y(s.accuracy).toFixed(1)}" r="5" fill="${colour}"><title>${escapeHtml(s.name)}: ${(s.accuracy * 100).toFixed(1)}% at ${escapeHtml(format(xOf(s)))}</title></circle>`,
      `<text x="${Number(cx) + 8}" y="${(y(s.accuracy) - 6).toFixed(1)}">${escapeHtml(s.name)}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" class="plot" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="accuracy against ${escapeHtml(xLabel)}">${parts.join('')}</svg>`;
}
