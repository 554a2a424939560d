// Column boundaries of a table. Titles are often centred while data is left-aligned, so the
// boundary between two columns is placed in the widest vertical strip of white space (fewest
// text pieces crossing) between the two titles, found from the table's own data lines.
import type { TextLine, TextPiece } from "../pdf-text/index.js";
import type { TableColumn } from "./rows.js";
import type { HeaderCandidate } from "./find-header.js";

export type Column = TableColumn;

export interface ColumnLayout {
  columns: Column[];
  /** Pieces outside [left, right] belong to the drawing, not the table. */
  left: number;
  right: number;
}

/** Rough horizontal reach of a table from its header alone, before data is known. */
export function provisionalExtent(header: HeaderCandidate): [number, number] {
  const cols = header.columns;
  const left = Math.max(header.limitLeft, cols[0].x0 - 3 * header.h);
  const right = Math.min(header.limitRight, cols[cols.length - 1].x1 + 6 * header.h);
  return [left, right];
}

export function piecesWithin(line: TextLine, left: number, right: number): TextPiece[] {
  return line.items.filter((p) => p.x < right && p.x + p.w > left);
}

export function buildLayout(header: HeaderCandidate, dataLines: TextLine[]): ColumnLayout {
  const cols = header.columns;
  const [pl, pr] = provisionalExtent(header);
  const pieces = dataLines.flatMap((l) => piecesWithin(l, pl, pr));
  const bounds: number[] = [];
  for (let i = 0; i + 1 < cols.length; i++) bounds.push(boundaryBetween(cols[i].x1, cols[i + 1].x0, pieces));

  // Outer edges mirror the white space the title has on its inner side (titles are centred).
  const h = header.h;
  const first = cols[0];
  const last = cols[cols.length - 1];
  const leftPad = bounds.length ? bounds[0] - first.x1 : 2 * h;
  const rightPad = bounds.length ? last.x0 - bounds[bounds.length - 1] : 4 * h;
  const left = Math.max(header.limitLeft, first.x0 - Math.max(2 * h, leftPad + 0.5 * h));
  // Text in the last column (descriptions) often runs past its title.
  const right = Math.min(header.limitRight, last.x1 + Math.max(4 * h, 1.5 * rightPad));

  const columns = cols.map((c, i) => ({
    field: c.field,
    label: c.label,
    left: i === 0 ? left : bounds[i - 1],
    right: i === cols.length - 1 ? right : bounds[i],
  }));
  return { columns, left, right };
}

/** Centre of the widest strip in [a, b] crossed by the fewest pieces. */
function boundaryBetween(a: number, b: number, pieces: TextPiece[]): number {
  if (!(b > a)) return (a + b) / 2;
  const spans = pieces
    .map((p) => [Math.max(a, p.x), Math.min(b, p.x + p.w)] as const)
    .filter(([s, e]) => e > s);
  // Sweep over the interval's elementary segments.
  const cuts = [...new Set([a, b, ...spans.flat()])].sort((x, y) => x - y);
  let bestCount = Infinity;
  let bestWidth = -1;
  let best = (a + b) / 2;
  let runStart = cuts[0];
  let runCount = -1;
  const flush = (end: number) => {
    const width = end - runStart;
    if (runCount < bestCount || (runCount === bestCount && width > bestWidth)) {
      bestCount = runCount;
      bestWidth = width;
      best = (runStart + end) / 2;
    }
  };
  for (let i = 0; i + 1 < cuts.length; i++) {
    const mid = (cuts[i] + cuts[i + 1]) / 2;
    const count = spans.filter(([s, e]) => s <= mid && e >= mid).length;
    if (count !== runCount) {
      if (runCount >= 0) flush(cuts[i]);
      runStart = cuts[i];
      runCount = count;
    }
  }
  if (runCount >= 0) flush(cuts[cuts.length - 1]);
  return best;
}

/** Pieces of one line per column (same order as layout.columns); outside pieces dropped. */
export function assignCells(line: TextLine, layout: ColumnLayout): TextPiece[][] {
  const cells: TextPiece[][] = layout.columns.map(() => []);
  for (const p of piecesWithin(line, layout.left, layout.right)) {
    let best = -1;
    let bestOverlap = 0;
    layout.columns.forEach((c, i) => {
      const overlap = Math.min(c.right, p.x + p.w) - Math.max(c.left, p.x);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = i;
      }
    });
    if (best >= 0) cells[best].push(p);
  }
  return cells;
}
