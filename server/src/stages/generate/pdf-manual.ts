// manual.pdf with pdfkit: cover, parts list with thumbnails, one section per step with its
// picture, the exploded view, notes and warnings. Fonts: see pdf-fonts.ts.

import PDFDocument from "pdfkit";
import type { LogLevel } from "../types.js";
import type { ManualModel, ManualStep, MatchStatus } from "./manual-model.js";
import { setupFonts, type PdfFonts } from "./pdf-fonts.js";
import { pdfImages } from "./pdf-png.js";

export { pdfSafe } from "./pdf-fonts.js";

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;
const INK = "#1d2433";
const MUTED = "#5b6475";
const ACCENT = "#1f5fa8";
const LINE = "#d5d9e0";
const STATUS_COLOUR: Record<MatchStatus, string> = {
  matched: "#1c7a3a",
  "quantity mismatch": "#a15c00",
  "not in the CAD": "#b3261e",
};

/** Pixel size from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): [number, number] {
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

class Writer {
  constructor(
    readonly doc: Doc,
    readonly f: PdfFonts,
    readonly img: (png: Buffer) => PDFKit.Mixins.ImageSrc,
  ) {}

  heading(text: string): void {
    const doc = this.doc;
    ensureSpace(doc, 60);
    doc.moveDown(0.8).font(this.f.bold).fontSize(16).fillColor(INK);
    doc.text(this.f.safe(text), MARGIN, doc.y);
    const y = doc.y + 2;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + contentWidth(doc), y).lineWidth(1.5).strokeColor(ACCENT).stroke();
    doc.y = y + 10;
  }

  cover(m: ManualModel): void {
    const { doc, f } = this;
    const w = contentWidth(doc);
    doc.font(f.regular).fontSize(14).fillColor(MUTED).text("Assembly instructions", MARGIN, 70, { width: w });
    doc.moveDown(0.3).font(f.bold).fontSize(28).fillColor(INK).text(f.safe(m.cover.title), { width: w });
    const y = doc.y + 10;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + w, y).lineWidth(2).strokeColor(ACCENT).stroke();
    doc.y = y + 16;
    const rows: [string, string | null][] = [
      ["Drawing number", m.cover.drawingNumber],
      ["Revision", m.cover.revision],
      ["Date", m.cover.date],
      ...m.cover.fields,
    ];
    for (const [k, v] of rows) {
      if (!v) continue;
      const top = doc.y;
      doc.font(f.regular).fontSize(12).fillColor(MUTED).text(f.safe(k), MARGIN, top, { width: 130 });
      const after = doc.y;
      doc.fillColor(INK).text(f.safe(v), MARGIN + 140, top, { width: w - 140 });
      doc.y = Math.max(after, doc.y) + 4;
    }
    if (m.cover.picture) {
      const top = doc.y + 20;
      doc.image(this.img(m.cover.picture), MARGIN, top, { fit: [w, Math.min(420, bottom(doc) - top)], align: "center" });
    }
  }

  partsTable(m: ManualModel): void {
    const { doc, f } = this;
    this.heading("Parts list");
    if (!m.parts.length) {
      doc.font(f.italic).fontSize(11).fillColor(MUTED).text("No parts list was found in the drawing.", MARGIN);
      return;
    }
    const pics = m.parts.some((p) => p.picture);
    const cols = [
      ...(pics ? [{ title: "", width: 56, key: null }] : []),
      { title: "Item", width: 34, key: "item" as const },
      { title: "Part number", width: pics ? 82 : 96, key: "partNumber" as const },
      { title: "Name", width: pics ? 118 : 150, key: "name" as const },
      { title: "Qty", width: 38, key: "quantity" as const },
      { title: "Material", width: pics ? 74 : 84, key: "material" as const },
      { title: "Status", width: pics ? 93 : 93, key: "status" as const },
    ];
    const total = cols.reduce((a, c) => a + c.width, 0);
    const PAD = 4;
    const row = (cells: string[], o: { bold?: boolean; fill?: string; colours?: (string | null)[]; picture?: Buffer | null; minH?: number }) => {
      doc.font(o.bold ? f.bold : f.regular).fontSize(9.5);
      const textH = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]!.width - 2 * PAD })));
      const height = Math.max(textH + 2 * PAD, o.minH ?? 0);
      if (doc.y + height > bottom(doc)) {
        doc.addPage();
        header();
      }
      const top = doc.y;
      if (o.fill) doc.rect(MARGIN, top, total, height).fill(o.fill);
      let x = MARGIN;
      cells.forEach((c, i) => {
        const col = cols[i]!;
        if (col.key === null && o.picture) {
          doc.image(this.img(o.picture), x + 2, top + 2, { fit: [col.width - 4, height - 4], align: "center", valign: "center" });
        } else if (col.key !== null || o.bold) {
          doc.font(o.bold ? f.bold : f.regular).fontSize(9.5).fillColor(o.colours?.[i] ?? INK);
          doc.text(c, x + PAD, top + PAD, { width: col.width - 2 * PAD, align: col.key === "quantity" ? "right" : "left" });
        }
        x += col.width;
      });
      doc.moveTo(MARGIN, top + height).lineTo(MARGIN + total, top + height).lineWidth(0.5).strokeColor(LINE).stroke();
      doc.y = top + height;
    };
    const header = () => row(cols.map((c) => c.title), { bold: true, fill: "#eef1f5" });
    header();
    for (const p of m.parts) {
      const cells = cols.map((c) => (c.key ? f.safe(p[c.key]) : ""));
      const colours = cols.map((c) => (c.key === "status" ? STATUS_COLOUR[p.status] : null));
      row(cells, { colours, picture: p.picture, minH: pics ? 42 : 0 });
    }
  }

  step(s: ManualStep): void {
    const { doc, f } = this;
    const w = contentWidth(doc);
    const lines = s.items.map((it) =>
      f.safe(`${it.quantity} × ${it.name}${it.subassembly ? " (sub-assembly)" : ""}${it.quantity !== it.perCopy ? ` (${it.perCopy} per ${s.plan.assembly ?? "unit"})` : ""}`),
    );
    doc.font(f.regular).fontSize(10.5);
    const listH = lines.reduce((a, l) => a + doc.heightOfString(l, { width: w - 44 }) + 3, 0);
    doc.font(f.bold).fontSize(11.5);
    const sentenceH = doc.heightOfString(f.safe(s.sentence), { width: w - 24 });
    const [pw, ph] = s.picture ? pngSize(s.picture) : [1, 0];
    const picH = Math.round(((w - 24) * ph) / pw);
    const height = 30 + sentenceH + 8 + (picH ? picH + 8 : 0) + listH + 10;
    ensureSpace(doc, height + 10);
    const top = doc.y;
    doc.roundedRect(MARGIN, top, w, height, 5).lineWidth(0.8).strokeColor(LINE).stroke();
    doc.font(f.bold).fontSize(13).fillColor(ACCENT).text(f.safe(s.title), MARGIN + 12, top + 10, { width: w - 24 });
    doc.font(f.bold).fontSize(11.5).fillColor(INK).text(f.safe(s.sentence), MARGIN + 12, top + 30, { width: w - 24 });
    let y = top + 30 + sentenceH + 8;
    if (s.picture) {
      doc.image(this.img(s.picture), MARGIN + 12, y, { width: w - 24, height: picH });
      y += picH + 8;
    }
    doc.font(f.regular).fontSize(10.5).fillColor(INK);
    s.items.forEach((it, k) => {
      doc.rect(MARGIN + 16, y + 2.5, 9, 9).fill(it.colour);
      doc.fillColor(INK).text(lines[k]!, MARGIN + 32, y, { width: w - 44 });
      y = doc.y + 3;
    });
    doc.y = top + height + 12;
  }

  exploded(m: ManualModel): void {
    if (!m.exploded) return;
    const { doc, f } = this;
    doc.addPage();
    this.heading("Exploded view");
    const w = contentWidth(doc);
    const [pw, ph] = pngSize(m.exploded);
    const h = Math.min((w * ph) / pw, bottom(doc) - doc.y - 40);
    doc.image(this.img(m.exploded), MARGIN, doc.y, { fit: [w, h], align: "center" });
    doc.y += h + 8;
    doc.font(f.italic).fontSize(10).fillColor(MUTED);
    doc.text("Parts moved outward from the assembly centre, later steps further out; fixings stand off along their axis.", MARGIN, doc.y, { width: w });
  }

  bulletList(title: string, entries: string[], empty: string, colour = INK): void {
    const { doc, f } = this;
    this.heading(title);
    const w = contentWidth(doc);
    if (!entries.length) {
      doc.font(f.italic).fontSize(11).fillColor(MUTED).text(empty, MARGIN, doc.y, { width: w });
      return;
    }
    entries.forEach((e, i) => {
      const text = f.safe(e);
      doc.font(f.regular).fontSize(10.5);
      ensureSpace(doc, doc.heightOfString(text, { width: w - 24 }) + 6);
      const top = doc.y;
      doc.fillColor(MUTED).text(`${i + 1}.`, MARGIN, top, { width: 20 });
      doc.fillColor(colour).text(text, MARGIN + 24, top, { width: w - 24 });
      doc.y += 4;
    });
  }

  /** Page numbers go on last, once the page count is known. */
  footers(title: string): void {
    const { doc, f } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      if (i === range.start) continue; // no footer on the cover
      const savedBottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing below the margin would otherwise add a page
      doc.font(f.regular).fontSize(8.5).fillColor(MUTED);
      const y = doc.page.height - 35;
      doc.text(f.safe(title), MARGIN, y, { width: 300, lineBreak: false });
      doc.text(`Page ${i + 1} of ${range.count}`, doc.page.width - MARGIN - 150, y, { width: 150, align: "right", lineBreak: false });
      doc.page.margins.bottom = savedBottom;
    }
  }
}

/** Render the manual to a PDF buffer; `onStep` fires after each step is laid out. */
export function renderPdfManual(
  m: ManualModel,
  onStep?: (n: number, total: number) => void,
  log?: (level: LogLevel, msg: string) => void,
  fontPath?: string,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${m.cover.title} — assembly instructions`, Creator: "manualforge" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const w = new Writer(doc, setupFonts(doc, (msg) => log?.("WARN", msg), fontPath), pdfImages(doc));

  w.cover(m);
  doc.addPage();
  w.partsTable(m);
  doc.addPage();
  w.heading("Assembly steps");
  if (!m.steps.length) {
    doc.font(w.f.italic).fontSize(11).fillColor(MUTED).text("No parts to place, so no assembly steps.", MARGIN);
  }
  for (const s of m.steps) {
    w.step(s);
    onStep?.(s.number, m.steps.length);
  }
  w.exploded(m);
  doc.addPage();
  w.bulletList("Notes", m.notes, "No notes on the drawing.");
  w.bulletList("Warnings", m.warnings, "None.", "#8a4b00");
  w.footers(m.cover.title);
  doc.end();
  return done;
}
