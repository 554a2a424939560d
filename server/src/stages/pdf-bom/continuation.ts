// A parts list continued on a following page without its header: the previous page's columns
// are reused, and the table starts at the first line (or ruled band) that reads as a row.
import { joinPieces, type TextLine } from "../pdf-text/index.js";
import { assignCells, type ColumnLayout } from "./columns.js";
import { continueLattice } from "./lattice.js";
import { classifyCells, type ParsedTable } from "./rows.js";
import type { FoundTable, PageScan } from "./scan.js";
import { parseStream } from "./stream.js";
import { isQuantityLike } from "./values.js";

export async function continueOnPage(scan: PageScan, from: FoundTable): Promise<ParsedTable | null> {
  const view = scan.views.find((v) => v.angle === from.view.angle);
  if (!view) return null;
  const { columns, direction: dir, method } = from.parsed;
  if (method === "lattice") {
    const r = await view.rulings();
    return r.h.length && r.v.length ? continueLattice(view.page, r, columns, dir) : null;
  }
  const layout = { columns, left: columns[0].left, right: columns[columns.length - 1].right };
  const fields = columns.map((c) => c.field);
  const qi = fields.indexOf("quantity");
  const n = view.lines.length;
  for (let k = 0; k < n; k++) {
    let i = dir === "down" ? k : n - 1 - k;
    const cells = assignCells(view.lines[i], layout).map((c) => joinPieces(c) || null);
    // A full row start: page headers and footers ("Sheet 2 of 3") never look like this.
    if (classifyCells(cells, fields) !== "start" || (qi >= 0 && !(cells[qi] && isQuantityLike(cells[qi]!)))) continue;
    if (cells.filter(Boolean).length < 2) continue;
    // A section heading right above the first row opens the page's part of the list.
    const before = dir === "down" ? i - 1 : i + 1;
    if (before >= 0 && before < n && isHeadingAbove(view.lines[before], view.lines[i], layout)) i = before;
    const y = view.lines[i].y;
    const header = { ...from.header, lineTop: i, lineBottom: i, yTop: y, yBottom: y };
    const t = parseStream(view.page, view.lines, header, dir, { layout, start: i });
    return t.rows.length ? t : null;
  }
  return null;
}

function isHeadingAbove(line: TextLine, first: TextLine, layout: ColumnLayout): boolean {
  const cells = assignCells(line, layout).map((c) => joinPieces(c));
  const filled = cells.filter((c) => c);
  return filled.length === 1 && /\p{L}/u.test(filled[0]) && Math.abs(line.y - first.y) < 4 * first.h;
}
