// Ruling lines of a page (table grid lines) in display space: horizontal and vertical
// segments, collinear pieces merged. Read from the content stream directly when possible;
// pdfjs' operator list is the slower fallback for PDFs our small reader cannot walk.
import type { PdfPage } from "./load.js";
import { pageSegments, type Segment } from "./content-paths.js";
import { Floats } from "./floats.js";
import { StageError } from "../types.js";
import type { RawPdf, RawPage } from "./raw-pdf.js";
import { opListSegments } from "./oplist-paths.js";

export interface HRule {
  y: number;
  x0: number;
  x1: number;
}
export interface VRule {
  x: number;
  y0: number;
  y1: number;
}
export interface Rulings {
  h: HRule[];
  v: VRule[];
}

const MIN_LEN = 4;
const SNAP = 0.8;

/** Source of raw pages for a document; null when the small reader failed on it. */
export interface RawSource {
  pdf: RawPdf;
  pages: RawPage[];
}

export async function readRulings(page: PdfPage, pageNumber: number, raw: RawSource | null): Promise<Rulings> {
  let segs: Float64Array | null = null;
  if (raw && raw.pages[pageNumber - 1]) {
    try {
      segs = pageSegments(raw.pdf, raw.pages[pageNumber - 1]);
    } catch (err) {
      if (err instanceof StageError) throw err; // a budget broke: PDF_TOO_COMPLEX, not a fallback
      segs = null; // something this reader does not support on this page: pdfjs reads it
    }
  }
  segs ??= Float64Array.from((await opListSegments(page)).flat());
  const vp = page.getViewport({ scale: 1 });
  const m = vp.transform as number[];
  const H = vp.height;
  const h = new Floats();
  const v = new Floats();
  for (let i = 0; i + 3 < segs.length; i += 4) {
    const x0 = segs[i];
    const y0 = segs[i + 1];
    const x1 = segs[i + 2];
    const y1 = segs[i + 3];
    // Only axis-aligned strokes can be table rules (page rotation keeps them aligned).
    const dx = Math.abs(x1 - x0);
    const dy = Math.abs(y1 - y0);
    if (!((dx < 0.5 && dy >= MIN_LEN) || (dy < 0.5 && dx >= MIN_LEN))) continue;
    addSegment(
      h,
      v,
      m[0] * x0 + m[2] * y0 + m[4],
      H - (m[1] * x0 + m[3] * y0 + m[5]),
      m[0] * x1 + m[2] * y1 + m[4],
      H - (m[1] * x1 + m[3] * y1 + m[5]),
    );
  }
  return toRulings(h, v);
}

/** Keeps axis-aligned segments and merges collinear overlapping ones. */
export function normalizeRulings(segs: Segment[]): Rulings {
  const h = new Floats();
  const v = new Floats();
  for (const [x0, y0, x1, y1] of segs) addSegment(h, v, x0, y0, x1, y1);
  return toRulings(h, v);
}

/**
 * Rules are kept as spans, three numbers each: c (y of a horizontal, x of a vertical), then
 * a and b, its ends along it.
 */
function addSegment(h: Floats, v: Floats, x0: number, y0: number, x1: number, y1: number): void {
  if (Math.abs(y1 - y0) < 0.5 && Math.abs(x1 - x0) >= MIN_LEN) {
    h.push3((y0 + y1) / 2, Math.min(x0, x1), Math.max(x0, x1));
  } else if (Math.abs(x1 - x0) < 0.5 && Math.abs(y1 - y0) >= MIN_LEN) {
    v.push3((x0 + x1) / 2, Math.min(y0, y1), Math.max(y0, y1));
  }
}

function toRulings(h: Floats, v: Floats): Rulings {
  const hm = merge(h.a, h.n / 3);
  const vm = merge(v.a, v.n / 3);
  const out: Rulings = { h: [], v: [] };
  for (let i = 0; i < hm.length; i += 3) out.h.push({ y: hm[i], x0: hm[i + 1], x1: hm[i + 2] });
  for (let i = 0; i < vm.length; i += 3) out.v.push({ x: vm[i], y0: vm[i + 1], y1: vm[i + 2] });
  return out;
}

/** The `count` spans in `s` merged where collinear (within SNAP) and overlapping; spans as above. */
function merge(s: Float64Array, count: number): number[] {
  // Span indices by c, equal c in input order; each group is then sorted by a (stably). That
  // is the order a stable sort by (c, a) followed by a stable sort of each group by a gives,
  // but only the few distinct c values are sorted (a table's rules are drawn cell by cell).
  const byC = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const same = byC.get(s[3 * i]);
    if (same) same.push(i);
    else byC.set(s[3 * i], [i]);
  }
  const order: number[] = [];
  for (const c of [...byC.keys()].sort((x, y) => x - y)) for (const i of byC.get(c)!) order.push(i);
  const out: number[] = [];
  // A group is a run of spans within SNAP of its first.
  let g0 = 0;
  const flush = (end: number) => {
    sortByStart(order, s, g0, end);
    let open = false;
    let c = 0;
    let a = 0;
    let b = 0;
    for (let k = g0; k < end; k++) {
      const i = 3 * order[k];
      if (open && s[i + 1] <= b + 1.5) b = Math.max(b, s[i + 2]);
      else {
        if (open) out.push(c, a, b);
        open = true;
        c = s[i];
        a = s[i + 1];
        b = s[i + 2];
      }
    }
    if (open) out.push(c, a, b);
    g0 = end;
  };
  for (let k = 0; k < order.length; k++) if (k > g0 && s[3 * order[k]] - s[3 * order[g0]] > SNAP) flush(k);
  flush(order.length);
  return out;
}

/** Stable sort of order[from, to) by each span's a: insertion sort for the usual few spans. */
function sortByStart(order: number[], s: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    const sorted = order.slice(from, to).sort((p, q) => s[3 * p + 1] - s[3 * q + 1]);
    for (let k = from; k < to; k++) order[k] = sorted[k - from];
    return;
  }
  for (let k = from + 1; k < to; k++) {
    const i = order[k];
    const a = s[3 * i + 1];
    let j = k;
    while (j > from && s[3 * order[j - 1] + 1] > a) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = i;
  }
}
