// manual.pdf with pdfkit and the built-in Helvetica (no font files to ship).

import PDFDocument from "pdfkit";
import type { ManualModel, ManualStep, MatchStatus } from "./manual-model.js";

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

/** Windows-1252 extras that the standard fonts can draw beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set("ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜");

/**
 * The standard fonts only encode WinAnsi; anything else would print as garbage bytes.
 * Fold compatibility forms first (full-width Ｍ１２ → M12), then replace the rest with "?".
 * (CJK text needs an embedded font — not in this version.)
 */
export function pdfSafe(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFKC")) {
    const code = ch.codePointAt(0)!;
    if (ch === "\n" || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) {
      out += ch;
    } else if (code === 0x2212) out += "-";
    else if (/\s/.test(ch)) out += " ";
    else out += "?";
  }
  return out;
}

const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(16).fillColor(INK);
  doc.text(pdfSafe(text), MARGIN, doc.y);
  const y = doc.y + 2;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + contentWidth(doc), y).lineWidth(1.5).strokeColor(ACCENT).stroke();
  doc.y = y + 10;
}

function cover(doc: Doc, m: ManualModel): void {
  const w = contentWidth(doc);
  doc.font("Helvetica").fontSize(14).fillColor(MUTED).text("Assembly instructions", MARGIN, 200, { width: w });
  doc.moveDown(0.4).font("Helvetica-Bold").fontSize(30).fillColor(INK).text(pdfSafe(m.cover.title), { width: w });
  const y = doc.y + 12;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + w, y).lineWidth(2).strokeColor(ACCENT).stroke();
  doc.y = y + 20;
  const rows: [string, string | null][] = [
    ["Drawing number", m.cover.drawingNumber],
    ["Revision", m.cover.revision],
    ["Date", m.cover.date],
    ...m.cover.fields,
  ];
  for (const [k, v] of rows) {
    if (!v) continue;
    const top = doc.y;
    doc.font("Helvetica").fontSize(12).fillColor(MUTED).text(pdfSafe(k), MARGIN, top, { width: 130 });
    const after = doc.y;
    doc.fillColor(INK).text(pdfSafe(v), MARGIN + 140, top, { width: w - 140 });
    doc.y = Math.max(after, doc.y) + 4;
  }
}

const COLUMNS: { title: string; width: number; key: keyof ManualModel["parts"][number]; align?: "right" }[] = [
  { title: "Item", width: 38, key: "item" },
  { title: "Part number", width: 92, key: "partNumber" },
  { title: "Name", width: 150, key: "name" },
  { title: "Qty", width: 40, key: "quantity", align: "right" },
  { title: "Material", width: 90, key: "material" },
  { title: "Status", width: 85, key: "status" },
];
const PAD = 4;

function tableRow(doc: Doc, cells: string[], opts: { bold?: boolean; fill?: string; colours?: (string | null)[] }) {
  doc.font(opts.bold ? "Helvetica-Bold" : "Helvetica").fontSize(9.5);
  const height =
    Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: COLUMNS[i]!.width - 2 * PAD }))) + 2 * PAD;
  const top = doc.y;
  const total = COLUMNS.reduce((a, c) => a + c.width, 0);
  if (opts.fill) doc.rect(MARGIN, top, total, height).fill(opts.fill);
  let x = MARGIN;
  cells.forEach((c, i) => {
    const col = COLUMNS[i]!;
    doc.fillColor(opts.colours?.[i] ?? INK).text(c, x + PAD, top + PAD, { width: col.width - 2 * PAD, align: col.align });
    x += col.width;
  });
  doc.moveTo(MARGIN, top + height).lineTo(MARGIN + total, top + height).lineWidth(0.5).strokeColor(LINE).stroke();
  doc.y = top + height;
}

function partsTable(doc: Doc, m: ManualModel): void {
  heading(doc, "Parts list");
  if (!m.parts.length) {
    doc.font("Helvetica-Oblique").fontSize(11).fillColor(MUTED).text("No parts list was found in the drawing.", MARGIN);
    return;
  }
  const header = () => tableRow(doc, COLUMNS.map((c) => c.title), { bold: true, fill: "#eef1f5" });
  header();
  for (const p of m.parts) {
    const cells = COLUMNS.map((c) => pdfSafe(p[c.key]));
    doc.font("Helvetica").fontSize(9.5);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: COLUMNS[i]!.width - 2 * PAD }))) + 2 * PAD;
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      header();
    }
    tableRow(doc, cells, { colours: COLUMNS.map((c) => (c.key === "status" ? STATUS_COLOUR[p.status] : null)) });
  }
}

function step(doc: Doc, s: ManualStep): void {
  const w = contentWidth(doc);
  const lines = s.items.map((it) => pdfSafe(`${it.quantity} × ${it.name}`));
  doc.font("Helvetica").fontSize(11);
  const listH = lines.reduce((a, l) => a + doc.heightOfString(l, { width: w - 40 }) + 2, 0);
  doc.font("Helvetica-Bold").fontSize(11);
  const sentenceH = doc.heightOfString(pdfSafe(s.sentence), { width: w - 24 });
  const height = 24 + listH + 6 + sentenceH + 10;
  ensureSpace(doc, height + 10);
  const top = doc.y;
  doc.roundedRect(MARGIN, top, w, height, 5).lineWidth(0.8).strokeColor(LINE).stroke();
  doc.font("Helvetica-Bold").fontSize(13).fillColor(ACCENT).text(`Step ${s.number}`, MARGIN + 12, top + 10, { width: w - 24 });
  doc.font("Helvetica").fontSize(11).fillColor(INK);
  let y = top + 30;
  for (const l of lines) {
    doc.text("•", MARGIN + 16, y).text(l, MARGIN + 28, y, { width: w - 40 });
    y = doc.y + 2;
  }
  doc.font("Helvetica-Bold").fontSize(11).text(pdfSafe(s.sentence), MARGIN + 12, y + 4, { width: w - 24 });
  doc.y = top + height + 10;
}

function bulletList(doc: Doc, title: string, entries: string[], empty: string, colour = INK): void {
  heading(doc, title);
  const w = contentWidth(doc);
  if (!entries.length) {
    doc.font("Helvetica-Oblique").fontSize(11).fillColor(MUTED).text(empty, MARGIN, doc.y, { width: w });
    return;
  }
  entries.forEach((e, i) => {
    const text = pdfSafe(e);
    doc.font("Helvetica").fontSize(10.5);
    ensureSpace(doc, doc.heightOfString(text, { width: w - 24 }) + 6);
    const top = doc.y;
    doc.fillColor(MUTED).text(`${i + 1}.`, MARGIN, top, { width: 20 });
    doc.fillColor(colour).text(text, MARGIN + 24, top, { width: w - 24 });
    doc.y += 4;
  });
}

/** Page numbers go on last, once the page count is known. */
function footers(doc: Doc, title: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (i === range.start) continue; // no footer on the cover
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin would otherwise add a page
    doc.font("Helvetica").fontSize(8.5).fillColor(MUTED);
    const y = doc.page.height - 35;
    doc.text(pdfSafe(title), MARGIN, y, { width: 300, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, doc.page.width - MARGIN - 150, y, { width: 150, align: "right", lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
}

/** Render the manual to a PDF buffer; `onStep` fires after each step is laid out. */
export function renderPdfManual(m: ManualModel, onStep?: (n: number, total: number) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: pdfSafe(`${m.cover.title} — assembly instructions`), Creator: "manualforge" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  cover(doc, m);
  doc.addPage();
  partsTable(doc, m);
  doc.addPage();
  heading(doc, "Assembly steps");
  if (!m.steps.length) {
    doc.font("Helvetica-Oblique").fontSize(11).fillColor(MUTED).text("No matched parts, so no assembly steps.", MARGIN);
  }
  for (const s of m.steps) {
    step(doc, s);
    onStep?.(s.number, m.steps.length);
  }
  bulletList(doc, "Notes", m.notes, "No notes on the drawing.");
  bulletList(doc, "Warnings", m.warnings, "None.", "#8a4b00");
  footers(doc, m.cover.title);
  doc.end();
  return done;
}
