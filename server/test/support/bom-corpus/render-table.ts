// Draws the parts list of one sheet: ruled grid or unruled, header on top or at the bottom
// (ISO/GB, item 1 next to the header), multi-line and vertically centred cells.
import { MARGIN, SHEET_H, SHEET_W, TB_H, TB_W, text, type Doc, type Fonts } from "./sheet.js";
import { cellText } from "./truth.js";
import type { DocSpec, Part } from "./types.js";

const SIZE = 9;
const PAD_TOP = 4;
const LINE = 11;
const ROW = 16;

export function tableSheets(spec: DocSpec): Part[][] {
  const per = spec.rowsPerPage ?? spec.parts.length;
  const out: Part[][] = [];
  for (let i = 0; i < spec.parts.length; i += per) out.push(spec.parts.slice(i, i + per));
  return out;
}

function cells(spec: DocSpec, p: Part): string[] {
  // Unmapped columns (weights) print a number derived from the item.
  return spec.columns.map((c) => (c.field ? cellText(p, c.field) : `${(p.item.length * 0.35 + 0.1).toFixed(2)}`));
}

const lineCount = (s: string) => s.split("\n").length;

export function drawTable(doc: Doc, spec: DocSpec, f: Fonts, parts: Part[], sheet: number): void {
  const width = spec.columns.reduce((a, c) => a + c.width, 0);
  const twoLine = spec.columns.some((c) => Array.isArray(c.title));
  const headerH = twoLine ? 28 : 18;
  const showHeader = sheet === 0 || spec.repeatHeader !== false;
  const heights = parts.map((p) => ROW + (Math.max(...cells(spec, p).map(lineCount)) - 1) * LINE);
  const total = heights.reduce((a, b) => a + b, 0);
  const x = spec.placement === "topLeft" ? 40 : SHEET_W - MARGIN - TB_W - (width > TB_W ? width - TB_W : 0);
  const tbTop = SHEET_H - MARGIN - TB_H;

  // Row tops in sheet order (top to bottom), and the header top.
  let headerTop: number;
  let rowTops: number[] = [];
  if (spec.headerAtBottom) {
    headerTop = spec.placement === "topLeft" ? 60 + total : tbTop - headerH;
    let y = headerTop;
    rowTops = heights.map((h) => (y -= h));
  } else {
    headerTop = spec.placement === "topLeft" ? 60 : tbTop - 30 - total - headerH;
    let y = headerTop + headerH;
    rowTops = heights.map((h) => ((y += h), y - h));
  }

  if (showHeader) {
    let cx = x;
    for (const c of spec.columns) {
      if (spec.rules === "grid") doc.lineWidth(1).rect(cx, headerTop, c.width, headerH).stroke();
      const titles = Array.isArray(c.title) ? c.title : [c.title];
      titles.forEach((t, i) => {
        doc.font(f.bold).fontSize(SIZE);
        const tw = doc.widthOfString(t);
        const ty = headerTop + (headerH - titles.length * LINE) / 2 + 1 + i * LINE;
        text(doc, f.bold, t, cx + (c.width - tw) / 2, ty, SIZE);
      });
      cx += c.width;
    }
    if (spec.rules === "none") {
      const ly = spec.headerAtBottom ? headerTop : headerTop + headerH;
      doc
        .lineWidth(0.8)
        .moveTo(x, ly)
        .lineTo(x + width, ly)
        .stroke();
    }
  }
  parts.forEach((p, i) => drawRow(doc, spec, f, cells(spec, p), x, rowTops[i], heights[i]));
}

function drawRow(doc: Doc, spec: DocSpec, f: Fonts, values: string[], x: number, top: number, h: number): void {
  let cx = x;
  spec.columns.forEach((c, i) => {
    if (spec.rules === "grid") doc.lineWidth(0.6).rect(cx, top, c.width, h).stroke();
    const lines = values[i] ? values[i].split("\n") : [];
    const free = h - ROW - (lines.length - 1) * LINE;
    const y0 = top + PAD_TOP + (spec.centreCells ? free / 2 : 0);
    lines.forEach((line, k) => {
      doc.font(f.regular).fontSize(SIZE);
      const tw = doc.widthOfString(line);
      const tx = (c.align ?? "left") === "center" ? cx + (c.width - tw) / 2 : cx + 4;
      text(doc, f.regular, line, tx, y0 + k * LINE, SIZE);
    });
    cx += c.width;
  });
}
