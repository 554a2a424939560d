// MATCHING on names CAD tools write: <part number>_<configuration> identity, drawing-number
// prefixes, configuration words and instance suffixes, hardware without a file; and
// STEP_EXTRACT leaving out loose part files a self-contained assembly already holds.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runMatching, scorePair } from "../../src/stages/matching/index.js";
import { isLooseCopy } from "../../src/stages/step-extract/loose-duplicates.js";
import { readProductStructure } from "../../src/stages/step-extract/product-structure.js";
import type { BomRow, Reporter, StepPart, StepResult } from "../../src/stages/types.js";
import { makeStepAssembly } from "../support/make-step.js";
import { REALWORLD_DIR } from "../support/realworld.js";
import { bomRow } from "../support/bom-row.js";

const row = bomRow;
function part(name: string, instanceCount: number, extra: Partial<StepPart> = {}): StepPart {
  return { name, instanceCount, bbox: { min: [0, 0, 0], max: [1, 1, 1] }, triangleCount: 12, color: null, ...extra };
}
const step = (parts: StepPart[]): StepResult => ({
  tree: { name: "A", partIndex: null, children: [] },
  parts,
  instanceCount: parts.reduce((a, p) => a + p.instanceCount, 0),
  meshFile: "m.json",
});
const logs: string[] = [];
const reporter: Reporter = { stage: () => {}, log: (_l, m) => logs.push(m) };
async function match(rows: BomRow[], parts: StepPart[]) {
  const r = await runMatching({ bom: { rows, headerMap: {}, page: 1, warnings: [] }, step: step(parts) }, reporter);
  return r.matches.map((m) => (m.partIndex === null ? null : parts[m.partIndex]!.name));
}

describe("part identity <part number>_<configuration>", () => {
  it("matches each configuration row to its own file, never to a sibling configuration", async () => {
    const lengths = [6, 8, 10, 12, 16, 20];
    const parts = lengths.filter((l) => l !== 10).map((l, k) => part(`hex_m3_custom_M3x${l}`, k + 1));
    const rows = lengths.map((l) => row("Socket head screw", 1, { partNumber: "hex_m3_custom", configuration: `M3x${l}` }));
    expect(await match(rows, parts)).toEqual([
      "hex_m3_custom_M3x6",
      "hex_m3_custom_M3x8",
      null,
      "hex_m3_custom_M3x12",
      "hex_m3_custom_M3x16",
      "hex_m3_custom_M3x20",
    ]);
    expect(scorePair(rows[2]!, parts[0]!)).toEqual({ score: 0, reason: "another configuration of hex_m3_custom" });
    expect(scorePair(rows[0]!, parts[0]!)).toEqual({ score: 1, reason: "part number + configuration" });
  });

  it("a Default configuration matches the bare part number or <pn>_Default", () => {
    const r = row("Plate", 1, { partNumber: "plate_01", configuration: "Default" });
    expect(scorePair(r, part("plate_01", 1)).score).toBe(1);
    expect(scorePair(r, part("plate_01_Default", 1)).score).toBe(1);
    expect(scorePair(r, part("plate_01_Cut", 1)).score).toBe(0);
  });
});

describe("names that are file names", () => {
  it("sets aside configuration words, instance suffixes and drawing-number prefixes", async () => {
    const parts = [
      part("01_02_10-shredder_end_cap_Standard", 1),
      part("01_01_11-nut_M5-DIN934", 4),
      part("01_02_08-bearing_sleeve_1_Standard", 1),
      part("01_02_09-bearing_sleeve_2_Standard", 1),
      part("Motor-Mount-1", 2),
    ];
    const rows = [
      row("01_02_10-shredder_end_cap", 1),
      row("01_02_17-nut_M5-DIN934", 4),
      row("01_02_09-bearing_sleeve_2", 1),
      row("01_02_08-bearing_sleeve_1", 1),
      row("motor mount", 2),
    ];
    expect(await match(rows, parts)).toEqual([
      "01_02_10-shredder_end_cap_Standard",
      "01_01_11-nut_M5-DIN934",
      "01_02_09-bearing_sleeve_2_Standard",
      "01_02_08-bearing_sleeve_1_Standard",
      "Motor-Mount-1",
    ]);
    expect(scorePair(rows[0]!, parts[0]!).reason).toBe("same file name");
    expect(scorePair(rows[1]!, parts[1]!).reason).toBe("same name after the drawing number");
  });

  it("bought-in hardware without a file stays unmatched with a reason", async () => {
    const bearing = row("01_02_05- deep_groove_ball_bearing_FAG6005_2Z- DIN625-1", 2);
    const parts = ["01", "02", "03"].map((k) => part(`deep groove ball bearing _${k}`, 2));
    const r = await runMatching({ bom: { rows: [bearing], headerMap: {}, page: 1, warnings: [] }, step: step(parts) }, reporter);
    expect(r.matches[0]!.partIndex).toBeNull();
    expect(r.matches[0]!.reason).toMatch(/^bought-in hardware: no CAD file/);
  });
});

const cutting = path.join(REALWORLD_DIR, "step", "sw-cubefactory-cutting-unit");
describe.skipIf(!fs.existsSync(cutting))("STEP_EXTRACT: loose part files next to a self-contained assembly", () => {
  // The structure decides; meshing the 2 MB assembly with occt would add seconds for nothing.
  const structure = (f: string) => readProductStructure(fs.readFileSync(path.join(cutting, f), "latin1"));

  it("are recognised as copies of a part the assembly holds, other files are not", () => {
    const assembly = structure("01_02_00-cutting_unit.STEP");
    // The assembly names it 01_02_13-Cutter_head_Standard; the file's product is 01_02_13-Cutter_head.
    expect(isLooseCopy(structure("01_02_13-Cutter_head.step"), [assembly])).toBe(true);
    // The file is named 01_02_17-… but its product is 01_01_11-nut…, as in the assembly.
    expect(isLooseCopy(structure("01_02_17-nut_M5-DIN934.step"), [assembly])).toBe(true);
    expect(isLooseCopy(assembly, [structure("01_02_13-Cutter_head.step")])).toBe(false);
    const other = readProductStructure(makeStepAssembly({ name: "x", parts: [{ name: "x", size: [1, 1, 1], placements: [[0, 0, 0]] }] }));
    expect(isLooseCopy(other, [assembly])).toBe(false);
  });
});
