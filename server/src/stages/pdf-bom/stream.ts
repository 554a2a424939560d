// Reads the body of one table: walks away from the header line by line, stops at the first
// large gap or line that cannot belong to the table, and folds continuation lines into rows.
import type { BomRow } from "../types.js";
import { joinPieces, median, type PageText, type TextLine, type TextPiece } from "../pdf-text/index.js";
import { assignCells, buildLayout, piecesWithin, provisionalExtent, type ColumnLayout } from "./columns.js";
import type { HeaderCandidate } from "./find-header.js";
import type { BomField } from "./header-synonyms.js";
import { cleanText, isItemLike, isQuantityLike, parseQuantity } from "./values.js";

export type Direction = "down" | "up";

export interface ParsedTable {
  direction: Direction;
  rows: BomRow[];
  layout: ColumnLayout;
}

const MAX_LINES = 400;

/** Lines next to the header in one direction, until a gap too large for a table. */
function linesFrom(lines: TextLine[], header: HeaderCandidate, dir: Direction): TextLine[] {
  const [left, right] = provisionalExtent(header);
  const out: TextLine[] = [];
  const step = dir === "down" ? 1 : -1;
  let prevY = header.y;
  let maxPitch = 0;
  for (let i = header.lineIndex + step; i >= 0 && i < lines.length && out.length < MAX_LINES; i += step) {
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

type LineKind = "start" | "continue" | "stop";

interface ClassifiedLine {
  line: TextLine;
  cells: TextPiece[][];
  kind: LineKind;
}

function classify(cells: string[], fields: (BomField | null)[], lineH: number, headerH: number): LineKind {
  const ratio = lineH / headerH;
  if (ratio > 1.8 || ratio < 0.5) return "stop"; // title-block or drawing lettering
  const get = (f: BomField) => {
    const i = fields.indexOf(f);
    return i < 0 ? null : cells[i] || null;
  };
  const item = get("item");
  const qty = get("quantity");
  if (fields.includes("item")) {
    if (item) return isItemLike(item) ? "start" : "stop";
    return qty ? (isQuantityLike(qty) ? "start" : "stop") : "continue";
  }
  if (fields.includes("quantity")) {
    if (qty) return isQuantityLike(qty) ? "start" : "stop";
    return "continue";
  }
  return "start";
}

export function parseTable(page: PageText, lines: TextLine[], header: HeaderCandidate, dir: Direction): ParsedTable {
  const candidates = linesFrom(lines, header, dir);
  const layout = buildLayout(header, candidates);
  const fields = layout.columns.map((c) => c.field);

  const table: ClassifiedLine[] = [];
  for (const line of candidates) {
    const cells = assignCells(line, layout);
    const texts = cells.map((c) => joinPieces(c));
    if (texts.every((t) => !t)) continue;
    const kind = classify(texts, fields, line.h, header.h);
    if (kind === "stop") break;
    table.push({ line, cells, kind });
  }
  // Rows are read top to bottom whatever the header position: a cell's first line is its top.
  if (dir === "up") table.reverse();

  const groups: ClassifiedLine[][] = [];
  for (const l of table) {
    if (l.kind === "start") groups.push([l]);
    else if (groups.length) groups[groups.length - 1].push(l);
    // continuation lines before the first row (sub-titles, second header line) are ignored
  }
  const rows = groups.map((g) => toRow(page, g, fields));
  // ISO/GB tables count upwards from the header: item 1 sits next to it.
  if (dir === "up") rows.reverse();
  return { direction: dir, rows, layout };
}

function toRow(page: PageText, group: ClassifiedLine[], fields: (BomField | null)[]): BomRow {
  const text = (f: BomField): string | null => {
    const i = fields.indexOf(f);
    if (i < 0) return null;
    return cleanText(group.map((l) => joinPieces(l.cells[i])).join(" "));
  };
  const item = text("item");
  const qtyText = text("quantity");
  const qty = parseQuantity(qtyText);
  const row: BomRow = {
    item,
    partNumber: text("partNumber"),
    name: text("name"),
    description: text("description"),
    quantity: qty.value,
    unit: text("unit") ?? qty.unit,
    material: text("material"),
    note: text("note"),
    page: page.page,
    bbox: rowBox(page, group.flatMap((l) => l.cells.flat())),
    confidence: 1,
  };
  row.confidence = confidence(row, fields, qtyText);
  return row;
}

function confidence(row: BomRow, fields: (BomField | null)[], qtyText: string | null): number {
  let c = 1;
  if (fields.includes("item") && (row.item === null || !isItemLike(row.item))) c -= 0.3;
  if (fields.includes("quantity")) {
    if (row.quantity === null) c -= qtyText ? 0.2 : 0.35;
  } else c -= 0.15;
  if (!row.partNumber && !row.name && !row.description) c -= 0.25;
  return Math.max(0, Math.round(c * 100) / 100);
}

/** Union of the pieces' boxes, converted back to PDF user space. */
function rowBox(page: PageText, pieces: TextPiece[]): [number, number, number, number] {
  const x0 = Math.min(...pieces.map((p) => p.x));
  const x1 = Math.max(...pieces.map((p) => p.x + p.w));
  const y0 = Math.min(...pieces.map((p) => p.y - 0.2 * p.h));
  const y1 = Math.max(...pieces.map((p) => p.y + 0.8 * p.h));
  const [ax, ay] = page.toUser(x0, y0);
  const [bx, by] = page.toUser(x1, y1);
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(Math.min(ax, bx)), r(Math.min(ay, by)), r(Math.max(ax, bx)), r(Math.max(ay, by))];
}
