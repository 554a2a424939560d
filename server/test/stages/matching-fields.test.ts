// MATCHING with the STEP product fields (part number, description, file), every BOM text
// field (translations, English notes), candidates for unmatched items and quantity checks.
import { describe, expect, it } from "vitest";
import { levenshteinSimilarity, runMatching, scorePair, translateWords } from "../../src/stages/matching/index.js";
import type { BomResult, BomRow, Reporter, StepPart, StepResult } from "../../src/stages/types.js";
import { bomRow } from "../support/bom-row.js";

const row = bomRow;
function part(name: string, instanceCount: number, extra: Partial<StepPart> = {}): StepPart {
  return { name, instanceCount, bbox: { min: [0, 0, 0], max: [1, 1, 1] }, triangleCount: 12, color: null, ...extra };
}
const bom = (rows: BomRow[]): BomResult => ({ rows, headerMap: {}, page: 1, warnings: [] });
const step = (parts: StepPart[]): StepResult => ({
  tree: { name: "A", partIndex: null, children: [] },
  parts,
  instanceCount: parts.reduce((a, p) => a + p.instanceCount, 0),
  meshFile: "m.json",
});
const quiet: Reporter = { stage: () => {}, log: () => {} };
const AS1 = [part("plate", 1), part("l-bracket", 2), part("bolt", 6), part("nut", 8), part("rod", 1)];

describe("scorePair with STEP product fields", () => {
  it("uses the PRODUCT id as part number and the PRODUCT description", () => {
    const p = part("Hex bolt", 4, { partNumber: "MF-1002", description: "ISO 4017 M6x20" });
    expect(scorePair(row("Screw", 4, { partNumber: "mf 1002" }), p)).toEqual({ score: 1, reason: "part number exact" });
    expect(scorePair(row("MF-1002", 4), p).reason).toBe("part number exact");
    expect(scorePair(row("Schraube", 4, { description: "ISO 4017 M6×20" }), p).reason).toBe("standard designation");
  });

  it("uses the file name only when the part is alone in its file", () => {
    const p = part("SOLID body", 1, { fileName: "Wrist_default.STEP" });
    expect(scorePair(row("Wrist default", 1), p, { ownFile: true })).toEqual({ score: 0.9, reason: "file name" });
    expect(scorePair(row("Wrist default", 1), p, { ownFile: false }).score).toBe(0);
  });

  it("reads notes and translation columns, and a glossary of part words", () => {
    expect(scorePair(row("Pos. 4", 8, { note: "Hex nut" }), part("nut", 8)).reason).toBe("description tokens");
    expect(scorePair(row("Sechskantmutter M6", 8), part("nut", 8)).reason).toBe("translated name");
    expect(scorePair(row("底板", 1, { description: "Plate" }), part("plate", 1)).reason).toBe("description exact");
    expect(scorePair(row("L形支架", 2), part("l-bracket", 2)).reason).toBe("translated name");
    expect(translateWords("六角头螺栓 / Befestigungswinkel")).toEqual(["bolt", "bracket"]);
  });

  it("abbreviations and transposed letters", () => {
    expect(scorePair(row("L-BRKT", 2), part("l-bracket", 2)).reason).toMatch(/abbreviated|translated/);
    expect(scorePair(row("NT", 8), part("nut", 8)).reason).toBe("abbreviated name");
    expect(levenshteinSimilarity("plaet", "plate")).toBeCloseTo(0.8);
    expect(scorePair(row("Label", 1), part("l-bracket", 2)).score).toBe(0);
  });
});

describe("runMatching results", () => {
  it("lists quantity mismatches and the nearest candidates of unmatched rows and parts", async () => {
    const rows = [row("Platte", 1), row("Bolt", 4), row("Spring washer", 6), row("Nut", 8)];
    const r = await runMatching({ bom: bom(rows), step: step(AS1) }, quiet);
    expect(r.quantityMismatches).toEqual([{ bomIndex: 1, partIndex: 2, bomQuantity: 4, cadQuantity: 6 }]);
    expect(r.unmatchedBomRows).toEqual([2]);
    expect(r.matches[2]!.candidates).toEqual([]);
    expect(r.matches[0]!.candidates![0]).toMatchObject({ index: 0 });
    expect(r.unmatchedParts).toEqual([1, 4]);
    expect(r.partCandidates!.map((c) => c.partIndex)).toEqual([1, 4]);
    for (const c of r.matches.flatMap((m) => m.candidates ?? [])) expect(c.score).toBeGreaterThan(0);
    expect(r.matches.every((m) => (m.candidates?.length ?? 0) <= 3)).toBe(true);
  });

  it("a row owns every CAD product that is the same part (no part claimed twice)", async () => {
    const parts = [part("bolt", 4, { fileName: "a.stp" }), part("Bolt", 2, { fileName: "b.stp" }), part("nut", 6)];
    const r = await runMatching({ bom: bom([row("Bolt", 6), row("Nut", 6)]), step: step(parts) }, quiet);
    expect(r.matches[0]).toMatchObject({ partIndices: [0, 1], cadQuantity: 6, quantityOk: true });
    expect(r.matches[1]).toMatchObject({ partIndices: [2], quantityOk: true });
    expect(r.unmatchedParts).toEqual([]);
  });

  it("a German BOM with an English note matches one to one", async () => {
    const rows = [
      row("Grundplatte", 1, { note: "base plate" }),
      row("Befestigungswinkel", 2, { note: "L-bracket" }),
      row("Sechskantschraube", 6, { note: "hex bolt" }),
      row("Sechskantmutter", 8, { note: "hex nut" }),
      row("Gewindestange", 1, { note: "rod" }),
      row("Typenschild", 1, { note: "name plate label" }),
    ];
    const r = await runMatching({ bom: bom(rows), step: step(AS1) }, quiet);
    expect(r.matches.map((m) => m.partIndex)).toEqual([0, 1, 2, 3, 4, null]);
    expect(r.matches[5]!.candidates![0]).toMatchObject({ index: 0 });
  });
});
