// manual.pdf with pdfkit: cover, parts list with thumbnails, one section per step with its
// picture, the exploded view, notes and warnings. Fonts: see pdf-fonts.ts.

import PDFDocument from "pdfkit";
import type { LogLevel } from "../types.js";
import type { ManualModel, ManualPartRow, ManualStep, MatchStatus } from "./manual-model.js";
import { setupFonts, type PdfFonts } from "./pdf-fonts.js";
import { pdfImages } from "./pdf-png.js";
import { pngSize } from "./png-size.js";
import { BALLOON_R } from "./callouts.js";

export { pdfSafe } from "./pdf-fonts.js";

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;
const KIT_H = 64;
const TOC_MAX = 36;
const INK = "#1d2433";
const MUTED = "#5b6475";
const ACCENT = "#1f5fa8";
const LINE = "#d5d9e0";
const STATUS_COLOUR: Record<MatchStatus, string> = {
  matched: "#1c7a3a",
  "quantity mismatch": "#a15c00",
  "not in the CAD": "#b3261e",
};

export { pngSize };

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
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + contentWidth(doc), y)
      .lineWidth(1.5)
      .strokeColor(ACCENT)
      .stroke();
    doc.y = y + 10;
  }

  cover(m: ManualModel): void {
    const { doc, f } = this;
    const w = contentWidth(doc);
    doc.font(f.regular).fontSize(14).fillColor(MUTED).text("Assembly instructions", MARGIN, 70, { width: w });
    doc.moveDown(0.3).font(f.bold).fontSize(28).fillColor(INK).text(f.safe(m.cover.title), { width: w });
    const y = doc.y + 10;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + w, y)
      .lineWidth(2)
      .strokeColor(ACCENT)
      .stroke();
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
    this.coverExtras(m);
    if (m.cover.picture && bottom(doc) - doc.y > 120) {
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
    // The drawing's extra columns (supplier…) share one "Details" column, taking room from the name.
    const extra = m.partColumns.length > 0;
    const cols: { title: string; width: number; key: Exclude<keyof ManualPartRow, "picture"> | null }[] = [
      ...(pics ? [{ title: "", width: 56, key: null }] : []),
      { title: "Item", width: 34, key: "item" as const },
      { title: "Part number", width: (pics ? 82 : 96) - (extra ? 10 : 0), key: "partNumber" as const },
      { title: "Name", width: (pics ? 118 : 150) - (extra ? 50 : 0), key: "name" as const },
      { title: "Qty", width: 38, key: "quantity" as const },
      { title: "Material", width: (pics ? 74 : 84) - (extra ? 10 : 0), key: "material" as const },
      ...(extra ? [{ title: m.partColumns.length === 1 ? m.partColumns[0]! : "Details", width: 90, key: "extra" as const }] : []),
      { title: "Status", width: 93 - (extra ? 20 : 0), key: "status" as const },
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
          doc
            .font(o.bold ? f.bold : f.regular)
            .fontSize(9.5)
            .fillColor(o.colours?.[i] ?? INK);
          doc.text(c, x + PAD, top + PAD, { width: col.width - 2 * PAD, align: col.key === "quantity" ? "right" : "left" });
        }
        x += col.width;
      });
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + total, top + height)
        .lineWidth(0.5)
        .strokeColor(LINE)
        .stroke();
      doc.y = top + height;
    };
    const header = () =>
      row(
        cols.map((c) => c.title),
        { bold: true, fill: "#eef1f5" },
      );
    header();
    for (const p of m.parts) {
      const details =
        m.partColumns.length === 1
          ? p.extra[0]!
          : m.partColumns
              .map((h, k) => (p.extra[k] !== "—" ? `${h}: ${p.extra[k]}` : ""))
              .filter(Boolean)
              .join("\n") || "—";
      const cells = cols.map((c) => (c.key === "extra" ? f.safe(details) : c.key ? f.safe(p[c.key]) : ""));
      const colours = cols.map((c) => (c.key === "status" ? STATUS_COLOUR[p.status] : null));
      row(cells, { colours, picture: p.picture, minH: pics ? 42 : 0 });
    }
  }

  /** Lines of a step's parts list: "(3) 4 × ISO 4017 M8×30 hex bolt – 8.8". */
  private stepLines(s: ManualStep): string[] {
    return s.items.map((it) =>
      this.f.safe(
        `${it.item ? `(${it.item}) ` : ""}${it.quantity} × ${it.name}${it.spec && / – /.test(it.spec) ? ` – ${it.spec.split(" – ")[1]}` : ""}` +
          `${it.subassembly ? " (sub-assembly)" : ""}${it.quantity !== it.perCopy ? ` (${it.perCopy} per ${s.plan.assembly ?? "unit"})` : ""}`,
      ),
    );
  }

  private toolLine(s: ManualStep): string {
    const torques = [...new Set(s.items.flatMap((it) => (it.torque ? [`${it.torque}`] : [])))];
    return this.f.safe(
      [s.tools.length ? `Tools: ${s.tools.join(", ")}` : "", torques.length ? `Tighten to ${torques.join(" / ")}` : ""].filter(Boolean).join(" · "),
    );
  }

  /** Height of a step box laid out `w` wide (the same arithmetic drawStep uses). */
  stepHeight(s: ManualStep, w: number, maxPic: number): number {
    const { doc, f } = this;
    const inner = w - 24;
    doc.font(f.bold).fontSize(10.5);
    const sentenceH = doc.heightOfString(f.safe(s.sentence), { width: inner });
    doc.font(f.regular).fontSize(9);
    const listH = this.stepLines(s).reduce((a, l) => a + doc.heightOfString(l, { width: inner - 16 }) + 2, 0);
    const tl = this.toolLine(s);
    const toolH = tl ? doc.heightOfString(tl, { width: inner }) + 4 : 0;
    return 26 + sentenceH + 6 + this.picSize(s, inner, maxPic)[1] + 6 + (s.kit.length ? KIT_H + 6 : 0) + listH + toolH + 8;
  }

  private picSize(s: ManualStep, inner: number, maxPic: number): [number, number] {
    if (!s.picture) return [0, 0];
    const [pw, ph] = pngSize(s.picture);
    const k = Math.min(inner / pw, maxPic / ph);
    return [pw * k, ph * k];
  }

  drawStep(s: ManualStep, x: number, top: number, w: number, height: number, maxPic: number): void {
    const { doc, f } = this;
    const inner = w - 24;
    doc.roundedRect(x, top, w, height, 5).lineWidth(0.8).strokeColor(LINE).stroke();
    doc
      .font(f.bold)
      .fontSize(12)
      .fillColor(ACCENT)
      .text(f.safe(s.title), x + 12, top + 8, { width: inner, height: 14, ellipsis: true });
    doc
      .font(f.bold)
      .fontSize(10.5)
      .fillColor(INK)
      .text(f.safe(s.sentence), x + 12, top + 26, { width: inner });
    let y = doc.y + 6;
    const [pw, ph] = this.picSize(s, inner, maxPic);
    if (s.picture) {
      const px = x + 12 + (inner - pw) / 2;
      doc.image(this.img(s.picture), px, y, { width: pw, height: ph });
      this.balloons(s, px, y, pw / pngSize(s.picture)[0]);
      y += ph + 6;
    }
    if (s.kit.length) {
      this.kitStrip(s, x + 12, y, inner);
      y += KIT_H + 6;
    }
    doc.font(f.regular).fontSize(9).fillColor(INK);
    this.stepLines(s).forEach((line, k) => {
      doc.rect(x + 14, y + 2, 8, 8).fill(s.items[k]!.colour);
      doc.fillColor(INK).text(line, x + 28, y, { width: inner - 16 });
      y = doc.y + 2;
    });
    const tl = this.toolLine(s);
    if (tl)
      doc
        .font(f.italic)
        .fontSize(9)
        .fillColor(MUTED)
        .text(tl, x + 12, y + 2, { width: inner });
  }

  /** BOM item balloons with leaders, over the picture (scale k: points per picture pixel). */
  private balloons(s: ManualStep, px: number, py: number, k: number): void {
    const { doc, f } = this;
    const r = Math.max(6.5, BALLOON_R * k);
    for (const c of s.callouts) {
      const ax = px + c.ax * k,
        ay = py + c.ay * k,
        bx = px + c.bx * k,
        by = py + c.by * k;
      doc.moveTo(ax, ay).lineTo(bx, by).lineWidth(0.6).strokeColor(INK).stroke();
      doc.circle(ax, ay, 1.3).fill(INK);
      doc.circle(bx, by, r).fillAndStroke("#ffffff", INK);
      const label = f.safe(c.item);
      const size = Math.min(r * 1.1, (2.4 * r) / Math.max(1, label.length * 0.6));
      doc.font(f.bold).fontSize(size).fillColor(INK);
      doc.text(label, bx - r, by - size * 0.42, { width: 2 * r, align: "center", lineBreak: false });
    }
  }

  /** Each fastener once with its count; the picture at 1:1 when it fits the box. */
  private kitStrip(s: ManualStep, x: number, y: number, w: number): void {
    const { doc, f } = this;
    const n = s.kit.length;
    const boxW = Math.min(150, (w - 6 * (n - 1)) / n);
    s.kit.forEach((e, i) => {
      const bx = x + i * (boxW + 6);
      doc.roundedRect(bx, y, boxW, KIT_H, 3).lineWidth(0.6).strokeColor(LINE).stroke();
      const picH = KIT_H - 24;
      let note = "";
      if (e.picture) {
        const [pw, ph] = pngSize(e.picture);
        const oneToOne = e.mmPerPx ? (e.mmPerPx * 72) / 25.4 : 0; // points per pixel at 1:1
        const fit = Math.min((boxW - 8) / pw, picH / ph);
        const k = oneToOne && oneToOne <= fit ? oneToOne : fit;
        if (k === oneToOne) note = "1:1";
        doc.image(this.img(e.picture), bx + (boxW - pw * k) / 2, y + 3 + (picH - ph * k) / 2, { width: pw * k, height: ph * k });
      }
      doc
        .font(f.bold)
        .fontSize(10)
        .fillColor(INK)
        .text(`${e.count}×`, bx + 4, y + KIT_H - 20, { width: boxW / 2, lineBreak: false });
      if (note)
        doc
          .font(f.regular)
          .fontSize(7)
          .fillColor(MUTED)
          .text(note, bx + boxW - 24, y + 3, { width: 20, align: "right", lineBreak: false });
      doc
        .font(f.regular)
        .fontSize(7)
        .fillColor(MUTED)
        .text(f.safe(`${e.item ? `(${e.item}) ` : ""}${e.label}`), bx + 4, y + KIT_H - 9, { width: boxW - 8, height: 8, ellipsis: true });
    });
  }

  /** Steps in a grid: two columns when there are several, so 2–4 steps share a page. */
  steps(m: ManualModel, onStep?: (n: number, total: number) => void): Map<number, number> {
    const { doc } = this;
    const pageOf = new Map<number, number>();
    const w = contentWidth(doc);
    const cols = m.steps.length >= 3 ? 2 : 1;
    const gap = 12;
    const colW = (w - gap * (cols - 1)) / cols;
    const maxPic = cols === 2 ? 230 : 330;
    // Two columns filled independently (the next step goes where there is room first), so a
    // short step does not leave a tall hole next to a long one.
    const top0 = () => doc.page.margins.top;
    let colY = Array.from({ length: cols }, () => doc.y);
    const newPage = () => {
      doc.addPage();
      colY = colY.map(top0);
    };
    let chapter = -1;
    for (const s of m.steps) {
      const ch = m.chapters.findIndex((c) => c.firstStep <= s.number && s.number <= c.lastStep);
      if (ch !== chapter && m.chapters.length > 1) {
        chapter = ch;
        // A chapter heading spans the columns, below both.
        doc.y = Math.max(...colY);
        if (doc.y + 200 > bottom(doc)) newPage();
        doc.y = colY[0]!;
        doc
          .font(this.f.bold)
          .fontSize(13)
          .fillColor(INK)
          .text(this.f.safe(m.chapters[ch]!.title), MARGIN, doc.y + 4, { width: w });
        colY = colY.map(() => doc.y + 6);
      }
      const h = this.stepHeight(s, colW, maxPic);
      const order = colY.map((_, k) => k).sort((a, b) => colY[a]! - colY[b]! || a - b);
      let c = order.find((k) => colY[k]! + h <= bottom(doc));
      if (c === undefined) {
        newPage();
        c = 0;
      }
      this.drawStep(s, MARGIN + c * (colW + gap), colY[c]!, colW, h, maxPic);
      colY[c] = colY[c]! + h + 10;
      pageOf.set(s.number, doc.bufferedPageRange().start + doc.bufferedPageRange().count);
      onStep?.(s.number, m.steps.length);
    }
    doc.y = Math.max(...colY);
    return pageOf;
  }

  /** Cover: amber draft banner when the job needs review, tools and torques. */
  coverExtras(m: ManualModel): void {
    const { doc, f } = this;
    const w = contentWidth(doc);
    if (m.cover.review.length) {
      const text = f.safe(`Draft — review: ${m.cover.review.join("; ")}`);
      doc.font(f.bold).fontSize(11);
      const h = doc.heightOfString(text, { width: w - 20 }) + 12;
      const top = doc.y + 6;
      doc.roundedRect(MARGIN, top, w, h, 4).fill("#fff4e0");
      doc.fillColor("#8a4b00").text(text, MARGIN + 10, top + 6, { width: w - 20 });
      doc.y = top + h + 4;
    }
    if (m.cover.tools.length) {
      doc
        .font(f.bold)
        .fontSize(12)
        .fillColor(INK)
        .text("Tools", MARGIN, doc.y + 10, { width: w });
      doc
        .font(f.regular)
        .fontSize(10.5)
        .text(f.safe(m.cover.tools.join(" · ")), MARGIN, doc.y + 2, { width: w });
      if (m.cover.torques.length) {
        doc.font(f.regular).fontSize(9.5).fillColor(MUTED);
        doc.text(
          f.safe(
            `Tightening torques (reference values for µ≈0.12, stainless µ≈0.10; check your fastener supplier's data): ${m.cover.torques.join("; ")}`,
          ),
          MARGIN,
          doc.y + 3,
          { width: w },
        );
      }
    }
  }

  /** Table of contents at a reserved spot, written once the pages are known. */
  toc(m: ManualModel, at: { page: number; y: number }, stepPage: Map<number, number>, tail: [string, number][]): void {
    const { doc, f } = this;
    doc.switchToPage(at.page);
    let y = at.y;
    const w = contentWidth(doc);
    const entry = (title: string, page: number | undefined, indent = 0) => {
      doc
        .font(indent ? f.regular : f.bold)
        .fontSize(10.5)
        .fillColor(INK);
      doc.text(f.safe(title), MARGIN + indent, y, { width: w - 60 - indent, height: 13, ellipsis: true });
      doc.text(page ? String(page) : "", MARGIN + w - 50, y, { width: 50, align: "right", lineBreak: false });
      y += 15;
    };
    entry("Parts list", at.page + 1);
    for (const c of m.chapters.slice(0, TOC_MAX)) {
      entry(`${c.title} — step${c.firstStep === c.lastStep ? ` ${c.firstStep}` : `s ${c.firstStep}–${c.lastStep}`}`, stepPage.get(c.firstStep), 12);
    }
    for (const [t, p] of tail) entry(t, p);
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
    doc.text("Parts moved outward from the assembly centre, later steps further out; fixings stand off along their axis.", MARGIN, doc.y, {
      width: w,
    });
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
  const w = new Writer(
    doc,
    setupFonts(doc, (msg) => log?.("WARN", msg), fontPath),
    pdfImages(doc),
  );

  w.cover(m);
  doc.addPage();
  // Contents first on this page; its page numbers are filled in at the end.
  w.heading("Contents");
  const tocAt = { page: doc.bufferedPageRange().count - 1, y: doc.y };
  doc.y += 15 * (3 + Math.min(m.chapters.length, TOC_MAX) + (m.exploded ? 1 : 0)) + 6;
  w.partsTable(m);
  doc.addPage();
  w.heading("Assembly steps");
  if (!m.steps.length) {
    doc.font(w.f.italic).fontSize(11).fillColor(MUTED).text("No parts to place, so no assembly steps.", MARGIN);
  }
  const stepPage = w.steps(m, onStep);
  const tail: [string, number][] = [];
  if (m.exploded) {
    w.exploded(m);
    tail.push(["Exploded view", doc.bufferedPageRange().count]);
  }
  doc.addPage();
  tail.push(["Notes and warnings", doc.bufferedPageRange().count]);
  w.bulletList("Notes", m.notes, "No notes on the drawing.");
  w.bulletList("Warnings", m.warnings, "None.", "#8a4b00");
  w.toc(m, tocAt, stepPage, tail);
  w.footers(m.cover.title);
  doc.end();
  return done;
}
