// Column boundaries of a table. Titles are often centred while data is left-aligned, so the
// boundary between two columns is placed in the widest vertical strip of white space (fewest
// text pieces crossing) between the two titles, found from the table's own data lines.
import { splitAtBoundaries, splitWords, type TextLine, type TextPiece } from "../pdf-text/index.js";
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
  const pieces: TextPiece[] = [];
  for (const l of dataLines) for (const p of l.items) if (p.x < pr && p.x + p.w > pl) pieces.push(p);
  const bounds: number[] = [];
  let words: TextPiece[] | null = null;
  for (let i = 0; i + 1 < cols.length; i++) {
    let b = boundaryBetween(cols[i].x1, cols[i + 1].x0, pieces);
    // Rows set as single runs ("16 hex_m3_custom": an item number or quantity right-aligned
    // against the next column) leave no free strip, or only a sliver at a title's end. After a
    // numeric column, and wherever no strip is free, the gap between words is the column edge.
    const numeric = cols[i].field === "item" || cols[i].field === "quantity";
    if (b.count > 0 || numeric) {
      const w = boundaryBetween(cols[i].x1, cols[i + 1].x0, (words ??= pieces.flatMap(splitWords)));
      if (b.count > 0 || (w.count === 0 && w.width > b.width)) b = w;
    }
    bounds.push(b.at);
  }

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

/** Centre of the widest strip in [a, b] crossed by the fewest pieces, how many cross it, and its width. */
function boundaryBetween(a: number, b: number, pieces: TextPiece[]): { at: number; count: number; width: number } {
  if (!(b > a)) return { at: (a + b) / 2, count: 0, width: 0 };
  const spans: [number, number][] = [];
  const ends = [a, b];
  for (const p of pieces) {
    const s = Math.max(a, p.x);
    const e = Math.min(b, p.x + p.w);
    if (e > s) {
      spans.push([s, e]);
      ends.push(s, e);
    }
  }
  // Sweep over the interval's elementary segments: the distinct ends in order (no NaN can
  // get here; a stable sort keeps the first of 0 and -0, as a Set would).
  ends.sort((x, y) => x - y);
  const cuts: number[] = [];
  for (const x of ends) if (!cuts.length || cuts[cuts.length - 1] !== x) cuts.push(x);
  const counts = crossings(cuts, spans);
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
    const count = counts[i];
    if (count !== runCount) {
      if (runCount >= 0) flush(cuts[i]);
      runStart = cuts[i];
      runCount = count;
    }
  }
  if (runCount >= 0) flush(cuts[cuts.length - 1]);
  return { at: best, count: Math.max(bestCount, 0), width: Math.max(bestWidth, 0) };
}

/**
 * For each elementary segment i (midpoint m = (cuts[i] + cuts[i+1]) / 2), how many spans have
 * s <= m && e >= m. Midpoints never decrease, so each span covers one run of segments, found
 * by binary search with those same comparisons; a difference array adds the runs up.
 */
function crossings(cuts: number[], spans: readonly (readonly [number, number])[]): Int32Array {
  const n = cuts.length - 1;
  const mids = new Float64Array(Math.max(n, 0));
  for (let i = 0; i < n; i++) mids[i] = (cuts[i] + cuts[i + 1]) / 2;
  const diff = new Int32Array(n + 1);
  for (const [s, e] of spans) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (s <= mids[m]) hi = m;
      else lo = m + 1;
    }
    const first = lo; // first midpoint with s <= m
    lo = 0;
    hi = n;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (e >= mids[m]) lo = m + 1;
      else hi = m;
    }
    const end = lo; // midpoints before `end` have e >= m
    if (first < end) {
      diff[first]++;
      diff[end]--;
    }
  }
  const counts = new Int32Array(Math.max(n, 0));
  let run = 0;
  for (let i = 0; i < n; i++) counts[i] = run += diff[i];
  return counts;
}

/** Pieces of one line per column (same order as layout.columns); outside pieces dropped. */
export function assignCells(line: TextLine, layout: ColumnLayout): TextPiece[][] {
  const { columns, left, right } = layout;
  const cells: TextPiece[][] = columns.map(() => []);
  const inner = columns.slice(1).map((c) => c.left);
  for (const p of splitAtBoundaries(line.items, inner, 0.3 * line.h)) {
    if (!(p.x < right && p.x + p.w > left)) continue; // piecesWithin()
    let best = -1;
    let bestOverlap = 0;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      const overlap = Math.min(c.right, p.x + p.w) - Math.max(c.left, p.x);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = i;
      }
    }
    if (best >= 0) cells[best].push(p);
  }
  return cells;
}
