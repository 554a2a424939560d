import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPdfDeep } from "../../src/stages/pdf-deep/index.js";
import type { LogLevel, Reporter } from "../../src/stages/types.js";
import { makeBomPdf } from "../support/make-bom-pdf.js";

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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-deep-test-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROWS = [
  { item: "1", partNumber: "P-1", name: "plate", quantity: 1, material: "Steel" },
  { item: "2", partNumber: "P-2", name: "l-bracket", quantity: 2 },
];

describe("PDF_DEEP on generated drawings", () => {
  it("returns pages, title block fields and notes", async () => {
    const file = path.join(dir, "drawing.pdf");
    fs.writeFileSync(file, await makeBomPdf({ title: "Bracket assembly", drawingNumber: "BR-100", rows: ROWS, extraPages: 1 }));
    const rec = recorder();
    const result = await runPdfDeep({ pdfPath: file }, rec.reporter);

    expect(result.pageCount).toBe(2);
    expect(result.pages.map((p) => [p.number, Math.round(p.width), Math.round(p.height), p.rotation])).toEqual([
      [1, 1191, 842, 0],
      [2, 1191, 842, 0],
    ]);
    expect(result.pages[0].text).toContain("NOTES:");
    expect(result.pages[0].text).toContain("1. Break all sharp edges.");
    expect(result.pages[1].text).toContain("DETAIL A");
    expect(result.titleBlock).toEqual({
      title: "Bracket assembly",
      drawingNumber: "BR-100",
      revision: "B",
      date: "2024-01-15",
      fields: { SHEET: "1 / 2" },
    });
    expect(result.notes).toEqual(["Break all sharp edges.", "Remove all burrs."]);
    expect(rec.stages.length).toBeGreaterThanOrEqual(3);
    expect(rec.stages.at(-1)?.percent).toBe(100);
  });

  it("ignores a parts-list header (ITEM | NAME …) when the table sits on the title block", async () => {
    const file = path.join(dir, "iso.pdf");
    fs.writeFileSync(file, await makeBomPdf({ title: "Frame", drawingNumber: "FR-7", rows: ROWS, headerAtBottom: true }));
    const result = await runPdfDeep({ pdfPath: file }, recorder().reporter);
    expect(result.titleBlock.title).toBe("Frame");
    expect(result.titleBlock.drawingNumber).toBe("FR-7");
    expect(result.titleBlock.fields).toEqual({ SHEET: "1 / 1" });
  });

  it("swaps width and height for rotated pages and never throws on sheets without a title block", async () => {
    const doc = new PDFDocument({ size: "A4", info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
    doc.fontSize(12).text("Just some text", 60, 60);
    // pdfkit has no rotation option: set /Rotate on the page dictionary directly.
    (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.Rotate = 90;
    doc.end();
    const file = path.join(dir, "rotated.pdf");
    fs.writeFileSync(file, await done);

    const result = await runPdfDeep({ pdfPath: file }, recorder().reporter);
    expect(result.pages[0].rotation).toBe(90);
    expect(Math.round(result.pages[0].width)).toBe(842);
    expect(Math.round(result.pages[0].height)).toBe(595);
    expect(result.pages[0].text).toBe("Just some text");
    expect(result.titleBlock).toEqual({ title: null, drawingNumber: null, revision: null, date: null, fields: {} });
    expect(result.notes).toEqual([]);
  });
});

describe.skipIf(!fs.existsSync(fixturePath))("PDF_DEEP on the Inventor gearbox drawing (skipped: /work/shared/fixtures not present)", () => {
  it("reads the labelled title block cells", async () => {
    const result = await runPdfDeep({ pdfPath: fixturePath }, recorder().reporter);
    expect(result.pageCount).toBe(1);
    expect(result.pages[0]).toMatchObject({ width: 1191, height: 842, rotation: 0 });
    expect(result.pages[0].text).toContain("ITEM  QTY  PART NUMBER  DESCRIPTION");
    expect(result.titleBlock.date).toBe("30/5/2023");
    expect(result.titleBlock.fields).toMatchObject({ "Approved by": "erno baka", Sheet: "1", Edition: "1" });
    expect(result.notes).toEqual([]);
  });
});
