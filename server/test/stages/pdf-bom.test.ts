import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPdfBom } from "../../src/stages/pdf-bom/index.js";
import { matchHeaderField } from "../../src/stages/pdf-bom/header-synonyms.js";
import { isItemLike, parseQuantity } from "../../src/stages/pdf-bom/values.js";
import { StageError, type BomRow, type LogLevel, type Reporter } from "../../src/stages/types.js";
import { makeBomPdf, type BomPdfRow } from "../support/make-bom-pdf.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const fixturePath = path.resolve(repoRoot, "../shared/fixtures/pdf/gearbox-assembly-drawing.pdf");

function recorder() {
  const stages: { percent: number; message: string }[] = [];
  const logs: { level: LogLevel; message: string }[] = [];
  const reporter: Reporter = {
    stage: (percent, message) => void stages.push({ percent, message }),
    log: (level, message) => void logs.push({ level, message }),
  };
  return { reporter, stages, logs };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-bom-test-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function writePdf(name: string, data: Buffer | Promise<Buffer>): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, await data);
  return file;
}

/** A pdfkit document rendered to a buffer, for the odd cases makeBomPdf does not draw. */
function pdfkitPdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

const ROWS: BomPdfRow[] = [
  { item: "1", partNumber: "AS1-001", name: "plate", quantity: 1, material: "Steel" },
  { item: "2", partNumber: "AS1-002", name: "l-bracket", quantity: 2, material: "Aluminium" },
  { item: "3", partNumber: "ISO 4017 M8x20", name: "bolt", quantity: 6, material: "Steel 8.8" },
  { item: "4", partNumber: "ISO 4032 M8", name: "nut", quantity: 8, material: "Steel" },
  { item: "5", partNumber: "AS1-005", name: "rod\nthreaded both ends", quantity: 1 },
];

/** What the stage should return for ROWS (multi-line name joined with a space). */
const EXPECTED = ROWS.map((r) => ({
  item: r.item,
  partNumber: r.partNumber ?? null,
  name: r.name.replace(/\n/g, " "),
  description: null,
  quantity: r.quantity,
  unit: null,
  material: r.material ?? null,
  note: null,
}));

/** The typed fields this file checks (the printed cells, sections and source are checked elsewhere). */
function strip(rows: BomRow[]) {
  return rows.map(({ item, partNumber, name, description, quantity, unit, material, note }) => ({
    item,
    partNumber,
    name,
    description,
    quantity,
    unit,
    material,
    note,
  }));
}

describe("PDF_BOM on generated drawings", () => {
  it("reads a parts list with the header at the top, ignoring balloons, dimensions and notes", async () => {
    const file = await writePdf("top.pdf", makeBomPdf({ title: "AS1", drawingNumber: "AS1-000", rows: ROWS }));
    const rec = recorder();
    const result = await runPdfBom({ pdfPath: file }, rec.reporter);

    expect(strip(result.rows)).toEqual(EXPECTED);
    expect(result.page).toBe(1);
    expect(result.warnings).toEqual([]);
    expect(result.headerMap).toEqual({
      ITEM: "item",
      "PART NUMBER": "partNumber",
      NAME: "name",
      QTY: "quantity",
      MATERIAL: "material",
    });
    for (const row of result.rows) {
      expect(row.page).toBe(1);
      expect(row.confidence).toBe(1);
      const [x0, y0, x1, y1] = row.bbox;
      expect(x1).toBeGreaterThan(x0);
      expect(y1).toBeGreaterThan(y0);
    }
    // Header at the top: row 1 is the highest on the sheet (PDF y grows upwards).
    expect(result.rows[0].bbox[1]).toBeGreaterThan(result.rows[1].bbox[1]);
    // Several progress calls, ending at 100, and a log naming the header page.
    expect(rec.stages.length).toBeGreaterThanOrEqual(3);
    expect(rec.stages.at(-1)?.percent).toBe(100);
    expect(rec.logs.some((l) => l.level === "INFO" && /header found on page 1/.test(l.message))).toBe(true);
  });

  it("reads an ISO-style parts list with the header at the bottom (item 1 next to the header)", async () => {
    const file = await writePdf("bottom.pdf", makeBomPdf({ rows: ROWS, headerAtBottom: true, extraPages: 1 }));
    const result = await runPdfBom({ pdfPath: file }, recorder().reporter);
    expect(strip(result.rows)).toEqual(EXPECTED);
    expect(result.rows[0].bbox[1]).toBeLessThan(result.rows[1].bbox[1]);
    expect(result.page).toBe(1);
  });

  it("continues the list on the next page when the header repeats", async () => {
    const file = await writePdf("multi.pdf", makeBomPdf({ rows: ROWS, rowsPerPage: 3 }));
    const rec = recorder();
    const result = await runPdfBom({ pdfPath: file }, rec.reporter);
    expect(strip(result.rows)).toEqual(EXPECTED);
    expect(result.rows.map((r) => r.page)).toEqual([1, 1, 1, 2, 2]);
    expect(rec.logs.some((l) => /continues on page 2/.test(l.message))).toBe(true);
  });

  it("generates byte-identical PDFs for the same input", async () => {
    const a = await makeBomPdf({ rows: ROWS });
    const b = await makeBomPdf({ rows: ROWS });
    expect(a.equals(b)).toBe(true);
  });

  it("fails with NO_TEXT_LAYER when no page has any text", async () => {
    const file = await writePdf(
      "no-text.pdf",
      pdfkitPdf((doc) => doc.rect(50, 50, 300, 200).stroke()),
    );
    const err = await runPdfBom({ pdfPath: file }, recorder().reporter).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StageError);
    expect((err as StageError).code).toBe("NO_TEXT_LAYER");
  });

  it("returns no rows and a warning when there is text but no parts list", async () => {
    const file = await writePdf(
      "no-bom.pdf",
      pdfkitPdf((doc) => {
        doc.fontSize(12).text("NOTES: 1. Break all sharp edges.", 50, 50);
        doc.text("ITEM 12 is not a header", 50, 80);
      }),
    );
    const rec = recorder();
    const result = await runPdfBom({ pdfPath: file }, rec.reporter);
    expect(result.rows).toEqual([]);
    expect(result.page).toBeNull();
    expect(result.notices?.map((n) => n.code)).toEqual(["BOM_NOT_FOUND"]);
    // The user reads what was looked for, as a warning and as a WARN event.
    expect(result.warnings[0]).toMatch(/No parts list found on 1 page\(s\): looked for a header row/);
    expect(rec.logs.filter((l) => l.level === "WARN").map((l) => l.message)).toEqual(result.warnings);
  });
});

describe("PDF_BOM value helpers", () => {
  it("parses quantities with decimal commas and unit suffixes", () => {
    expect(parseQuantity("4")).toEqual({ value: 4, unit: null });
    expect(parseQuantity("0,5")).toEqual({ value: 0.5, unit: null });
    expect(parseQuantity("2 pcs")).toEqual({ value: 2, unit: "pcs" });
    expect(parseQuantity("2 Stk.")).toEqual({ value: 2, unit: "pcs" });
    expect(parseQuantity("1.5 m")).toEqual({ value: 1.5, unit: "m" });
    expect(parseQuantity("A/R")).toEqual({ value: null, unit: null });
  });

  it("matches header synonyms regardless of case, spacing, punctuation and width", () => {
    expect(matchHeaderField("Qty.")).toBe("quantity");
    expect(matchHeaderField("ＱＴＹ")).toBe("quantity");
    expect(matchHeaderField("Part No.")).toBe("partNumber");
    expect(matchHeaderField("P/N")).toBe("partNumber");
    expect(matchHeaderField("Pos.")).toBe("item");
    expect(matchHeaderField("序号")).toBe("item");
    expect(matchHeaderField("Werkstoff")).toBe("material");
    expect(matchHeaderField("Gearbox")).toBeNull();
  });

  it("recognises item numbers as printed", () => {
    for (const s of ["1", "12", "1.2", "3a", "A"]) expect(isItemLike(s)).toBe(true);
    for (const s of ["Designed by", "TITLE", "12345678"]) expect(isItemLike(s)).toBe(false);
  });
});

describe.skipIf(!fs.existsSync(fixturePath))("PDF_BOM on the Inventor gearbox drawing (skipped: /work/shared/fixtures not present)", () => {
  it("reads all 11 rows of the PARTS LIST, joining multi-line descriptions", async () => {
    const result = await runPdfBom({ pdfPath: fixturePath }, recorder().reporter);
    // DESCRIPTION is the rows' name: the table has no NAME column.
    const rows = result.rows.map((r) => [r.item, r.quantity, r.partNumber, r.name]);
    expect(rows).toEqual([
      ["1", 1, "shaft", null],
      ["2", 20, "ISO 4162 - M12 x 45", "Hexagon flange bolts - Small Series"],
      ["3", 1, "43004700", "MAE-DNM-SM/I-B3-4/PO LIG-Standard Three-Phase Motors SM/I, Model B3, 4-polig, approx. 1500 1/min."],
      ["4", 1, "fan", null],
      ["5", 2, "SKF_SY 35 TDW", "AYP_001_HC_HH_HY-AY L_001_HP-Y-bearing plummer block units"],
      ["6", 1, "base 2", null],
      ["7", 24, "ISO 4161 - M12", "Hexagon nuts with flange-coarse thread"],
      ["8", 1, "retaining ring", null],
      ["9", 2, "key tapered pushing", "to fix belt pulleys"],
      ["10", 1, "g500-H1500_1", "STEP AP214"],
      ["11", 4, "ISO 4162 - M12 x 70", "Hexagon flange bolts - Small Series"],
    ]);
    expect(result.headerMap).toEqual({
      ITEM: "item",
      QTY: "quantity",
      "PART NUMBER": "partNumber",
      DESCRIPTION: "name",
    });
    expect(result.page).toBe(1);
    expect(result.warnings).toEqual([]);
    expect(result.rows.every((r) => r.description === null && r.material === null && r.confidence === 1)).toBe(true);
  });
});
