// Hierarchy from indentation: indented BOMs (exported from PDM/ERP, or typed in Word/Calc) show a
// child by setting its name further right, often without any item number of its own. Each row's
// name cell start is remembered when the row is made (makeRow) and read once the list is joined.
import type { BomRow } from "../types.js";

const INDENTS = new WeakMap<BomRow, { x: number; charW: number }>();

export function rememberIndent(row: BomRow, x: number, charW: number): void {
  INDENTS.set(row, { x, charW });
}

/**
 * Levels from a few distinct left edges (at most 4), each a character or more apart, the first
 * one holding at least two rows, and no row more than one level below the row above it. Centred
 * cells (one edge per text length) and flat lists fail these and stay flat. True when linked.
 */
export function linkByIndent(rows: BomRow[]): boolean {
  const marks = rows.map((r) => INDENTS.get(r));
  if (rows.length < 4 || marks.some((m) => !m)) return false;
  const charW = median(marks.map((m) => m!.charW));
  const edges: number[] = [];
  for (const x of marks.map((m) => m!.x).sort((a, b) => a - b)) {
    if (!edges.length || x - edges[edges.length - 1] > 0.5 * charW) edges.push(x);
  }
  if (edges.length < 2 || edges.length > 4) return false;
  for (let i = 1; i < edges.length; i++) if (edges[i] - edges[i - 1] < 0.9 * charW) return false;
  const level = marks.map((m) => edges.findIndex((e, i) => m!.x >= e - 0.5 * charW && (i + 1 === edges.length || m!.x < edges[i + 1] - 0.5 * charW)));
  if (level.filter((l) => l === 0).length < 2 || level[0] !== 0) return false;
  for (let i = 1; i < rows.length; i++) if (level[i] > level[i - 1] + 1) return false;
  const parents: number[] = [];
  rows.forEach((r, i) => {
    parents.length = level[i];
    r.level = level[i];
    r.parentIndex = level[i] ? parents[level[i] - 1] : null;
    parents[level[i]] = i;
  });
  return true;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
