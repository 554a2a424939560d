// Stream reading (no ruling lines): walks away from the header line by line, stops at the
// first large gap or line that cannot belong to the table, and folds continuation lines into
// rows. Columns come from text alignment (columns.ts).
import { joinPieces, median, type PageText, type TextLine, type TextPiece } from "../pdf-text/index.js";
import { assignCells, buildLayout, piecesWithin, provisionalExtent, type ColumnLayout } from "./columns.js";
import type { HeaderCandidate } from "./find-header.js";
import { classifyCells, makeRow, mergeCells, type Direction, type ParsedTable } from "./rows.js";

const MAX_LINES = 400;

/** Lines next to the header in one direction, until a gap too large for a table. */
function linesFrom(lines: TextLine[], header: HeaderCandidate, dir: Direction, start?: number): TextLine[] {
  const [left, right] = provisionalExtent(header);
  const out: TextLine[] = [];
  const step = dir === "down" ? 1 : -1;
  let prevY = dir === "down" ? header.yBottom : header.yTop;
  let maxPitch = 0;
  const from = start ?? (dir === "down" ? header.lineBottom + 1 : header.lineTop - 1);
  for (let i = from; i >= 0 && i < lines.length && out.length < MAX_LINES; i += step) {
    const pieces = piecesWithin(lines[i], left, right);
    if (!pieces.length) continue; // only drawing text at this height
    const gap = Math.abs(prevY - lines[i].y);
    // The first gap may be larger (header rows are often taller); later ones compare with
    // the largest pitch seen, so both single- and multi-line rows pass.
    const limit = out.length === 0 ? 4.5 * header.h : Math.max(3 * header.h, 1.6 * maxPitch);
    if (gap > limit) break;
    if (out.length) maxPitch = Math.max(maxPitch, gap);
    out.push({ ...lines[i], items: pieces, h: median(pieces.map((p) => p.h)) });
    prevY = lines[i].y;
  }
  return out;
}

interface Row {
  cells: (string | null)[];
  pieces: TextPiece[];
}

/**
 * Reads a table in one direction. `layout` and `start` are given when continuing a table on a
 * page without a header (the previous page's columns are reused).
 */
export function parseStream(
  page: PageText,
  lines: TextLine[],
  header: HeaderCandidate,
  dir: Direction,
  fixed?: { layout: ColumnLayout; start: number },
): ParsedTable {
  const candidates = linesFrom(lines, header, dir, fixed?.start);
  const layout = fixed?.layout ?? buildLayout(header, candidates);
  const fields = layout.columns.map((c) => c.field);

  const table: { cells: (string | null)[]; pieces: TextPiece[]; start: boolean }[] = [];
  for (const line of candidates) {
    const ratio = line.h / header.h;
    if (ratio > 1.8 || ratio < 0.5) break; // title-block or drawing lettering
    const cellPieces = assignCells(line, layout);
    const cells = cellPieces.map((c) => joinPieces(c) || null);
    if (cells.every((t) => !t)) continue;
    const kind = classifyCells(cells, fields);
    if (kind === "stop") break;
    const pieces: TextPiece[] = [];
    for (const c of cellPieces) for (const p of c) pieces.push(p);
    table.push({ cells, pieces, start: kind === "start" });
  }
  // Rows are read top to bottom whatever the header position: a cell's first line is its top.
  if (dir === "up") table.reverse();

  const rows: Row[] = [];
  for (const l of table) {
    if (l.start) rows.push({ cells: [...l.cells], pieces: [...l.pieces] });
    else if (rows.length) {
      const last = rows[rows.length - 1];
      mergeCells(last.cells, l.cells);
      last.pieces.push(...l.pieces);
    }
    // continuation lines before the first row (sub-titles, second header line) are ignored
  }
  const out = rows.map((r) => makeRow(page, r.cells, fields, r.pieces));
  // ISO/GB tables count upwards from the header: item 1 sits next to it.
  if (dir === "up") out.reverse();
  return { method: "stream", direction: dir, rows: out, columns: layout.columns };
}
