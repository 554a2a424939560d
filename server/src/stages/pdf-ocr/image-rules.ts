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

/**
 * Rules at least `minLen` px long and at most `maxThick` px thick; `gap` px breaks are bridged (scan noise).
 * With `smooth` > 1, light rules are found too: spreadsheet grids are printed light grey, and
 * after scanner grain no single pixel of them is reliably darker than the paper, but their mean
 * along the line is. Dark strokes (text) and their rims are left out of that mean, so a line of
 * text never reads as a light rule.
 */
export function findRules(img: GrayImage, minLen: number, maxThick: number, gap = 2, smooth = 0): { h: PixelRule[]; v: PixelRule[] } {
  const { width: w, height: h, data } = img;
  const { paper, grain } = smooth > 1 ? paperLevel(img) : { paper: -1, grain: 0 };
  // Well above what grain leaves after smoothing (its spread shrinks with the root of the window).
  const light = paper - Math.max(MIN_DROP, (5 * grain) / Math.sqrt(smooth));
  const ink = paper >= 0 ? inkMask(img, Math.max(1, Math.round(smooth / 5))) : null;
  const line = new Uint8Array(Math.max(w, h));
  const masked = new Uint8Array(Math.max(w, h));
  const mean = new Float32Array(Math.max(w, h));
  const on = new Uint8Array(Math.max(w, h));
  const scan = (n: number, index: (i: number) => number) => {
    for (let i = 0; i < n; i++) {
      const k = index(i);
      line[i] = data[k];
      if (ink) masked[i] = ink[k];
    }
    if (!ink) return runs(n, (i) => line[i] < DARK, minLen, gap);
    slidingMean(line, masked, n, smooth, mean);
    for (let i = 0; i < n; i++) on[i] = line[i] < DARK || mean[i] < light ? 1 : 0;
    bridgeUnderInk(on, line, masked, n);
    return runs(n, (i) => on[i] === 1, minLen, gap);
  };
  const hRuns: number[][] = [];
  for (let y = 0; y < h; y++) hRuns.push(scan(w, (x) => y * w + x));
  const vRuns: number[][] = [];
  for (let x = 0; x < w; x++) vRuns.push(scan(h, (y) => y * w + x));
  return { h: stack(hRuns, maxThick), v: stack(vRuns, maxThick) };
}

/** Least drop below the paper of the smoothed gray of a light rule. */
const MIN_DROP = 12;

/** The paper's gray level (the median of the page, mostly blank) and its grain (robust spread). */
export function paperLevel(img: GrayImage): { paper: number; grain: number } {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < img.data.length; i += 5, n++) hist[img.data[i]]++;
  let paper = 0;
  for (let seen = 0; paper < 255 && (seen += hist[paper]) < n / 2;) paper++;
  // Median distance from the paper among pixels near it (ink far from it is not grain).
  const dist = new Uint32Array(61);
  let m = 0;
  for (let v = Math.max(0, paper - 60); v <= Math.min(255, paper + 60); v++) {
    dist[Math.abs(v - paper)] += hist[v];
    m += hist[v];
  }
  let mad = 0;
  for (let seen = 0; mad < 60 && (seen += dist[mad]) < m / 2;) mad++;
  return { paper, grain: 1.4826 * mad };
}

/** 1 where a dark pixel lies within `r` px (a square): strokes of ink and their gray rims. */
function inkMask(img: GrayImage, r: number): Uint8Array {
  const { width: w, height: h, data } = img;
  const across = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let last = -Infinity;
    // Forward then backward: distance to the nearest dark pixel along the row.
    for (let x = 0; x < w; x++) {
      if (data[y * w + x] < DARK) last = x;
      if (x - last <= r) across[y * w + x] = 1;
    }
    last = Infinity;
    for (let x = w - 1; x >= 0; x--) {
      if (data[y * w + x] < DARK) last = x;
      if (last - x <= r) across[y * w + x] = 1;
    }
  }
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let last = -Infinity;
    for (let y = 0; y < h; y++) {
      if (across[y * w + x]) last = y;
      if (y - last <= r) out[y * w + x] = 1;
    }
    last = Infinity;
    for (let y = h - 1; y >= 0; y--) {
      if (across[y * w + x]) last = y;
      if (last - y <= r) out[y * w + x] = 1;
    }
  }
  return out;
}

/**
 * A light rule passing under ink (underscores or a long word set close to it) has no paper to
 * average there: a stretch of ink-masked, off pixels between two light (not dark) pixels on the
 * line is bridged. Strokes of text have dark pixels on both sides of their gaps, so a line of
 * text is never joined up this way.
 */
function bridgeUnderInk(on: Uint8Array, line: Uint8Array, masked: Uint8Array, n: number): void {
  const lightOn = (i: number) => on[i] === 1 && line[i] >= DARK;
  for (let i = 1; i < n; i++) {
    if (on[i] || !masked[i] || !lightOn(i - 1)) continue;
    let j = i;
    while (j < n && !on[j] && masked[j]) j++;
    if (j < n && lightOn(j)) on.fill(1, i, j);
    i = j;
  }
}

/** Mean of the unmasked values among the `k` centred on each position (paper-free windows read 255). */
function slidingMean(v: Uint8Array, masked: Uint8Array, n: number, k: number, out: Float32Array): void {
  const half = k >> 1;
  let sum = 0;
  let count = 0;
  let lo = 0;
  let hi = 0; // window [lo, hi)
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(n, i + half + 1);
    for (; hi < b; hi++) {
      if (masked[hi]) continue;
      sum += v[hi];
      count++;
    }
    for (; lo < a; lo++) {
      if (masked[lo]) continue;
      sum -= v[lo];
      count--;
    }
    // Fewer than a third of the window on paper: a mean of a few pixels is grain, not a rule.
    out[i] = count * 3 >= k ? sum / count : 255;
  }
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
  return done.filter((o) => o.last - o.first + 1 <= maxThick).map((o) => ({ c: (o.first + o.last) / 2, a: o.a, b: o.b, t: o.last - o.first + 1 }));
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
