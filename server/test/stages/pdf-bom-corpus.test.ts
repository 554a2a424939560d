// PDF_BOM over the generated corpus (one document per case of the BOM issue): exact rows
// against each document's truth, plus provenance (page, bbox, confidence, header mapping).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPdfBom } from "../../src/stages/pdf-bom/index.js";
import { openRaw, readRulings, withPdf } from "../../src/stages/pdf-text/index.js";
import type { BomRow, Reporter } from "../../src/stages/types.js";
import { CJK_FONT_PATH, CORPUS, hasCjkFont, writeDoc, type DocSpec } from "../support/bom-corpus/index.js";

const quiet: Reporter = { stage() {}, log() {} };
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-bom-corpus-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const strip = (rows: BomRow[]) =>
  rows.map(({ item, partNumber, name, description, quantity, unit, material, note, page }) => ({
    item,
    partNumber,
    name,
    description,
    quantity,
    unit,
    material,
    note,
    page,
  }));

async function check(spec: DocSpec) {
  const doc = await writeDoc(spec, dir);
  const result = await runPdfBom({ pdfPath: doc.file }, quiet);
  expect(strip(result.rows)).toEqual(doc.truth.rows);
  expect(result.page).toBe(doc.truth.page);
  expect(result.warnings).toEqual([]);
  // The header mapping names every mapped column of the spec.
  const fields = spec.columns.flatMap((c) => (c.field ? [c.field] : []));
  const described = !fields.includes("name") ? fields.map((f) => (f === "description" ? "name" : f)) : fields;
  expect(Object.values(result.headerMap).sort()).toEqual(described.sort());
  for (const r of result.rows) {
    expect(r.confidence).toBe(1);
    const [x0, y0, x1, y1] = r.bbox;
    expect(x1 - x0).toBeGreaterThan(5);
    expect(y1 - y0).toBeGreaterThan(5);
  }
  return result;
}

const latin = CORPUS.filter((s) => s.lang !== "zh");
const chinese = CORPUS.filter((s) => s.lang === "zh");

describe("PDF_BOM on the generated corpus (EN/DE)", () => {
  it.each(latin.map((s) => [s.id, s.about, s] as const))("%s: %s", async (_id, _about, spec) => {
    await check(spec);
  });

  it("gives ISO tables ascending items with item 1 lowest on the sheet", async () => {
    const spec = CORPUS.find((s) => s.id === "en-bottom-ruled")!;
    const result = await check(spec);
    expect(result.rows[0].bbox[1]).toBeLessThan(result.rows[1].bbox[1]);
  });

  it("maps row boxes of a /Rotate 90 sheet back to PDF user space (portrait page)", async () => {
    const result = await check(CORPUS.find((s) => s.id === "en-rotate90")!);
    // Stored portrait (842 wide): every box lies inside it; rows run along x after rotation.
    for (const r of result.rows) expect(r.bbox[2]).toBeLessThanOrEqual(842);
    expect(result.rows[1].bbox[0]).not.toBe(result.rows[0].bbox[0]);
  });
});

describe.skipIf(!hasCjkFont())(`PDF_BOM on the generated corpus (ZH; skipped: ${CJK_FONT_PATH} not installed)`, () => {
  it.each(chinese.map((s) => [s.id, s.about, s] as const))("%s: %s", async (_id, _about, spec) => {
    const result = await check(spec);
    if (spec.id === "zh-twoline-bottom") expect(result.headerMap["序号 NO."]).toBe("item");
  });
});

describe("ruling lines", () => {
  it("reads the same rules from the content stream as from pdfjs' operator list", async () => {
    const doc = await writeDoc(
      CORPUS.find((s) => s.id === "de-top-ruled")!,
      dir,
    );
    await withPdf(doc.file, async (pdf, bytes) => {
      const raw = openRaw(bytes, pdf.numPages);
      expect(raw).not.toBeNull();
      const page = await pdf.getPage(1);
      const fast = await readRulings(page, 1, raw);
      const slow = await readRulings(page, 1, null);
      const round = (r: typeof fast) => JSON.stringify(r, (_k, v: unknown) => (typeof v === "number" ? Math.round(v) : v));
      expect(fast.h.length).toBeGreaterThan(10);
      expect(round(fast)).toBe(round(slow));
    });
  });
});
