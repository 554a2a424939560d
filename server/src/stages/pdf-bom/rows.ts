// Turning the cell texts of one table row into a typed BomRow, shared by the lattice (ruled)
// and stream (text-aligned) readers.
import type { BomCell, BomRow } from "../types.js";
import type { PageText, TextPiece } from "../pdf-text/index.js";
import type { BomField } from "./header-synonyms.js";
import { cleanText, isItemLike, isQuantityText, parseQuantity } from "./values.js";
import { rememberIndent } from "./indent.js";

export type Direction = "down" | "up";
export type LineKind = "start" | "continue" | "stop";

export interface TableColumn {
  field: BomField | null;
  label: string;
  left: number;
  right: number;
}

export interface ParsedTable {
  method: "lattice" | "stream";
  direction: Direction;
  rows: BomRow[];
  columns: TableColumn[];
}

/** Whether a line (cell texts per column) starts a row, continues one, or ends the table. */
export function classifyCells(cells: (string | null)[], fields: (BomField | null)[]): LineKind {
  const get = (f: BomField) => {
    const i = fields.indexOf(f);
    return i < 0 ? null : cells[i] || null;
  };
  const item = get("item");
  const qty = get("quantity");
  if (fields.includes("item")) {
    if (item) return isItemLike(item) ? "start" : "stop";
    return qty ? (isQuantityText(qty) ? "start" : "stop") : "continue";
  }
  if (fields.includes("quantity")) {
    if (qty) return isQuantityText(qty) ? "start" : "stop";
    return "continue";
  }
  return "start";
}

/** One row from its cells' text (one string per column, lines already joined); `box` as in rowBox(). */
/** The top line's leftmost piece of a cell (where its text starts). */
function firstPiece(pieces: TextPiece[]): TextPiece | null {
  if (!pieces.length) return null;
  const top = Math.max(...pieces.map((p) => p.y));
  return pieces.filter((p) => p.y > top - 0.5 * p.h).reduce((a, b) => (b.x < a.x ? b : a));
}

export function makeRow(
  page: PageText,
  cells: (string | null)[],
  columns: TableColumn[],
  cellPieces: TextPiece[][],
  box?: [number, number, number, number],
): BomRow {
  const fields = columns.map((c) => c.field);
  const text = (f: BomField): string | null => {
    const i = fields.indexOf(f);
    return i < 0 ? null : cleanText(cells[i]);
  };
  const qtyText = text("quantity");
  const qty = parseQuantity(qtyText);
  const pieces = cellPieces.flat();
  const ocr = pieces.some((p) => p.conf !== undefined);
  const row: BomRow = {
    item: text("item"),
    partNumber: text("partNumber"),
    name: text("name"),
    description: text("description"),
    quantity: qty.value,
    unit: text("unit") ?? qty.unit,
    material: text("material"),
    note: text("note"),
    page: page.page,
    bbox: rowBox(page, pieces, box),
    confidence: 1,
    configuration: text("configuration"),
    columns: columns.map((c, i) => {
      const cell: BomCell = { header: c.label, field: c.field, text: cleanText(cells[i]) ?? "" };
      if (ocr && cellPieces[i].length) cell.confidence = Math.min(...cellPieces[i].map((p) => p.conf ?? 1));
      return cell;
    }),
    source: ocr ? "OCR" : "TEXT",
    warnings: [],
  };
  if (qtyText && qty.value === null) row.warnings!.push(`Quantity "${qtyText}" is not a number; kept as printed`);
  const nameAt = fields.indexOf("name") >= 0 ? fields.indexOf("name") : fields.indexOf("partNumber");
  const first = nameAt >= 0 ? firstPiece(cellPieces[nameAt]) : null;
  if (first) rememberIndent(row, first.x, first.w / Math.max(first.str.length, 1));
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

/** Union of the pieces' boxes (or the given frame box), converted back to PDF user space. */
export function rowBox(page: PageText, pieces: TextPiece[], box?: [number, number, number, number]) {
  const [x0, y0, x1, y1] = box ?? pieceBox(pieces);
  const [ax, ay] = page.toUser(x0, y0);
  const [bx, by] = page.toUser(x1, y1);
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(Math.min(ax, bx)), r(Math.min(ay, by)), r(Math.max(ax, bx)), r(Math.max(ay, by))] as [number, number, number, number];
}

function pieceBox(pieces: TextPiece[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of pieces) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y - 0.2 * p.h);
    x1 = Math.max(x1, p.x + p.w);
    y1 = Math.max(y1, p.y + 0.8 * p.h);
  }
  return [x0, y0, x1, y1];
}

/** Appends continuation text to the previous row's cells (multi-line cells, split rows). */
export function mergeCells(into: (string | null)[], more: (string | null)[]): void {
  more.forEach((t, i) => {
    if (t) into[i] = into[i] ? `${into[i]} ${t}` : t;
  });
}
