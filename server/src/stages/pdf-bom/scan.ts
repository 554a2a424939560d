// Per page: header candidates in every text direction, each read as lattice (when the page
// has ruling lines around it) and as stream, in both directions; the best reading is kept.
import {
  groupLines,
  orientPage,
  orientRulings,
  readRulings,
  textDirections,
  type PageText,
  type PdfPage,
  type RawSource,
  type Rulings,
  type TextLine,
} from "../pdf-text/index.js";
import { findHeaders, type HeaderCandidate } from "./find-header.js";
import { parseLattice } from "./lattice.js";
import type { ParsedTable } from "./rows.js";
import { parseStream } from "./stream.js";

export interface FoundTable {
  header: HeaderCandidate;
  parsed: ParsedTable;
  view: PageView;
}

/** The page seen in one text direction. */
export interface PageView {
  angle: number;
  page: PageText;
  lines: TextLine[];
  /** Ruling lines in this view's frame; loaded only for pages that need them. */
  rulings: () => Promise<Rulings>;
}

export interface PageScan {
  page: PageText;
  views: PageView[];
  tables: FoundTable[];
}

/** Sum of row confidences: more complete rows win; lattice wins ties (its cells are exact). */
export function readingScore(t: ParsedTable): number {
  return t.rows.reduce((s, r) => s + r.confidence, 0) + (t.method === "lattice" && t.rows.length ? 0.5 : 0);
}

/** `known`: rulings already found (OCR finds them in the page image). */
export async function scanPage(pdfPage: PdfPage, page: PageText, raw: RawSource | null, known?: Rulings): Promise<PageScan> {
  let rulings: Promise<Rulings> | null = known ? Promise.resolve(known) : null;
  const loadRulings = () => (rulings ??= readRulings(pdfPage, page.page, raw));
  const views: PageView[] = textDirections(page).map((angle) => {
    const oriented = orientPage(page, angle);
    let mine: Promise<Rulings> | null = null;
    return {
      angle,
      page: oriented,
      lines: groupLines(oriented.items),
      rulings: () => (mine ??= loadRulings().then((r) => orientRulings(r, angle))),
    };
  });
  const tables: FoundTable[] = [];
  for (const view of views) {
    for (const header of findHeaders(view.lines)) {
      const r = await view.rulings();
      const lattice = r.h.length && r.v.length ? parseLattice(view.page, r, header) : null;
      const readings: ParsedTable[] = [];
      for (const dir of ["down", "up"] as const) {
        readings.push(parseStream(view.page, view.lines, header, dir));
        const ruled = lattice?.(dir);
        if (ruled) readings.push(ruled);
      }
      // A ruled reading whose grid lost a titled column (a border the scan did not show) loses
      // to a reading that kept every titled column, when that one has rows.
      const titled = header.columns.filter((c) => c.field).length;
      const complete = readings.filter((t) => t.rows.length && t.columns.filter((c) => c.field).length >= titled);
      const pool = complete.length ? complete : readings;
      const best = pool.reduce((a, b) => (readingScore(b) > readingScore(a) ? b : a));
      tables.push({ header, parsed: best, view });
    }
  }
  return { page, views, tables };
}
