// Renders a DocSpec as a drawing-like PDF with pdfkit: frame, title block, decoys (revision
// table, notes, balloons, dimension text) and the parts list. Deterministic byte for byte.
// All drawing happens in "sheet" coordinates: the landscape sheet as displayed, y down.
import fs from "node:fs";
import PDFDocument from "pdfkit";
import { CJK_FONT_FAMILY, CJK_FONT_PATH } from "./fonts.js";
import { drawTable, tableSheets } from "./render-table.js";
import { MARGIN, SHEET_H, SHEET_W, TB_H, TB_W, text, type Doc, type Fonts } from "./sheet.js";
import type { DocSpec, Lang } from "./types.js";

let cjkBytes: Buffer | undefined;

export function renderDoc(spec: DocSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: {
      CreationDate: new Date(Date.UTC(2024, 0, 1)),
      ModDate: new Date(Date.UTC(2024, 0, 1)),
      Title: spec.id,
      Producer: "manualforge bom corpus",
      Creator: "manualforge bom corpus",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const fonts: Fonts = { regular: "Helvetica", bold: "Helvetica-Bold" };
  if (spec.lang === "zh") {
    // Read once per process: the TTC is large and every Chinese document embeds a subset.
    cjkBytes ??= fs.readFileSync(CJK_FONT_PATH);
    doc.registerFont("cjk", cjkBytes, CJK_FONT_FAMILY);
    fonts.regular = fonts.bold = "cjk";
  }
  const sheets = tableSheets(spec);
  sheets.forEach((parts, s) => {
    const rotated = spec.pageRotate || spec.contentRotate;
    doc.addPage({ size: rotated ? [SHEET_H, SHEET_W] : [SHEET_W, SHEET_H], margin: 0 });
    if (spec.pageRotate) {
      // pdfkit has no API for /Rotate; its typings omit the key.
      (doc.page.dictionary.data as Record<string, unknown>).Rotate = 90;
      doc.transform(0, -1, 1, 0, 0, SHEET_W);
    } else if (spec.contentRotate === 90) doc.transform(0, -1, 1, 0, 0, SHEET_W);
    else if (spec.contentRotate === 270) doc.transform(0, 1, -1, 0, SHEET_H, 0);
    drawSheet(doc, spec, fonts, s, sheets.length);
    drawTable(doc, spec, fonts, parts, s);
  });
  doc.end();
  return done;
}

const TITLE: Record<Lang, [string, string][]> = {
  en: [
    ["TITLE", "Gear unit"],
    ["DWG NO", "GU-2024-001"],
    ["SCALE", "1:2"],
    ["DRAWN", "J. Doe"],
  ],
  de: [
    ["Benennung der Zeichnung", "Getriebe"],
    ["Zeichnungsnr.", "4711-000"],
    ["Maßstab", "1:5"],
    ["Gezeichnet", "M. Muster"],
  ],
  zh: [
    ["图样名称", "减速器"],
    ["图号", "JS-01-000"],
    ["材料 数量 比例", "HT200 1 1:2"],
    ["制图", "张三"],
  ],
};

function drawSheet(doc: Doc, spec: DocSpec, f: Fonts, s: number, sheets: number): void {
  doc
    .lineWidth(1.2)
    .rect(MARGIN, MARGIN, SHEET_W - 2 * MARGIN, SHEET_H - 2 * MARGIN)
    .stroke();
  // Title block, bottom right.
  const x = SHEET_W - MARGIN - TB_W;
  const top = SHEET_H - MARGIN - TB_H;
  const rows = [...TITLE[spec.lang], [sheetLabel(spec.lang), `${s + 1} / ${sheets}`] as [string, string]];
  const rh = TB_H / rows.length;
  doc.lineWidth(0.8);
  rows.forEach(([label, value], i) => {
    doc.rect(x, top + i * rh, 130, rh).stroke();
    doc.rect(x + 130, top + i * rh, TB_W - 130, rh).stroke();
    text(doc, f.regular, label, x + 4, top + i * rh + 6, 8);
    text(doc, f.bold, value, x + 136, top + i * rh + 4, 11);
  });
  if (spec.pageFooters) {
    text(doc, f.regular, `${sheetLabel(spec.lang)} ${s + 1} / ${sheets} - ACME Drives`, x, SHEET_H - 14, 8);
    text(doc, f.regular, s ? "Parts list continued" : "Parts list", x, 8, 8);
  }
  if (s > 0) return;
  if (spec.decoys.includes("revision")) drawRevision(doc, spec.lang, f);
  if (spec.decoys.includes("notes")) drawNotes(doc, spec.lang, f);
  if (spec.decoys.includes("balloons")) drawBalloons(doc, f);
  if (spec.decoys.includes("dimensions")) drawDimensions(doc, f);
}

function sheetLabel(lang: Lang): string {
  return lang === "de" ? "Blatt" : lang === "zh" ? "张次" : "SHEET";
}

const REVISION: Record<Lang, string[][]> = {
  en: [
    ["NO.", "DESCRIPTION", "DATE", "BY"],
    ["1", "Initial release", "2024-01-15", "JD"],
    ["2", "Hole 8 was 6", "2024-03-02", "MK"],
  ],
  de: [
    ["Index", "Änderung", "Datum", "Name"],
    ["a", "Erstausgabe", "15.01.2024", "MM"],
    ["b", "Bohrung geändert", "02.03.2024", "KS"],
  ],
  zh: [
    ["标记", "处数", "更改文件号", "日期"],
    ["A", "2", "GH-001", "2024-01-15"],
    ["B", "1", "GH-002", "2024-03-02"],
  ],
};

/** Revision table, top right: titled columns and numbered rows, but not a parts list. */
function drawRevision(doc: Doc, lang: Lang, f: Fonts): void {
  const widths = [40, 170, 80, 50];
  const x0 = SHEET_W - MARGIN - widths.reduce((a, b) => a + b, 0);
  REVISION[lang].forEach((row, r) => {
    let x = x0;
    row.forEach((cell, c) => {
      doc
        .lineWidth(0.6)
        .rect(x, MARGIN + r * 16, widths[c], 16)
        .stroke();
      text(doc, r ? f.regular : f.bold, cell, x + 3, MARGIN + r * 16 + 4, 8);
      x += widths[c];
    });
  });
}

const NOTES: Record<Lang, string[]> = {
  en: ["NOTES:", "1. Break all sharp edges 0.5 x 45.", "2. Tightening torque M8: 25 Nm.", "3. Fill 0,5 l gear oil."],
  de: ["Hinweise:", "1. Nicht bemaßte Radien R2.", "2. Anzugsmoment M10: 49 Nm.", "3. Allgemeintoleranz ISO 2768-m."],
  zh: ["技术要求", "1. 未注倒角C1。", "2. 装配前清洗所有零件。", "3. 加注润滑油 0,8 L。"],
};

function drawNotes(doc: Doc, lang: Lang, f: Fonts): void {
  NOTES[lang].forEach((line, i) => text(doc, i ? f.regular : f.bold, line, 40, SHEET_H - 150 + i * 15, i ? 10 : 11));
}

/** Item balloons around a view: numbers like item numbers that must not become rows. */
function drawBalloons(doc: Doc, f: Fonts): void {
  doc.lineWidth(1).rect(120, 260, 320, 200).stroke();
  for (let i = 0; i < 8; i++) {
    const cx = 130 + i * 40;
    doc.lineWidth(0.7).circle(cx, 500, 10).stroke();
    doc
      .moveTo(cx, 490)
      .lineTo(cx + 10, 440)
      .stroke();
    text(doc, f.regular, String(i + 1), cx - 3, 496, 9);
  }
}

function drawDimensions(doc: Doc, f: Fonts): void {
  doc.lineWidth(0.5).moveTo(120, 230).lineTo(440, 230).stroke();
  text(doc, f.regular, "320", 270, 218, 9);
  doc.moveTo(470, 260).lineTo(470, 460).stroke();
  text(doc, f.regular, "200", 474, 355, 9);
  text(doc, f.regular, "Ø52 H7", 240, 340, 9);
  text(doc, f.regular, "4x M8", 380, 300, 9);
}
