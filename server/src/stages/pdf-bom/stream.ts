// Stream reading (no ruling lines): walks away from the header line by line, stops at the
// first large gap or line that cannot belong to the table, and folds continuation lines into
// rows. Columns come from text alignment (columns.ts).
import { joinPieces, median, type PageText, type TextLine } from "../pdf-text/index.js";
import { assignCells, buildLayout, piecesWithin, provisionalExtent, type ColumnLayout } from "./columns.js";
import type { HeaderCandidate } from "./find-header.js";
import { buildRows, type Entry } from "./row-builder.js";
import type { BomField } from "./header-synonyms.js";
import { classifyCells, type Direction, type ParsedTable } from "./rows.js";
import { isQuantityLike } from "./values.js";
import { withNumbering } from "./numbering.js";

const MAX_LINES = 400;

type TableLine = TextLine & { afterGap: boolean };

/**
 * Lines next to the header in one direction, until a gap too large for a table. A gap of a few
 * blank rows is let through and the line after it marked: parseStream() decides from what
 * follows whether the table goes on (spreadsheet sections are set apart by blank rows).
 */
function linesFrom(lines: TextLine[], header: HeaderCandidate, dir: Direction, start?: number): TableLine[] {
  const [left, right] = provisionalExtent(header);
  const out: TableLine[] = [];
  const step = dir === "down" ? 1 : -1;
  let prevY = dir === "down" ? header.yBottom : header.yTop;
  let maxPitch = 0;
  const pitches: number[] = [];
  const from = start ?? (dir === "down" ? header.lineBottom + 1 : header.lineTop - 1);
  for (let i = from; i >= 0 && i < lines.length && out.length < MAX_LINES; i += step) {
    const pieces = piecesWithin(lines[i], left, right);
    if (!pieces.length) continue; // only drawing text at this height
    const gap = Math.abs(prevY - lines[i].y);
    // The first gap may be larger (header rows are often taller); later ones compare with
    // the largest pitch seen, so both single- and multi-line rows pass.
    const limit = out.length === 0 ? 4.5 * header.h : Math.max(3 * header.h, 1.6 * maxPitch);
    let afterGap = false;
    if (gap > limit) {
      if (!pitches.length || gap > 6 * median(pitches)) break;
      afterGap = true;
    } else if (out.length) {
      maxPitch = Math.max(maxPitch, gap);
      pitches.push(gap);
    }
    out.push({ ...lines[i], items: pieces, h: median(pieces.map((p) => p.h)), afterGap });
    prevY = lines[i].y;
  }
  return out;
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
  const built = fixed?.layout ?? buildLayout(header, candidates);

  const read = candidates.map((line) => {
    const cellPieces = assignCells(line, built);
    return { line, cellPieces, cells: cellPieces.map((c) => joinPieces(c) || null) };
  });
  const layout = {
    ...built,
    columns: withNumbering(
      built.columns,
      read.map((r) => r.cells[0] ?? null),
    ),
  };
  const fields = layout.columns.map((c) => c.field);
  const entries: Entry[] = [];
  for (let i = 0; i < read.length; i++) {
    const { line, cells, cellPieces } = read[i];
    const ratio = line.h / header.h;
    if (ratio > 1.8 || ratio < 0.5) break; // title-block or drawing lettering
    if (cells.every((t) => !t)) continue;
    const kind = classifyCells(cells, fields);
    if (kind === "stop") {
      // A balloon or note beside the table ("(4)" left of the item column) is not its end:
      // a lone piece outside the titles' span is passed over.
      const span = [header.columns[0].x0 - header.h, header.columns[header.columns.length - 1].x1 + header.h];
      const pieces = cellPieces.flat();
      if (pieces.length === 1 && (pieces[0].x + pieces[0].w < span[0] || pieces[0].x > span[1])) continue;
      break;
    }
    if (
      line.afterGap &&
      !goesOn(
        read.slice(i, i + 3).map((r) => r.cells),
        fields,
      )
    )
      break;
    entries.push({ cells, cellPieces, kind, y: line.y, emptyBefore: line.afterGap });
  }
  // Rows are read top to bottom whatever the header position: a cell's first line is its top.
  if (dir === "up") entries.reverse();
  markBlankRows(entries);
  const out = buildRows(page, entries, layout.columns, dir);
  // ISO/GB tables count upwards from the header: item 1 sits next to it.
  if (dir === "up") out.reverse();
  return { method: "stream", direction: dir, rows: out, columns: layout.columns };
}

/**
 * Without ruling lines a blank spreadsheet row shows only as a wider gap: a gap of more than
 * 1.7 times the typical line-to-line distance of the table counts as one.
 */
function markBlankRows(entries: Entry[]): void {
  const gaps: number[] = [];
  for (let i = 1; i < entries.length; i++) gaps.push(entries[i - 1].y - entries[i].y);
  if (gaps.length < 3) return;
  const typical = median(gaps);
  for (let i = 1; i < entries.length; i++) entries[i].emptyBefore = gaps[i - 1] > 1.7 * typical;
}

/**
 * After blank rows the table goes on only with a complete row (every key column filled with a
 * valid value), possibly under a heading: notes below a table have no quantity.
 */
function goesOn(next: (string | null)[][], fields: (BomField | null)[]): boolean {
  const complete = (cells: (string | null)[]) =>
    classifyCells(cells, fields) === "start" &&
    fields.every((f, i) => (f === "quantity" ? !!cells[i] && isQuantityLike(cells[i]!) : f === "item" ? !!cells[i] : true));
  if (!next.length) return false;
  if (complete(next[0])) return true;
  const heading = next[0].filter((c) => c).length === 1;
  // A heading as the table's last line opens a section continued on the next page.
  return heading && (next.length === 1 || next.slice(1).some(complete));
}
