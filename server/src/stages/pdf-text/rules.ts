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
  let segs: Segment[] | null = null;
  if (raw && raw.pages[pageNumber - 1]) {
    try {
      segs = pageSegments(raw.pdf, raw.pages[pageNumber - 1]);
    } catch {
      segs = null;
    }
  }
  segs ??= await opListSegments(page);
  const vp = page.getViewport({ scale: 1 });
  const m = vp.transform as number[];
  const H = vp.height;
  const display: Segment[] = [];
  for (const [x0, y0, x1, y1] of segs) {
    // Only axis-aligned strokes can be table rules (page rotation keeps them aligned).
    const dx = Math.abs(x1 - x0);
    const dy = Math.abs(y1 - y0);
    if (!((dx < 0.5 && dy >= MIN_LEN) || (dy < 0.5 && dx >= MIN_LEN))) continue;
    display.push([
      m[0] * x0 + m[2] * y0 + m[4],
      H - (m[1] * x0 + m[3] * y0 + m[5]),
      m[0] * x1 + m[2] * y1 + m[4],
      H - (m[1] * x1 + m[3] * y1 + m[5]),
    ]);
  }
  return normalizeRulings(display);
}

/** Keeps axis-aligned segments and merges collinear overlapping ones. */
export function normalizeRulings(segs: Segment[]): Rulings {
  const h: HRule[] = [];
  const v: VRule[] = [];
  for (const [x0, y0, x1, y1] of segs) {
    if (Math.abs(y1 - y0) < 0.5 && Math.abs(x1 - x0) >= MIN_LEN) {
      h.push({ y: (y0 + y1) / 2, x0: Math.min(x0, x1), x1: Math.max(x0, x1) });
    } else if (Math.abs(x1 - x0) < 0.5 && Math.abs(y1 - y0) >= MIN_LEN) {
      v.push({ x: (x0 + x1) / 2, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
    }
  }
  const hm = merge(h.map((r) => ({ c: r.y, a: r.x0, b: r.x1 })));
  const vm = merge(v.map((r) => ({ c: r.x, a: r.y0, b: r.y1 })));
  return {
    h: hm.map((r) => ({ y: r.c, x0: r.a, x1: r.b })),
    v: vm.map((r) => ({ x: r.c, y0: r.a, y1: r.b })),
  };
}

interface Span {
  c: number;
  a: number;
  b: number;
}

function merge(spans: Span[]): Span[] {
  spans.sort((p, q) => p.c - q.c || p.a - q.a);
  const out: Span[] = [];
  let group: Span[] = [];
  const flush = () => {
    group.sort((p, q) => p.a - q.a);
    let cur: Span | null = null;
    for (const s of group) {
      if (cur && s.a <= cur.b + 1.5) cur.b = Math.max(cur.b, s.b);
      else {
        if (cur) out.push(cur);
        cur = { ...s };
      }
    }
    if (cur) out.push(cur);
    group = [];
  };
  for (const s of spans) {
    if (group.length && s.c - group[0].c > SNAP) flush();
    group.push(s);
  }
  flush();
  return out;
}

