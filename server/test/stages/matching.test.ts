import { describe, expect, it } from "vitest";
import { assignMaxScore, hungarian, normaliseName, parseStandard, runMatching, scorePair, tokens } from "../../src/stages/matching/index.js";
import type { BomResult, BomRow, LogLevel, Reporter, StepPart, StepResult, Vec3 } from "../../src/stages/types.js";
import { bomRow } from "../support/bom-row.js";

// ---- fixture builders, modelled on the AS1 assembly (mm) ----
const row = bomRow;
function part(name: string, instanceCount: number, min: Vec3 = [0, 0, 0], max: Vec3 = [10, 10, 10]): StepPart {
  return { name, instanceCount, bbox: { min, max }, triangleCount: 100, color: null };
}
function bom(rows: BomRow[]): BomResult {
  return { rows: rows.map((r, i) => ({ ...r, item: r.item ?? String(i + 1) })), headerMap: {}, page: 1, warnings: [] };
}
function step(parts: StepPart[]): StepResult {
  return {
    tree: { name: "AS1", partIndex: null, children: parts.map((p, i) => ({ name: p.name, partIndex: i, children: [] })) },
    parts,
    instanceCount: parts.reduce((a, p) => a + p.instanceCount, 0),
    meshFile: "meshes.json",
  };
}
function recorder() {
  const stages: { percent: number; message: string }[] = [];
  const logs: { level: LogLevel; message: string }[] = [];
  const reporter: Reporter = {
    stage: (percent, message) => stages.push({ percent, message }),
    log: (level, message) => logs.push({ level, message }),
  };
  return { reporter, stages, logs };
}

const AS1_PARTS = [part("plate", 1), part("l-bracket", 2), part("bolt", 6), part("nut", 8), part("rod", 1)];

describe("normalise", () => {
  it("folds case, full-width, punctuation and file extensions", () => {
    expect(normaliseName("L-Bracket.STEP")).toBe("lbracket");
    expect(normaliseName("Ｌ＿ＢＲＡＣＫＥＴ")).toBe("lbracket");
    expect(normaliseName("Hex bolt M8 × 30")).toBe("hexboltm8x30");
    expect(normaliseName("hex_bolt_m8*30.sldprt")).toBe("hexboltm8x30");
    expect(tokens("Hex Bolts, M8x30")).toEqual(["hex", "bolt", "m8x30"]);
  });

  it("parses standard-part designations", () => {
    expect(parseStandard("ISO 4762 M12x45")).toEqual({ standard: "iso4762", size: "m12x45" });
    expect(parseStandard("DIN 933 M8")).toEqual({ standard: "din933", size: "m8" });
    expect(parseStandard("GB/T 5782 M6×20")).toEqual({ standard: "gbt5782", size: "m6x20" });
    expect(parseStandard("ＧＢ／Ｔ５７８２－Ｍ６×２０")).toEqual({ standard: "gbt5782", size: "m6x20" });
    expect(parseStandard("ISO_4762_M12x45.stp")).toEqual({ standard: "iso4762", size: "m12x45" });
    expect(parseStandard("GB/T 5782-2016 M6x20")).toEqual({ standard: "gbt5782", size: "m6x20" });
    expect(parseStandard("DIN EN ISO 4762 M12x45")).toEqual({ standard: "iso4762", size: "m12x45" });
    expect(parseStandard("bracket")).toBeNull();
  });
});

describe("scorePair", () => {
  it("ranks part number > name exact > tokens, with reasons", () => {
    expect(scorePair(row("Plate", 1, { partNumber: "AS1-001" }), part("as1_001.step", 1))).toEqual({
      score: 1,
      reason: "part number exact",
    });
    expect(scorePair(row("L Bracket", 2), part("l-bracket", 2))).toEqual({ score: 0.95, reason: "name exact" });
    expect(scorePair(row("Hex Bolt", 6), part("bolt", 6))).toEqual({ score: 0.8, reason: "part name in row" });
    const fuzzy = scorePair(row("Platte", 1), part("plate", 1));
    expect(fuzzy.reason).toBe("fuzzy name");
    expect(fuzzy.score).toBeGreaterThan(0.7);
    expect(scorePair(row("Rod", 1), part("nut", 8)).score).toBe(0);
    expect(scorePair(row("Bracket", 1, { description: "Type A" }), part("A", 1)).score).toBe(0);
  });

  it("matches standard designations written differently", () => {
    const c = scorePair(row("Bolt", 4, { description: "GB/T 5782 M6×20" }), part("Hex bolt GB-T 5782 M6x20 - steel", 4));
    expect(c).toEqual({ score: 0.9, reason: "standard designation" });
    // Same standard, different size: never the standard rule.
    expect(scorePair(row("Bolt", 4, { description: "GB/T 5782 M8×20" }), part("GB/T 5782 M6x20", 4)).reason).not.toBe("standard designation");
  });
});

describe("assignment", () => {
  it("solves the Hungarian problem optimally (square and rectangular)", () => {
    expect(
      hungarian([
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ]),
    ).toEqual([1, 0, 2]);
    expect(
      assignMaxScore([
        [0.95, 0.9],
        [0.85, 0],
      ]),
    ).toEqual([1, 0]);
    expect(assignMaxScore([[0.9], [0.8], [0.3]])).toEqual([0, null, null]);
    expect(assignMaxScore([[0.4, 0.6, 0.9]])).toEqual([2]);
    expect(assignMaxScore([])).toEqual([]);
  });
});

describe("runMatching", () => {
  it("matches exact names one to one with quantities", async () => {
    const { reporter, stages, logs } = recorder();
    const r = await runMatching(
      { bom: bom([row("Plate", 1), row("L-Bracket", 2), row("Bolt", 6), row("Nut", 8), row("Rod", 1)]), step: step(AS1_PARTS) },
      reporter,
    );
    expect(r.matches.map((m) => m.partIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(r.matches.every((m) => m.reason === "name exact" && m.quantityOk)).toBe(true);
    expect(r.matchRate).toBe(1);
    expect(r.unmatchedBomRows).toEqual([]);
    expect(r.unmatchedParts).toEqual([]);
    expect(logs.filter((l) => l.level === "WARN")).toEqual([]);
    expect(stages.at(-1)?.percent).toBe(100);
  });

  it("matches abbreviated and misspelt names by tokens and fuzzy similarity", async () => {
    const rows = [row("Rod", 1), row("bolts", 6), row("L Bracket", 2), row("Platte", 1), row("Hex Nut", 8)];
    const r = await runMatching({ bom: bom(rows), step: step(AS1_PARTS) }, recorder().reporter);
    expect(r.matches.map((m) => m.partIndex)).toEqual([4, 2, 1, 0, 3]);
    expect(r.matches.map((m) => m.reason)).toEqual(["name exact", "part name in row", "name exact", "fuzzy name", "part name in row"]);
    expect(r.matchRate).toBe(1);
  });

  it("finds the assignment where greedy best-pair-first would strand a row", async () => {
    // Row 0 is the base plate (its description says so) but its name equals the CAD "plate",
    // which is really the top plate and the only candidate for row 1.
    const rows = [row("Plate", 1, { description: "Base plate" }), row("Top plate", 1)];
    const parts = [part("plate", 1), part("base_plate", 1)];
    const scores = rows.map((r) => parts.map((p) => scorePair(r, p).score));

    // What greedy would do: take the global best pair first.
    expect(scores[0]![0]).toBeGreaterThan(scores[0]![1]!);
    expect(scores[1]![1]).toBeLessThan(0.5);

    const r = await runMatching({ bom: bom(rows), step: step(parts) }, recorder().reporter);
    expect(r.matches.map((m) => m.partIndex)).toEqual([1, 0]);
    expect(r.matches[0]!.reason).toBe("description exact");
    expect(r.matchRate).toBe(1);
  });

  it("flags quantity mismatches and lists unmatched rows and parts", async () => {
    const { reporter, logs } = recorder();
    const rows = [row("Plate", 1), row("L Bracket", 2), row("Bolt", 6), row("Nut", 6), row("Rod", 1), row("Spring washer", 6)];
    const parts = [...AS1_PARTS, part("cover", 1)];
    const r = await runMatching({ bom: bom(rows), step: step(parts) }, reporter);

    const nut = r.matches[3]!;
    expect(nut).toMatchObject({ partIndex: 3, bomQuantity: 6, cadQuantity: 8, quantityOk: false });
    expect(r.matches.filter((m) => !m.quantityOk).map((m) => m.bomIndex)).toEqual([3, 5]);
    const warns = logs.filter((l) => l.level === "WARN");
    expect(warns).toHaveLength(1);
    expect(warns[0]!.message).toMatch(/Nut.*BOM 6, CAD 8/);

    expect(r.matches[5]).toMatchObject({ partIndex: null, cadQuantity: null, confidence: 0 });
    expect(r.unmatchedBomRows).toEqual([5]);
    expect(r.unmatchedParts).toEqual([5]);
    expect(r.matchRate).toBeCloseTo(5 / 6);
    // One part per row at most.
    const claimed = r.matches.flatMap((m) => (m.partIndex === null ? [] : [m.partIndex]));
    expect(new Set(claimed).size).toBe(claimed.length);
  });

  it("handles an empty BOM", async () => {
    const r = await runMatching({ bom: bom([]), step: step(AS1_PARTS) }, recorder().reporter);
    expect(r).toMatchObject({ matches: [], unmatchedBomRows: [], unmatchedParts: [0, 1, 2, 3, 4], matchRate: 0 });
    expect(r.quantityMismatches).toEqual([]);
    expect(r.partCandidates?.map((c) => c.candidates)).toEqual([[], [], [], [], []]);
  });
});
