// Sub-assembly rows match the sub-assembly node of the tree (counted per occurrence of the
// node); parts-only BOMs match the leaves; an indented child's quantity is per parent copy;
// catalogue hardware without a file stays unmatched saying so; GENERATE places a matched
// bought unit whole under its row.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { boxMesh, type V3 } from "../../src/render/mesh.js";
import { loadGeometry, planAssembly } from "../../src/stages/generate/index.js";
import { BOUGHT_IN_REASON } from "../../src/stages/matching/bought-in.js";
import { runMatching } from "../../src/stages/matching/index.js";
import type { AssemblyNode, BomRow, MatchingResult, StepPart, StepResult } from "../../src/stages/types.js";
import { bomRow } from "../support/bom-row.js";

const quiet = { stage: () => {}, log: () => {} };
const row = bomRow;
const bomOf = (rows: BomRow[]) => ({ rows, headerMap: {}, page: 1, warnings: [] });

// The CubeFactory cutting unit in small: a block, and the FAG 6005 bearing (a node of 3 bodies) twice.
const BEARING = "01_02_05-deep_groove_ball_bearing_FAG6005_2Z-DIN625-1";
const PART_NAMES = ["01_02_01-block_Standard", "deep groove ball bearing _01", "deep groove ball bearing _02", "deep groove ball bearing _03"];
const boxes: [number, V3, V3][] = [];
const leaf = (p: number, min: V3, max: V3): AssemblyNode => {
  boxes.push([p, min, max]);
  return { name: PART_NAMES[p]!, partIndex: p, children: [] };
};
const bearing = (x: number): AssemblyNode => ({
  name: BEARING,
  partIndex: null,
  children: [leaf(1, [x, 0, 10], [x + 20, 20, 14]), leaf(2, [x + 4, 4, 10], [x + 8, 8, 14]), leaf(3, [x + 12, 4, 10], [x + 16, 8, 14])],
});
const TREE: AssemblyNode = {
  name: "01_02_00-cutting_unit",
  partIndex: null,
  children: [leaf(0, [0, 0, 0], [100, 20, 10]), bearing(10), bearing(60)],
};
const PARTS: StepPart[] = PART_NAMES.map((name, p) => {
  const [, min, max] = boxes.find(([q]) => q === p)!;
  return { name, instanceCount: p === 0 ? 1 : 2, bbox: { min, max }, triangleCount: 12, color: null };
});
const STEP: StepResult = { tree: TREE, parts: PARTS, instanceCount: boxes.length, meshFile: "" };

describe("MATCHING: sub-assembly rows", () => {
  it("a row named after a sub-assembly matches that node, counted per occurrence", async () => {
    const rows = [row("01_02_01-block", 1), row("01_02_05- deep_groove_ball_bearing_FAG6005_2Z- DIN625-1", 2)];
    const r = await runMatching({ bom: bomOf(rows), step: STEP }, quiet);
    const m = r.matches[1]!;
    expect(m.cadAssembly).toBe(BEARING);
    expect(m.cadQuantity).toBe(2);
    expect(m.quantityOk).toBe(true);
    expect(m.partIndices).toEqual([1, 2, 3]);
    expect(m.reason).toMatch(/sub-assembly of 3 part/);
    expect(r.matches[0]!.cadAssembly).toBeNull();
    // The bearing's bodies belong to the matched node: not reported as parts missing from the list.
    expect(r.unmatchedParts).toEqual([]);
    expect(r.unmatchedBomRows).toEqual([]);
  });

  it("a flattened parts-only BOM matches the leaves, not the node", async () => {
    const rows = [row("01_02_01-block", 1), ...["01", "02", "03"].map((k) => row(`deep groove ball bearing _${k}`, 2))];
    const r = await runMatching({ bom: bomOf(rows), step: STEP }, quiet);
    expect(r.matches.map((m) => m.partIndex)).toEqual([0, 1, 2, 3]);
    expect(r.matches.every((m) => !m.cadAssembly && m.quantityOk)).toBe(true);
  });

  it("an indented child's quantity is compared per copy of its matched parent", async () => {
    const rows = [row("01_02_01-block", 1), row(BEARING, 2, { level: 0 }), row("deep groove ball bearing _01", 1, { level: 1, parentIndex: 1 })];
    const r = await runMatching({ bom: bomOf(rows), step: STEP }, quiet);
    expect(r.matches[1]!.cadAssembly).toBe(BEARING);
    const child = r.matches[2]!;
    expect(child.partIndex).toBe(1);
    expect(child.cadQuantity).toBe(2);
    expect(child.quantityOk).toBe(true);
    expect(r.quantityMismatches).toEqual([]);
  });
});

describe("MATCHING: hardware without its own file", () => {
  it("stays unmatched with a bought-in reason; other rows keep the generic one", async () => {
    const rows = [row("cylinder screw ISO 4762 M6x20", 8), row("DIN 625 6005-2Z", 1), row("motor mount", 1)];
    const r = await runMatching(
      { bom: bomOf(rows), step: { ...STEP, tree: { name: "x", partIndex: null, children: [] }, parts: [PARTS[0]!] } },
      quiet,
    );
    expect(r.matches.map((m) => m.partIndex)).toEqual([null, null, null]);
    expect(r.matches[0]!.reason.startsWith(BOUGHT_IN_REASON)).toBe(true);
    expect(r.matches[1]!.reason.startsWith(BOUGHT_IN_REASON)).toBe(true);
    expect(r.matches[2]!.reason).not.toContain("bought-in");
  });
});

describe("GENERATE plan: a row matched to a sub-assembly", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("places the bought unit whole, under that row", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "matching-subassembly-"));
    const meshFile = path.join(dir, "step-meshes.json");
    const instances = boxes.map(([partIndex, min, max]) => {
      const m = boxMesh(min, max);
      return { partIndex, positions: [...m.positions], indices: [...m.indices], color: null };
    });
    await writeFile(meshFile, JSON.stringify({ version: 1, units: "mm", parts: PART_NAMES, instances }));
    const step: StepResult = { ...STEP, meshFile };
    const bom = bomOf([row("01_02_01-block", 1), row(BEARING, 2)]);
    const matching: MatchingResult = await runMatching({ bom, step }, quiet);
    const plan = planAssembly(bom, step, matching, await loadGeometry(step, () => {}));
    expect(plan.bought.size).toBe(1);
    const items = plan.steps.flatMap((s) => s.items);
    const unit = items.find((it) => it.name === BEARING);
    expect(unit?.bomIndex).toBe(1);
    expect(unit?.quantity).toBe(2);
    expect(unit?.subassembly).toBe(false);
    // No step builds the bearing ball by ball.
    expect(items.some((it) => it.partIndex === 2)).toBe(false);
  });
});
