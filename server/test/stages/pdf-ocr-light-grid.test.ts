// Scans of spreadsheet exports: grids printed light grey (no pixel of them darker than the
// paper's grain once scanned) are found as ruling lines, and a table that goes on over the next
// page without repeating its header is read on as a continuation with page 1's columns.
// Also: a drawing line crossing a cell is not read into the cell's value.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPdfBom } from "../../src/stages/pdf-bom/index.js";
import { findRules } from "../../src/stages/pdf-ocr/image-rules.js";
import { dropDrawingStrokes } from "../../src/stages/pdf-ocr/ocr-page.js";
import { grids } from "../../src/stages/pdf-ocr/regions.js";
import type { OcrWord } from "../../src/stages/pdf-ocr/tesseract.js";
import { makeScan } from "../support/make-scan.js";
import { sheetTablePdf } from "../support/sheet-table-pdf.js";
import { hasOcrTools } from "../support/ocr-tools.js";

const hasTools = hasOcrTools;
if (!hasTools) console.warn("[skip] tesseract or pdftoppm not installed: the scanned light-grid table test is skipped");

/** Seeded grain of ±24 gray levels on paper at 248, as make-scan adds. */
function paper(width: number, height: number, seed = 5) {
  let a = seed;
  const rand = () => ((a = (a * 1103515245 + 12345) >>> 0) >>> 8) / (1 << 24);
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.round(248 + (rand() * 2 - 1) * 24));
  return { width, height, data };
}

describe("OCR of light-grey grids", () => {
  it("finds rules printed light grey under scanner grain, and takes no line of dark text for one", () => {
    const img = paper(800, 600);
    const set = (x: number, y: number, v: number) => (img.data[y * img.width + x] = Math.min(img.data[y * img.width + x], v));
    // Grid: rows every 60 px, columns at 100, 500 and 700; gray 222 (grain spans 224..255).
    for (let y = 100; y <= 520; y += 60) for (let x = 100; x <= 700; x++) for (let t = 0; t < 2; t++) set(x, y + t, 222 + (x % 7));
    for (const x of [100, 500, 700]) for (let y = 100; y <= 520; y++) for (let t = 0; t < 2; t++) set(x + t, y, 222 + (y % 7));
    // Dark "text": vertical strokes every 6 px through a 20 px high line in each cell.
    for (let y = 120; y < 500; y += 60) for (let x = 120; x < 480; x += 6) for (let k = 0; k < 20; k++) (set(x, y + k, 20), set(x + 1, y + k, 20));
    // A long dashed stroke of ink (underscores) 4 px above one grid line: the line runs on under it.
    for (let x = 200; x < 400; x += 10) for (let k = 0; k < 8; k++) (set(x + k, 274, 20), set(x + k, 275, 20));
    const plain = findRules(img, 90, 8, 1);
    expect(plain.h.length + plain.v.length).toBe(0); // the old dark-only test sees nothing
    const r = findRules(img, 90, 8, 1, 30);
    const near = (got: number[], want: number[]) => got.length === want.length && got.every((c, i) => Math.abs(c - want[i]) <= 1.5);
    const rows = r.h.filter((l) => l.b - l.a > 500).map((l) => l.c);
    expect(near(rows, [100, 160, 220, 280, 340, 400, 460, 520]), `rows at ${rows.join(", ")}`).toBe(true);
    const cols = r.v.filter((l) => l.b - l.a > 400).map((l) => l.c);
    expect(near(cols, [100, 500, 700]), `columns at ${cols.join(", ")}`).toBe(true);
    // No rule inside a text line (120..140, 180..200, …).
    const inText = r.h.filter((l) => (l.c - 100) % 60 > 5 && (l.c - 100) % 60 < 55);
    expect(inText, JSON.stringify(inText)).toEqual([]);
  });

  it("keeps a table's long rules away from the sheet's edges, and drops a frame's", () => {
    const rule = (c: number, a: number, b: number) => ({ c, a, b, t: 2 });
    // A tall table in the middle of a 1000x1000 sheet: its column rules run 80% of the height.
    const table = { h: [rule(100, 300, 700), rule(500, 300, 700), rule(900, 300, 700)], v: [rule(300, 100, 900), rule(700, 100, 900)] };
    expect(grids(table, 1000, 1000, 3)).toHaveLength(1);
    // A frame near the edges joined to a small corner table would swallow the sheet.
    const frame = {
      h: [rule(20, 20, 980), rule(980, 20, 980), rule(800, 700, 980), rule(900, 700, 980)],
      v: [rule(20, 20, 980), rule(980, 20, 980), rule(700, 800, 980)],
    };
    const g = grids(frame, 1000, 1000, 3);
    expect(g.every((x) => x.box[0] >= 690)).toBe(true);
  });

  it("drops a drawing's line crossing a cell, alone or glued to the value (that word then flagged)", () => {
    const w = (text: string, height: number, conf = 0.9): OcrWord => ({ text, left: 0, top: 0, width: 10 * text.length, height, conf, line: "1" });
    expect(dropDrawingStrokes([w("15", 44), w("01_02_15-screw", 60), w("2", 44), w("/", 73)]).map((x) => x.text)).toEqual([
      "15",
      "01_02_15-screw",
      "2",
    ]);
    const glued = dropDrawingStrokes([w("17", 44), w("4!", 55, 0.66)]);
    expect(glued.map((x) => [x.text, x.conf < 0.6])).toEqual([
      ["17", false],
      ["4", true],
    ]);
    // A "/" as tall as the text is text (M5 / M6), and so is a value with a "!" of text height.
    expect(dropDrawingStrokes([w("M5", 44), w("/", 46), w("M6", 44), w("4!", 44)]).map((x) => x.text)).toEqual(["M5", "/", "M6", "4!"]);
  });

  it.skipIf(!hasTools)(
    "reads a scanned two-page table in a light grey grid, its header on page 1 only",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ocr-light-grid-"));
      try {
        const src = path.join(dir, "sheet.pdf");
        const page1: [string, string][] = [
          ["Frame extrusion 540mm", "8"],
          ["Corner bracket", "4"],
          ["Sliding nut M5", "25"],
          ["Screw M5 12mm", "30"],
        ];
        const page2: [string, string][] = [
          ["Belt idler 10mm", "3"],
          ["Pulley GT2 20T", "2"],
          ["Linear rail 600mm", "3"],
          ["Nut M3", "16"],
        ];
        fs.writeFileSync(
          src,
          await sheetTablePdf({
            columns: [
              { title: "Description", width: 160 },
              { title: "Quantity", width: 70 },
            ],
            pages: [page1, page2],
            grid: true,
            gridColor: "#d0d0d0",
          }),
        );
        const scan = path.join(dir, "scan.pdf");
        fs.writeFileSync(scan, makeScan(src, { dpi: 200, degrees: 0.5, seed: 3 }));
        // 200 dpi on A4 (about 3.9 Mpx a page) keeps the test fast; 9 pt print reads well at it.
        const r = await runPdfBom({ pdfPath: scan, ocr: { maxPages: 4, maxPixels: 4_000_000, timeoutMs: 120_000 } }, { stage() {}, log() {} });
        expect(r.rows.map((x) => [x.name, x.quantity])).toEqual([...page1, ...page2].map(([n, q]) => [n, Number(q)]));
        expect(r.ocr?.pages).toEqual([1, 2]);
        expect(r.rows.every((x) => x.source === "OCR")).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
