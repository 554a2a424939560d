// Rows from the lines (stream) or ruled bands (lattice) of one table, top to bottom. A line that
// starts no row is either part of a neighbouring row (a wrapped cell, or the upper lines of a
// multi-line cell whose item number is centred) or a section heading ("Frame parts", "Детали").
import type { PageText, TextPiece } from "../pdf-text/index.js";
import { makeRow, mergeCells, type Direction, type LineKind, type TableColumn } from "./rows.js";
import { isSectionWord } from "./sections.js";
import type { BomRow } from "../types.js";

export interface Entry {
  cells: (string | null)[];
  cellPieces: TextPiece[][];
  kind: Exclude<LineKind, "stop">;
  /** Vertical position (display space, y up): baseline of a line, centre of a band. */
  y: number;
  /** An empty line or band (a blank spreadsheet row) lies right above this entry. */
  emptyBefore: boolean;
  /** Lattice band box in display space. */
  box?: [number, number, number, number];
  /** A lattice band merged over the table's width (no column rules): a heading when it holds text. */
  merged?: boolean;
}

interface Pending {
  cells: (string | null)[];
  cellPieces: TextPiece[][];
  box?: [number, number, number, number];
  /** Set on a heading line: the section title it opens. */
  heading?: string;
}

/**
 * Heading lines come out as rows marked in HEADINGS when reading down: whether a heading opens a
 * section is only known once the pages of the list are joined (resolveHeadings). Tables read up
 * (ISO, header at the bottom) resolve their headings here.
 */
export function buildRows(page: PageText, entries: Entry[], columns: TableColumn[], dir: Direction): BomRow[] {
  const fields = columns.map((c) => c.field);
  const structured = fields.includes("quantity") || fields.includes("item");
  const pitch = rowPitch(entries);
  const rows: Pending[] = [];
  let prefix: Entry[] = [];
  entries.forEach((e, i) => {
    if (e.kind === "start") {
      const row: Pending = { cells: [...e.cells], cellPieces: e.cellPieces.map((p) => [...p]), box: e.box };
      for (const p of prefix.reverse()) prepend(row, p);
      prefix = [];
      rows.push(row);
      return;
    }
    const above = i > 0 ? entries[i - 1].y - e.y : Infinity;
    const next = entries[i + 1];
    const below = next ? e.y - next.y : Infinity;
    const filled = e.cells.filter((c) => c);
    const text = filled.length === 1 ? filled[0]! : null;
    const headingLike = structured && text !== null && /\p{L}/u.test(text) && text.length <= 80;
    const apart = !rows.length || e.emptyBefore || above >= 1.5 * pitch;
    if ((headingLike && (apart || isSectionWord(text))) || (e.merged && text !== null)) {
      rows.push({ cells: [...e.cells], cellPieces: e.cellPieces.map((p) => [...p]), box: e.box, heading: text.replace(/\s*:$/, "") });
      prefix = [];
      return;
    }
    // The upper lines of a multi-line cell whose row number sits lower (vertically centred).
    if (next?.kind === "start" && below < above && below < 0.9 * pitch) {
      prefix.push(e);
      return;
    }
    const last = rows[rows.length - 1];
    if (last && last.heading === undefined) append(last, e);
  });
  const out = rows.map((r) => {
    const row = makeRow(page, r.cells, columns, r.cellPieces, r.box);
    if (r.heading !== undefined) HEADINGS.set(row, r.heading);
    return row;
  });
  return dir === "down" ? out : resolveHeadings(out);
}

/** Heading rows of buildRows() and their titles, until resolveHeadings() turns them into sections. */
const HEADINGS = new WeakMap<BomRow, string>();

export const isHeading = (r: BomRow) => HEADINGS.has(r);

/**
 * Headings over at least two rows (or with a section title) become the section of the rows
 * below them; a "heading" over fewer rows is a row whose quantity cell is empty.
 */
export function resolveHeadings(rows: BomRow[]): BomRow[] {
  const out: BomRow[] = [];
  let section: string | null = null;
  rows.forEach((r, i) => {
    const heading = HEADINGS.get(r);
    if (heading !== undefined) {
      HEADINGS.delete(r);
      if (opensGroup(rows, i) || isSectionWord(heading)) {
        section = heading;
        return;
      }
      // Kept as a row only if it names something ("Page 1" under the last row does not).
      if (!r.item && !r.partNumber && !r.name && r.quantity === null) return;
    }
    r.section = section; // in place: rows are keyed by identity (indent.ts)
    out.push(r);
  });
  return out;
}

/** Whether two rows follow the heading at `i` before the next heading or the end of the list. */
function opensGroup(rows: BomRow[], i: number): boolean {
  let n = 0;
  for (let k = i + 1; k < rows.length && !HEADINGS.has(rows[k]) && n < 2; k++) n++;
  return n >= 2;
}

/** Typical distance between two consecutive single-line rows (Infinity when unknown). */
function rowPitch(entries: Entry[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < entries.length; i++) {
    if (entries[i].kind === "start" && entries[i - 1].kind === "start" && !entries[i].emptyBefore) gaps.push(entries[i - 1].y - entries[i].y);
  }
  if (!gaps.length) return Infinity;
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1];
}

function append(row: Pending, e: Entry): void {
  mergeCells(row.cells, e.cells);
  e.cellPieces.forEach((ps, i) => row.cellPieces[i].push(...ps));
  row.box = unite(row.box, e.box);
}

function prepend(row: Pending, e: Entry): void {
  e.cells.forEach((t, i) => {
    if (t) row.cells[i] = row.cells[i] ? `${t} ${row.cells[i]}` : t;
  });
  e.cellPieces.forEach((ps, i) => row.cellPieces[i].unshift(...ps));
  row.box = unite(row.box, e.box);
}

function unite(a?: [number, number, number, number], b?: [number, number, number, number]) {
  if (!a || !b) return a ?? b;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] as [number, number, number, number];
}
