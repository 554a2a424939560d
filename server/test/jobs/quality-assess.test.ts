// The assessment rules on hand-made stage results: which warnings, which severity, which figures.
import { describe, expect, it } from "vitest";
import { assessQuality, bomWarnings, matchingWarnings } from "../../src/jobs/quality/assess.js";
import { needsReview } from "../../src/jobs/quality/warning-types.js";
import type { BomMatch, BomResult, BomRow, MatchingResult, StepPart, StepResult } from "../../src/stages/types.js";

const row = (i: number, quantity: number | null = 1): BomRow => ({
  item: String(i + 1),
  partNumber: null,
  name: `part${i}`,
  description: null,
  quantity,
  unit: null,
  material: null,
  note: null,
  page: 1,
  bbox: [0, 0, 1, 1],
  confidence: 1,
});
const bom = (n: number, extra: Partial<BomResult> = {}): BomResult => ({
  rows: Array.from({ length: n }, (_, i) => row(i)),
  headerMap: {},
  page: n ? 1 : null,
  warnings: [],
  notices: [],
  ...extra,
});
const part = (i: number): StepPart => ({ name: `p${i}`, instanceCount: 1, bbox: { min: [0, 0, 0], max: [1, 1, 1] }, triangleCount: 12, color: null });
const step = (n: number): StepResult => ({
  tree: { name: "root", partIndex: null, children: [] },
  parts: Array.from({ length: n }, (_, i) => part(i)),
  instanceCount: n,
  meshFile: "",
});

/** `matched` rows match parts 0..matched-1; `badQty` of them with a wrong quantity. */
function matching(rows: number, parts: number, matched: number, badQty = 0): MatchingResult {
  const matches: BomMatch[] = Array.from({ length: rows }, (_, i) => {
    const hit = i < matched;
    const ok = i >= badQty;
    return {
      bomIndex: i,
      partIndex: hit ? i : null,
      confidence: hit ? 1 : 0,
      reason: "",
      bomQuantity: 1,
      cadQuantity: hit ? (ok ? 1 : 3) : null,
      quantityOk: !hit || ok,
      partIndices: hit ? [i] : [],
    };
  });
  return {
    matches,
    unmatchedBomRows: matches.filter((m) => m.partIndex === null).map((m) => m.bomIndex),
    unmatchedParts: Array.from({ length: parts }, (_, j) => j).filter((j) => j >= matched),
    matchRate: rows ? matched / rows : 0,
    quantityMismatches: matches
      .filter((m) => m.partIndex !== null && !m.quantityOk)
      .map((m) => ({ bomIndex: m.bomIndex, partIndex: m.partIndex!, bomQuantity: 1, cadQuantity: 3 })),
  };
}

const codes = (ws: { code: string }[]) => ws.map((w) => w.code);

describe("job quality assessment", () => {
  it("a fully matched job raises nothing and does not need review", () => {
    const ws = [...bomWarnings(bom(5)), ...matchingWarnings(bom(5), step(5), matching(5, 5, 5))];
    expect(ws).toEqual([]);
    expect(needsReview(ws)).toBe(false);
    expect(assessQuality(bom(5), step(5), matching(5, 5, 5))).toEqual({
      bomFound: true,
      bomRows: 5,
      matchedRows: 5,
      matchRate: 1,
      cadParts: 5,
      unmatchedParts: 0,
      quantityMismatches: 0,
      ocr: null,
    });
  });

  it("no rows: BOM_NOT_FOUND (review), even from a result without coded notices; no matching warning on top", () => {
    const b = bom(0, { warnings: ["No parts list found on 1 page(s)"] });
    expect(bomWarnings(b)).toEqual([
      { code: "BOM_NOT_FOUND", severity: "REVIEW", stage: "PDF_BOM", message: "No parts list found on 1 page(s)", data: null },
    ]);
    expect(matchingWarnings(b, step(4), matching(0, 4, 0))).toEqual([]);
    expect(assessQuality(b, step(4), matching(0, 4, 0))).toMatchObject({
      bomFound: false,
      bomRows: 0,
      matchedRows: 0,
      matchRate: 0,
      unmatchedParts: 4,
    });
  });

  it("most rows and most parts unmatched: DOCUMENTS_DISAGREE instead of LOW_MATCH_RATE", () => {
    const ws = matchingWarnings(bom(11), step(10), matching(11, 10, 2));
    expect(codes(ws)).toEqual(["DOCUMENTS_DISAGREE"]);
    expect(ws[0]).toMatchObject({ severity: "REVIEW", stage: "MATCHING", data: { bomRows: 11, matchedRows: 2, cadParts: 10, unmatchedParts: 8 } });
    expect(ws[0]!.message).toMatch(/2\/11 BOM rows .* 8\/10 CAD parts/);
  });

  it("a low match rate with the CAD parts mostly claimed is LOW_MATCH_RATE, not DOCUMENTS_DISAGREE", () => {
    // 4 of 10 rows matched, the model has 5 parts: only 1 unmatched part.
    expect(codes(matchingWarnings(bom(10), step(5), matching(10, 5, 4)))).toEqual(["LOW_MATCH_RATE"]);
    // 7 of 10 (70 %) is below the 80 % threshold; 8 of 10 is not.
    expect(codes(matchingWarnings(bom(10), step(10), matching(10, 10, 7)))).toEqual(["LOW_MATCH_RATE"]);
    expect(codes(matchingWarnings(bom(10), step(10), matching(10, 10, 8)))).toEqual([]);
  });

  it("quantity mismatches: one QUANTITY_MISMATCH warning listing the rows", () => {
    const ws = matchingWarnings(bom(5), step(5), matching(5, 5, 5, 2));
    expect(codes(ws)).toEqual(["QUANTITY_MISMATCH"]);
    expect(ws[0]!.data).toMatchObject({ rows: [0, 1] });
    expect(ws[0]!.message).toMatch(/2 matched row\(s\).*item 1 "part0": BOM 1, CAD 3/);
    expect(assessQuality(bom(5), step(5), matching(5, 5, 5, 2)).quantityMismatches).toBe(2);
  });

  it("BOM notices become warnings with their severity; notices of one code are joined", () => {
    const b = bom(3, {
      notices: [
        { code: "DUPLICATE_PAGES", message: "Page(s) 2 repeat" },
        { code: "NON_NUMERIC_QUANTITY", message: "1 row(s) ~150", rows: [2] },
        { code: "OCR_LOW_CONFIDENCE", message: "page 1 read at 41 %" },
        { code: "OCR_LOW_CONFIDENCE", message: "page 2 read at 39 %" },
      ],
      ocr: { pages: [1, 2], meanConfidence: 0.4 },
    });
    const ws = bomWarnings(b);
    expect(ws.map((w) => [w.code, w.severity])).toEqual([
      ["DUPLICATE_PAGES", "INFO"],
      ["NON_NUMERIC_QUANTITY", "INFO"],
      ["OCR_LOW_CONFIDENCE", "REVIEW"],
    ]);
    expect(ws[1]!.data).toEqual({ rows: [2] });
    expect(ws[2]!.message).toBe("page 1 read at 41 %; page 2 read at 39 %");
    expect(needsReview(ws)).toBe(true);
    expect(needsReview(ws.slice(0, 2))).toBe(false);
    expect(assessQuality(b, null, null)).toEqual({
      bomFound: true,
      bomRows: 3,
      matchedRows: null,
      matchRate: null,
      cadParts: null,
      unmatchedParts: null,
      quantityMismatches: null,
      ocr: { pages: [1, 2], meanConfidence: 0.4 },
    });
  });
});
