// STEP_EXTRACT: per-part geometry (volume, area, transforms), names recovered from the STEP
// entities when occt only sees generic ones, and the mesh quality setting.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runStepExtract } from "../../src/stages/step-extract/index.js";
import type { MeshFile } from "../../src/stages/step-extract/mesh-file.js";
import { readStepWithOcct } from "../../src/stages/step-extract/occt.js";
import { invertRigid, multiply, transformPositions } from "../../src/stages/step-extract/placements.js";
import { StageError, type AssemblyNode, type MeshQuality, type Reporter, type StepResult } from "../../src/stages/types.js";
import { makeStepAssembly, type StepAssemblySpec } from "../support/make-step.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const stepDir = path.resolve(repoRoot, "../shared/fixtures/step");
const haveFixtures = fs.existsSync(stepDir);
const as1 = path.join(stepDir, "as1-oc-214.stp");

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "step-geom-test-"));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let n = 0;
const quiet: Reporter = { stage: () => {}, log: () => {} };

async function extract(text: string, meshQuality?: MeshQuality): Promise<StepResult> {
  const dir = fs.mkdtempSync(path.join(tmpRoot, `t${n++}-`));
  const file = path.join(dir, "in.stp");
  fs.writeFileSync(file, text);
  return runStepExtract({ stepPaths: [file], workDir: path.join(dir, "work"), meshQuality }, quiet);
}
const counts = (r: StepResult) => Object.fromEntries(r.parts.map((p) => [p.name, p.instanceCount]));
const leaves = (t: AssemblyNode): AssemblyNode[] => (t.partIndex !== null ? [t] : t.children.flatMap(leaves));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

const SPEC: StepAssemblySpec = {
  name: "rig",
  parts: [
    { name: "block", size: [12.5, 7, 3.25], placements: [[0, 0, 0]] },
    {
      name: "pin",
      size: [2, 2, 9],
      placements: [
        [1, 2, 3],
        [40, -5, 7.5],
        [-3, 0, 0],
      ],
    },
  ],
};

describe("STEP_EXTRACT geometry", () => {
  it("volume and surface area of a box equal w·h·d and 2(wh+wd+hd)", async () => {
    const r = await extract(makeStepAssembly(SPEC));
    const block = r.parts.find((p) => p.name === "block")!;
    expect(rel(block.volume!, 12.5 * 7 * 3.25)).toBeLessThan(1e-6);
    expect(rel(block.surfaceArea!, 2 * (12.5 * 7 + 12.5 * 3.25 + 7 * 3.25))).toBeLessThan(1e-6);
    const pin = r.parts.find((p) => p.name === "pin")!;
    expect(rel(pin.volume!, 36)).toBeLessThan(1e-6);
  });

  it("gives every instance its 4×4 placement, on the part and on the tree leaf", async () => {
    const r = await extract(makeStepAssembly(SPEC));
    const pin = r.parts.findIndex((p) => p.name === "pin");
    const translations = r.parts[pin]!.transforms!.map((t) => t!.slice(12, 15));
    expect(translations).toEqual([
      [1, 2, 3],
      [40, -5, 7.5],
      [-3, 0, 0],
    ]);
    const pinLeaves = leaves(r.tree).filter((l) => l.partIndex === pin);
    expect(pinLeaves.map((l) => l.transform)).toEqual(r.parts[pin]!.transforms);
    expect(pinLeaves.map((l) => l.instanceName)).toEqual(["pin_1", "pin_2", "pin_3"]);
    expect(r.tree.transform).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  });

  for (const mode of ["id", "description"] as const) {
    it(`recovers part names that occt cannot see (real name only in the PRODUCT ${mode})`, async () => {
      const text = makeStepAssembly({ ...SPEC, genericProductNames: mode, descriptions: { block: "Machined block" } });
      const occt = await readStepWithOcct(new TextEncoder().encode(text));
      expect(new Set(occt.meshes.map((m) => m.name))).toEqual(new Set(["SOLID"]));
      const r = await extract(text);
      expect(counts(r)).toEqual({ block: 1, pin: 3 });
      const block = r.parts.find((p) => p.name === "block")!;
      if (mode === "id") expect(block).toMatchObject({ partNumber: "block", description: "Machined block" });
      else expect(block).toMatchObject({ partNumber: null, description: null });
    });
  }
});

describe.skipIf(!haveFixtures)("STEP_EXTRACT geometry on the CAx-IF fixtures", () => {
  it("as1 placements agree with the placed meshes", async () => {
    const r = await extract(fs.readFileSync(as1, "utf8"));
    const mesh = JSON.parse(fs.readFileSync(r.meshFile, "utf8")) as MeshFile;
    for (const [i, part] of r.parts.entries()) {
      const solids = mesh.instances.filter((s) => s.partIndex === i);
      expect(part.transforms).toHaveLength(part.instanceCount);
      expect(part.volume).toBeGreaterThan(0);
      for (let k = 1; k < solids.length; k++) {
        const m = multiply(part.transforms![k]!, invertRigid(part.transforms![0]!));
        const moved = transformPositions(m, solids[0]!.positions);
        const err = Math.max(...moved.map((v, q) => Math.abs(v - solids[k]!.positions[q]!)));
        expect(err).toBeLessThan(1e-3);
      }
    }
    // The nut-bolt sub-assemblies sit at different places.
    const bolts = r.parts.find((p) => p.name === "bolt")!.transforms!;
    expect(
      new Set(
        bolts.map((t) =>
          t!
            .slice(12, 15)
            .map((v) => v.toFixed(1))
            .join(),
        ),
      ).size,
    ).toBe(6);
  });

  it("as1 with PRODUCT names rewritten to SOLID: occt sees SOLID, the stage still names the parts", async () => {
    const text = fs
      .readFileSync(as1, "utf8")
      .replace(/PRODUCT\s*\(\s*'([^']*)'\s*,\s*'[^']*'/g, "PRODUCT('$1','SOLID'")
      .replace(/(MANIFOLD_SOLID_BREP|SHAPE_REPRESENTATION)\s*\(\s*'[^']*'/g, "$1('SOLID'")
      .replace(/NEXT_ASSEMBLY_USAGE_OCCURRENCE\s*\(\s*'([^']*)'\s*,\s*'[^']*'/g, "NEXT_ASSEMBLY_USAGE_OCCURRENCE('$1','SOLID'");
    const occt = await readStepWithOcct(new TextEncoder().encode(text));
    expect(new Set(occt.meshes.map((m) => m.name))).toEqual(new Set(["SOLID"]));
    const r = await extract(text);
    expect(counts(r)).toEqual({ plate: 1, "l-bracket": 2, bolt: 6, nut: 8, rod: 1 });
    expect(r.parts.find((p) => p.name === "nut")!.partNumber).toBe("nut");
    const names: string[] = [];
    const walk = (t: AssemblyNode) => (names.push(t.name), t.children.forEach(walk));
    walk(r.tree);
    expect(names.filter((x) => x === "nut-bolt-assembly")).toHaveLength(6);
  });

  it("meshQuality changes the triangulation; bad values fail clearly", async () => {
    const text = fs.readFileSync(as1, "utf8");
    const tri = (r: StepResult) => r.parts.reduce((s, p) => s + p.triangleCount, 0);
    const byDefault = tri(await extract(text));
    const coarse = tri(await extract(text, { linearDeflection: 0.01, angularDeflection: 1 }));
    const fine = tri(await extract(text, { linearDeflectionType: "absolute_value", linearDeflection: 0.05, angularDeflection: 0.2 }));
    expect(coarse).toBeLessThan(byDefault);
    expect(fine).toBeGreaterThan(byDefault);
    const err = await extract(text, { linearDeflection: -1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StageError);
    expect((err as StageError).code).toBe("STEP_BAD_MESH_QUALITY");
  });
});
