// Ruling lines of a page (table grid lines) in display space: horizontal and vertical
// segments, collinear pieces merged. Read from the content stream directly when possible;
// pdfjs' operator list is the slower fallback for PDFs our small reader cannot walk.
import type { PdfPage } from "./load.js";
import { pageSegments, type Segment } from "./content-paths.js";
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
  let segs: number[] | null = null;
  if (raw && raw.pages[pageNumber - 1]) {
    try {
      segs = pageSegments(raw.pdf, raw.pages[pageNumber - 1]);
    } catch {
      segs = null;
    }
  }
  segs ??= (await opListSegments(page)).flat();
  const vp = page.getViewport({ scale: 1 });
  const m = vp.transform as number[];
  const H = vp.height;
  const h: Span[] = [];
  const v: Span[] = [];
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
  const h: Span[] = [];
  const v: Span[] = [];
  for (const [x0, y0, x1, y1] of segs) addSegment(h, v, x0, y0, x1, y1);
  return toRulings(h, v);
}

/** A rule at c (y of a horizontal, x of a vertical) from a to b along it. */
interface Span {
  c: number;
  a: number;
  b: number;
}

function addSegment(h: Span[], v: Span[], x0: number, y0: number, x1: number, y1: number): void {
  if (Math.abs(y1 - y0) < 0.5 && Math.abs(x1 - x0) >= MIN_LEN) {
    h.push({ c: (y0 + y1) / 2, a: Math.min(x0, x1), b: Math.max(x0, x1) });
  } else if (Math.abs(x1 - x0) < 0.5 && Math.abs(y1 - y0) >= MIN_LEN) {
    v.push({ c: (x0 + x1) / 2, a: Math.min(y0, y1), b: Math.max(y0, y1) });
  }
}

function toRulings(h: Span[], v: Span[]): Rulings {
  return {
    h: merge(h).map((r) => ({ y: r.c, x0: r.a, x1: r.b })),
    v: merge(v).map((r) => ({ x: r.c, y0: r.a, y1: r.b })),
  };
}

function merge(input: Span[]): Span[] {
  // Spans by c, equal c in input order; each group is then sorted by a (stably). That is the
  // order a stable sort by (c, a) followed by a stable sort of each group by a would give, but
  // it sorts only the few distinct c values (a table's rules are drawn cell by cell).
  const byC = new Map<number, Span[]>();
  for (const s of input) {
    const same = byC.get(s.c);
    if (same) same.push(s);
    else byC.set(s.c, [s]);
  }
  const spans: Span[] = [];
  for (const c of [...byC.keys()].sort((x, y) => x - y)) for (const s of byC.get(c)!) spans.push(s);
  const out: Span[] = [];
  // A group is a run of spans within SNAP of its first, re-sorted by `a` (stably) in place.
  let g0 = 0;
  const flush = (end: number) => {
    sortByStart(spans, g0, end);
    let cur: Span | null = null;
    for (let i = g0; i < end; i++) {
      const s = spans[i];
      if (cur && s.a <= cur.b + 1.5) cur.b = Math.max(cur.b, s.b);
      else {
        if (cur) out.push(cur);
        cur = { c: s.c, a: s.a, b: s.b };
      }
    }
    if (cur) out.push(cur);
    g0 = end;
  };
  for (let i = 0; i < spans.length; i++) if (i > g0 && spans[i].c - spans[g0].c > SNAP) flush(i);
  flush(spans.length);
  return out;
}

/** Stable sort of spans[from, to) by `a`: insertion sort for the usual few spans (one rule drawn cell by cell). */
function sortByStart(spans: Span[], from: number, to: number): void {
  if (to - from > 32) {
    const sorted = spans.slice(from, to).sort((p, q) => p.a - q.a);
    for (let i = from; i < to; i++) spans[i] = sorted[i - from];
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const s = spans[i];
    let j = i;
    while (j > from && spans[j - 1].a > s.a) {
      spans[j] = spans[j - 1];
      j--;
    }
    spans[j] = s;
  }
}
