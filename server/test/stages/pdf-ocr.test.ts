// OCR in PDF_BOM: the FreeCAD drawing whose table is drawn as vector outlines read exactly,
// and the child-process plumbing OCR depends on (typed failures, deadline, cancellation).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPdfBom } from "../../src/stages/pdf-bom/index.js";
import { run } from "../../src/stages/pdf-ocr/child.js";
import { parseTsv } from "../../src/stages/pdf-ocr/tesseract.js";
import { StageError, type Reporter } from "../../src/stages/types.js";
import { REALWORLD_DIR } from "../support/realworld.js";
import { hasOcrTools } from "../support/ocr-tools.js";

const FREECAD = path.join(REALWORLD_DIR, "freecad-spool-holder-assembly.pdf");
const hasTools = hasOcrTools;
if (!hasTools) console.warn("[skip] tesseract or pdftoppm not installed: OCR tests are skipped");
if (!fs.existsSync(FREECAD)) console.warn(`[skip] ${FREECAD} not found: the outlined-text drawing test is skipped`);

const OCR = { maxPages: 10, maxPixels: 36_000_000, timeoutMs: 120_000 };

function recorder() {
  const stages: string[] = [];
  const logs: string[] = [];
  const reporter: Reporter = { stage: (_p, m) => stages.push(m), log: (_l, m) => logs.push(m) };
  return { reporter, stages, logs };
}

describe("PDF_BOM OCR", () => {
  it.skipIf(!hasTools || !fs.existsSync(FREECAD))(
    "reads the outlined-text FreeCAD parts list exactly, rows marked OCR with cell confidences",
    async () => {
      const rec = recorder();
      const r = await runPdfBom({ pdfPath: FREECAD, ocr: OCR }, rec.reporter);
      expect(r.rows.map((x) => [x.item, x.name, x.quantity])).toEqual([
        ["1", "Base Plate", 1],
        ["2", "Side Plate", 2],
        ["3", "M8x120mm Socket Head Cap Screw", 1],
        ["4", "M8 Shear-Loc Knob", 1],
        ["5", "M8 Shear-Loc Nut", 1],
      ]);
      for (const row of r.rows) {
        expect(row.source).toBe("OCR");
        for (const c of row.columns ?? []) expect(c.confidence).toBeGreaterThan(0.6);
      }
      expect(r.ocr?.pages).toEqual([1]);
      expect(r.columns?.map((c) => c.field)).toEqual(["item", "name", "quantity"]);
      // Progress per page and per table region.
      expect(rec.stages.some((m) => /^OCR page 1\/1/.test(m))).toBe(true);
      expect(rec.stages.some((m) => /table region 1\/1/.test(m))).toBe(true);
    },
  );

  it("parses tesseract TSV word rows with confidences 0..1", () => {
    const tsv = [
      "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
      "4\t1\t1\t1\t1\t0\t10\t20\t300\t30\t-1\t",
      "5\t1\t1\t1\t1\t1\t10\t20\t50\t30\t96.5\tQty.",
      "5\t1\t1\t1\t1\t2\t70\t20\t5\t30\t12\t ",
    ].join("\n");
    expect(parseTsv(tsv)).toEqual([{ text: "Qty.", left: 10, top: 20, width: 50, height: 30, conf: 0.97, line: "1.1.1.1" }]);
  });

  it("a missing tool is a typed failure, not a crash", async () => {
    const err = await run("manualforge-no-such-tool", [], { deadline: Date.now() + 5000 }, "PDF_RENDER_FAILED").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StageError);
    expect((err as StageError).code).toBe("PDF_RENDER_FAILED");
    expect((err as StageError).message).toMatch(/not installed/);
  });

  it("kills a child at the stage deadline and on cancellation", async () => {
    const t0 = Date.now();
    const late = await run("sleep", ["30"], { deadline: Date.now() + 200 }, "OCR_FAILED").catch((e: unknown) => e);
    expect((late as StageError).code).toBe("OCR_TIMEOUT");
    const ac = new AbortController();
    const p = run("sleep", ["30"], { deadline: Date.now() + 60_000, signal: ac.signal }, "OCR_FAILED").catch((e: unknown) => e);
    ac.abort();
    expect(((await p) as StageError).code).toBe("CANCELLED");
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
