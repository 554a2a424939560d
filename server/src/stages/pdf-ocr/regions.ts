// Where to OCR at full resolution: the ruled table around a header found on the quick pass,
// else the band below/above a header (text-aligned tables), else the largest ruled grid of a
// page without a header (a parts list continued from the previous sheet).
import type { PixelRule } from "./image-rules.js";

/** [x0, y0, x1, y1] in image pixels, y down. */
export type Box = [number, number, number, number];

export interface Grid {
  box: Box;
  h: number;
  v: number;
}

/**
 * Groups of rules that touch each other. The sheet frame and other rules longer than most of
 * the page are left out: a table in a corner touches the frame, which would join it to
 * everything else on the sheet.
 */
export function grids(rules: { h: PixelRule[]; v: PixelRule[] }, width: number, height: number, tol: number): Grid[] {
  // A frame (single or double, with zone marks) has a few long rules each way; a spreadsheet
  // grid as wide as the page has one per row. A frame lies near the sheet's edges: a long rule
  // further in is a tall (or wide) table's own.
  const short = (rs: PixelRule[], max: number, across: number) => {
    const kept = rs.filter((r) => r.b - r.a < max || (r.c > 0.12 * across && r.c < 0.88 * across));
    return rs.length - kept.length >= 8 ? rs : kept;
  };
  const h = short(rules.h, 0.7 * width, height);
  const v = short(rules.v, 0.7 * height, width);
  const parent = [...h, ...v].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  h.forEach((a, i) =>
    v.forEach((b, j) => {
      if (b.c >= a.a - tol && b.c <= a.b + tol && a.c >= b.a - tol && a.c <= b.b + tol) parent[find(i)] = find(h.length + j);
    }),
  );
  const out = new Map<number, Grid>();
  const add = (i: number, box: Box, isH: boolean) => {
    const g = out.get(find(i)) ?? { box: [Infinity, Infinity, -Infinity, -Infinity] as Box, h: 0, v: 0 };
    g.box = [Math.min(g.box[0], box[0]), Math.min(g.box[1], box[1]), Math.max(g.box[2], box[2]), Math.max(g.box[3], box[3])];
    if (isH) g.h++;
    else g.v++;
    out.set(find(i), g);
  };
  h.forEach((r, i) => add(i, [r.a, r.c, r.b, r.c], true));
  v.forEach((r, j) => add(h.length + j, [r.c, r.a, r.c, r.b], false));
  // A table has at least a header rule and two row rules, and two column rules.
  return [...out.values()].filter((g) => g.h >= 3 && g.v >= 2);
}

export const contains = (b: Box, x: number, y: number, pad = 0) => x >= b[0] - pad && x <= b[2] + pad && y >= b[1] - pad && y <= b[3] + pad;

export const area = (b: Box) => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);

/** Boxes that overlap merged, so no word is read twice. */
export function mergeBoxes(boxes: Box[]): Box[] {
  const out: Box[] = [];
  for (const b of boxes) {
    let cur: Box = [...b];
    for (let i = out.length - 1; i >= 0; i--) {
      const o = out[i];
      if (cur[0] <= o[2] && o[0] <= cur[2] && cur[1] <= o[3] && o[1] <= cur[3]) {
        cur = [Math.min(cur[0], o[0]), Math.min(cur[1], o[1]), Math.max(cur[2], o[2]), Math.max(cur[3], o[3])];
        out.splice(i, 1);
      }
    }
    out.push(cur);
  }
  return out;
}
