// Groups positioned text pieces into visual lines (same baseline) in reading order.
import type { TextPiece } from "./items.js";
import { collapseSpaces } from "./spaces.js";

export interface TextLine {
  /** Baseline y (display space, y up); mean of the pieces' baselines. */
  y: number;
  /** Median font height of the pieces. */
  h: number;
  /** Pieces sorted left to right. */
  items: TextPiece[];
  x0: number;
  x1: number;
}

/**
 * Lines sorted top to bottom. Pieces whose baselines differ by less than ~40% of the font
 * height share a line; CAD exporters jitter baselines by a fraction of a point.
 */
export function groupLines(pieces: TextPiece[]): TextLine[] {
  const sorted = pieces.filter((p) => p.horizontal).sort((a, b) => b.y - a.y || a.x - b.x);
  // Per line: the running sum of baselines (the same additions, in the same order, as a mean
  // starting from 0) and the heights kept sorted, so matching a piece re-sorts nothing.
  const lines: { sum: number; hs: number[]; items: TextPiece[] }[] = [];
  for (const p of sorted) {
    let best: (typeof lines)[number] | null = null;
    let bestDy = Infinity;
    // Only recent lines can match because pieces arrive in descending y.
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 4; i--) {
      const line = lines[i];
      const ly = line.sum / line.hs.length;
      const dy = Math.abs(ly - p.y);
      const tol = 0.4 * Math.min(p.h, sortedMedian(line.hs));
      if (dy <= tol && dy < bestDy) {
        best = line;
        bestDy = dy;
      }
    }
    if (best) {
      best.sum += p.y;
      insertSorted(best.hs, p.h);
      best.items.push(p);
    } else {
      lines.push({ sum: 0 + p.y, hs: [p.h], items: [p] });
    }
  }
  return lines
    .map((l) => {
      const items = l.items.sort((a, b) => a.x - b.x);
      let x0 = Infinity;
      let x1 = -Infinity;
      for (const it of items) {
        x0 = Math.min(x0, it.x);
        x1 = Math.max(x1, it.x + it.w);
      }
      return { y: l.sum / l.hs.length, h: sortedMedian(l.hs), items, x0, x1 };
    })
    .sort((a, b) => b.y - a.y);
}

function insertSorted(xs: number[], v: number): void {
  let i = xs.length;
  xs.push(v);
  while (i > 0 && xs[i - 1] > v) {
    xs[i] = xs[i - 1];
    i--;
  }
  xs[i] = v;
}

/** median() of an already sorted list. */
function sortedMedian(s: number[]): number {
  if (!s.length) return 0;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Joins pieces (already in x order) into a string: touching pieces are glued, separated ones
 * get one space. Some producers split words into several pieces at kerning points.
 */
export function joinPieces(items: TextPiece[]): string {
  let out = "";
  let prevEnd = -Infinity;
  for (const it of items) {
    if (out && it.x - prevEnd > 0.15 * it.h) out += " ";
    out += it.str;
    prevEnd = Math.max(prevEnd, it.x + it.w);
  }
  return collapseSpaces(out);
}

/**
 * Splits a line into runs of pieces separated by gaps wider than `gapFactor` × font height:
 * the "cells" of a line.
 */
export function splitRuns(items: TextPiece[], gapFactor = 0.8): TextPiece[][] {
  const runs: TextPiece[][] = [];
  let cur: TextPiece[] = [];
  let prevEnd = -Infinity;
  for (const it of items) {
    if (cur.length && it.x - prevEnd > gapFactor * it.h) {
      runs.push(cur);
      cur = [];
      prevEnd = -Infinity;
    }
    cur.push(it);
    prevEnd = Math.max(prevEnd, it.x + it.w);
  }
  if (cur.length) runs.push(cur);
  return runs;
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
