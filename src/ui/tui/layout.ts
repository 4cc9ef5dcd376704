/**
 * Where things go on screen: panels side by side (wrapping to more rows when needed) or, when panels
 * would be too narrow or too short, one line per agent. Pure arithmetic, tested without a terminal.
 */

/** Narrowest useful panel, borders included. */
export const MIN_PANEL_WIDTH = 30;
/** Shortest useful panel: borders, title, status and two lines of text. */
export const MIN_PANEL_HEIGHT = 6;

export interface GridLayout {
  mode: 'panels' | 'compact';
  /** Panels per row and rows of panels (panels mode). */
  perRow: number;
  rows: number;
  panelWidth: number;
  panelHeight: number;
  /** Lines the grid takes. */
  height: number;
}

/** The agents' area for `count` agents in `columns` × `height`. */
export function gridLayout(count: number, columns: number, height: number): GridLayout {
  const n = Math.max(1, count);
  const perRow = Math.min(n, Math.floor(columns / MIN_PANEL_WIDTH));
  const compact: GridLayout = {
    mode: 'compact',
    perRow: 1,
    rows: n,
    panelWidth: columns,
    panelHeight: 1,
    height: Math.max(1, Math.min(n, height)),
  };
  if (perRow < 1) return compact;
  const rows = Math.ceil(n / perRow);
  const panelHeight = Math.floor(height / rows);
  if (panelHeight < MIN_PANEL_HEIGHT) return compact;
  // Spread the agents evenly over the rows (8 agents in 2 rows of 4, not 5 + 3).
  const even = Math.ceil(n / rows);
  return {
    mode: 'panels',
    perRow: even,
    rows,
    panelWidth: Math.floor(columns / even),
    panelHeight,
    height: rows * panelHeight,
  };
}

/** Heights of the main view's parts for a terminal of `rows` lines. */
export interface MainLayout {
  grid: number;
  final: number;
}

/**
 * Splits the lines left after header, summary and footer between the agents and the final answer.
 * The final answer takes what it needs (`finalNeed` lines, 0 when there is none) up to 60% of the
 * room; the agents keep the rest, and at least a line each (or one short panel row).
 */
export function mainLayout(available: number, agentCount: number, finalNeed: number): MainLayout {
  if (finalNeed <= 0) return { grid: Math.max(1, available), final: 0 };
  const minGrid = Math.min(Math.max(agentCount, MIN_PANEL_HEIGHT), Math.floor(available / 2));
  const maxFinal = available - Math.max(minGrid, Math.floor(available * 0.4));
  const final = Math.max(0, Math.min(finalNeed, maxFinal));
  return { grid: Math.max(1, available - final), final };
}

/** Widths of `count` panels sharing `width` columns (the first ones take the remainder). */
export function panelWidths(count: number, width: number): number[] {
  const base = Math.floor(width / Math.max(1, count));
  const extra = width - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}
