// Planning rules on hand-made geometry: sub-assemblies first and placed as one unit, fixings
// lifted out of a sub-assembly when they join it to outside parts, fasteners by designation.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boxMesh, type V3 } from "../../src/render/mesh.js";
import { isFastener, loadGeometry, planAssembly, stepSentence, type AssemblyPlan } from "../../src/stages/generate/index.js";
import type { AssemblyNode, BomResult, MatchingResult, StepPart, StepResult } from "../../src/stages/types.js";
import { expectNoFloating } from "../render/manual-checks.js";

// Frame plate; two wheel sub-assemblies (hub + 2 screws in its side, touching only the hub,
// + an axle bolt that goes down into the plate); a cover on top of both hubs.
const PARTS = ["plate", "hub", "screw", "axle bolt", "cover"];
const boxes: [number, V3, V3][] = [];
const leaf = (p: number, min: V3, max: V3): AssemblyNode => {
  boxes.push([p, min, max]);
  return { name: PARTS[p]!, partIndex: p, children: [] };
};
const wheel = (x: number): AssemblyNode => ({
  name: "wheel",
  partIndex: null,
  children: [
    leaf(1, [x, 20, 10], [x + 40, 60, 40]),
    leaf(2, [x + 5, 12, 20], [x + 13, 20, 28]),
    leaf(2, [x + 27, 12, 20], [x + 35, 20, 28]),
    leaf(3, [x + 18, 38, 0], [x + 22, 42, 38]),
  ],
});
const tree: AssemblyNode = {
  name: "cart",
  partIndex: null,
  children: [leaf(0, [0, 0, 0], [200, 80, 10]), wheel(20), wheel(140), leaf(4, [20, 20, 40], [180, 60, 44])],
};
const counts = [1, 2, 4, 2, 1];

let dir: string;
let plan: AssemblyPlan;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "generate-plan-"));
  const meshFile = path.join(dir, "step-meshes.json");
  const instances = boxes.map(([partIndex, min, max]) => {
    const m = boxMesh(min, max);
    return { partIndex, positions: [...m.positions], indices: [...m.indices], color: null };
  });
  await writeFile(meshFile, JSON.stringify({ version: 1, units: "mm", parts: PARTS, instances }));
  const parts: StepPart[] = PARTS.map((name, p) => {
    const [, min, max] = boxes.find(([q]) => q === p)!;
    return { name, instanceCount: counts[p]!, bbox: { min, max }, triangleCount: 12, color: null };
  });
  const step: StepResult = { tree, parts, instanceCount: boxes.length, meshFile };
  const bom: BomResult = { rows: [], headerMap: {}, page: null, warnings: [] };
  const matching: MatchingResult = { matches: [], unmatchedBomRows: [], unmatchedParts: [0, 1, 2, 3, 4], matchRate: 0 };
  plan = planAssembly(bom, step, matching, await loadGeometry(step, () => {}));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("planAssembly with sub-assemblies", () => {
  it("builds the sub-assembly first (once, for both copies), then places it as one unit", () => {
    const summary = plan.steps.map((s) => `${s.assembly ?? "main"}:${s.items.map((i) => `${i.quantity}×${i.name}`).join("+")}`);
    expect(summary).toEqual(["wheel:2×hub+4×screw", "main:1×plate", "main:2×wheel+2×axle bolt", "main:1×cover"]);
    expect(plan.steps[0]).toMatchObject({ kind: "subassembly", copies: 2, first: true });
    expect(stepSentence(plan.steps[0]!)).toBe("Build 2 × wheel: fit 2 screws to the hub.");
    expect(stepSentence(plan.steps[2]!)).toBe("Fasten the 2 wheels to the plate with 2 axle bolts.");
    expectNoFloating(plan);
  });

  it("lifts the axle bolt out of the wheel because it also goes into the plate", () => {
    const wheelUnit = plan.root.units.find((u) => u.kind === "sub")!;
    expect(wheelUnit.level!.units.map((u) => u.name).sort()).toEqual(["hub", "screw", "screw"]);
    expect(plan.root.units.filter((u) => u.name === "axle bolt")).toHaveLength(2);
  });

  it("shows the sub-assembly's own parts in its step picture, the whole product later", () => {
    expect(plan.steps[0]!.context).toEqual([]);
    expect(plan.steps[0]!.added.map((a) => a.unit.name)).toEqual(["hub", "screw", "screw"]);
    expect(plan.steps[3]!.context.length).toBe(1 + 2 * 3 + 2);
  });
});

describe("isFastener", () => {
  it("knows fixings by name, Chinese name or standard designation", () => {
    for (const n of ["Hex Bolt", "locknut", "dowel_pins", "螺栓", "六角螺母", "GB/T 5783 M8×30", "DIN 934", "M6x20"]) {
      expect(isFastener(n), n).toBe(true);
    }
    for (const n of ["plate", "L bracket", "rod", "底板", "spindle"]) expect(isFastener(n), n).toBe(false);
  });

  it("keeps bought bearings, seals and O-rings out of the fixings, whatever their DIN number", () => {
    for (const n of ["DIN 625 - 6204-2RS", "ball bearing", "Rillenkugellager 6204", "DIN 3760 A 20x35x7", "O-ring 20x2", "ISO 15 6205"]) {
      expect(isFastener(n), n).toBe(false);
    }
    expect(isFastener("J1 ball bearing", "DIN 625 - 6200-2RS")).toBe(false);
    expect(isFastener("ISO 1580 M3x6")).toBe(true);
  });
});
