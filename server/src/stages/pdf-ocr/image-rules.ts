// Ruling lines of a page image: long thin runs of dark pixels, horizontal and vertical. They
// feed the lattice table finder exactly like rules read from a PDF's drawing operators, and are
// erased before OCR (tesseract reads a cell's rules as "|" or "_" and loses digits near them).
import type { GrayImage } from "./gray-image.js";

export interface PixelRule {
  /** Row (horizontal rule) or column (vertical) of the rule's centre line. */
  c: number;
  a: number;
  b: number;
  /** Thickness in pixels. */
  t: number;
}

const DARK = 160;

/** Rules at least `minLen` px long and at most `maxThick` px thick; `gap` px breaks are bridged (scan noise). */
export function findRules(img: GrayImage, minLen: number, maxThick: number, gap = 2): { h: PixelRule[]; v: PixelRule[] } {
  const { width: w, height: h, data } = img;
  const hRuns: number[][] = [];
  for (let y = 0; y < h; y++) hRuns.push(runs(w, (x) => data[y * w + x] < DARK, minLen, gap));
  const vRuns: number[][] = [];
  for (let x = 0; x < w; x++) vRuns.push(runs(h, (y) => data[y * w + x] < DARK, minLen, gap));
  return { h: stack(hRuns, maxThick), v: stack(vRuns, maxThick) };
}

/** Dark runs along one line as [a0, b0, a1, b1, …] (b exclusive). */
function runs(n: number, dark: (i: number) => boolean, minLen: number, gap: number): number[] {
  const out: number[] = [];
  let start = -1;
  let lastDark = -1;
  for (let i = 0; i < n; i++) {
    if (!dark(i)) continue;
    if (start >= 0 && i - lastDark - 1 <= gap) {
      lastDark = i;
      continue;
    }
    if (start >= 0 && lastDark + 1 - start >= minLen) out.push(start, lastDark + 1);
    start = i;
    lastDark = i;
  }
  if (start >= 0 && lastDark + 1 - start >= minLen) out.push(start, lastDark + 1);
  return out;
}

/** Runs on neighbouring lines that overlap are one rule; rules thicker than maxThick are filled areas, not rules. */
function stack(lines: number[][], maxThick: number): PixelRule[] {
  interface Open {
    first: number;
    last: number;
    a: number;
    b: number;
  }
  let open: Open[] = [];
  const done: Open[] = [];
  lines.forEach((rs, c) => {
    const next: Open[] = [];
    for (let k = 0; k < rs.length; k += 2) {
      const a = rs[k];
      const b = rs[k + 1];
      const i = open.findIndex((o) => o.last === c - 1 && a < o.b && b > o.a);
      if (i >= 0) {
        const o = open.splice(i, 1)[0];
        next.push({ first: o.first, last: c, a: Math.min(a, o.a), b: Math.max(b, o.b) });
      } else next.push({ first: c, last: c, a, b });
    }
    done.push(...open);
    open = next;
  });
  done.push(...open);
  return done
    .filter((o) => o.last - o.first + 1 <= maxThick)
    .map((o) => ({ c: (o.first + o.last) / 2, a: o.a, b: o.b, t: o.last - o.first + 1 }));
}

/** A copy of the image with the rules painted white (one pixel of margin on each side). */
export function eraseRules(img: GrayImage, rules: { h: PixelRule[]; v: PixelRule[] }): GrayImage {
  const { width: w, height: h } = img;
  const data = Uint8Array.from(img.data);
  for (const r of rules.h) {
    const y0 = Math.max(0, Math.floor(r.c - r.t / 2 - 1));
    const y1 = Math.min(h - 1, Math.ceil(r.c + r.t / 2 + 1));
    for (let y = y0; y <= y1; y++) data.fill(255, y * w + r.a, y * w + r.b);
  }
  for (const r of rules.v) {
    const x0 = Math.max(0, Math.floor(r.c - r.t / 2 - 1));
    const x1 = Math.min(w - 1, Math.ceil(r.c + r.t / 2 + 1));
    for (let y = r.a; y < r.b; y++) data.fill(255, y * w + x0, y * w + x1 + 1);
  }
  return { width: w, height: h, data };
}
