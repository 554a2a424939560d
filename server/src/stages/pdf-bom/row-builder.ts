// Rows from the lines (stream) or ruled bands (lattice) of one table, top to bottom. A line that
// starts no row is either part of a neighbouring row (a wrapped cell, or the upper lines of a
// multi-line cell whose item number is centred) or a section heading ("Frame parts", "Детали").
import type { PageText, TextPiece } from "../pdf-text/index.js";
import { makeRow, mergeCells, type LineKind, type TableColumn } from "./rows.js";
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
}

interface Pending {
  cells: (string | null)[];
  cellPieces: TextPiece[][];
  box?: [number, number, number, number];
  /** Set on a heading line: the section title it opens. */
  heading?: string;
}

export function buildRows(page: PageText, entries: Entry[], columns: TableColumn[]): { rows: BomRow[]; openSection: string | null } {
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
    if (headingLike && (apart || isSectionWord(text))) {
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
  const out: BomRow[] = [];
  let section: string | null = null;
  rows.forEach((r, i) => {
    if (r.heading !== undefined) {
      // The last line of a table part may open a section that goes on on the next page.
      if (i === rows.length - 1 || opensGroup(rows, i) || isSectionWord(r.heading)) {
        section = r.heading;
        return;
      }
      // A "heading" over fewer than two rows is a row whose quantity cell is empty.
    }
    out.push({ ...makeRow(page, r.cells, columns, r.cellPieces, r.box), section });
  });
  return { rows: out, openSection: section };
}

/** Whether two rows follow the heading at `i` before the next heading or the end of the table. */
function opensGroup(rows: Pending[], i: number): boolean {
  let n = 0;
  for (let k = i + 1; k < rows.length && rows[k].heading === undefined && n < 2; k++) n++;
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
