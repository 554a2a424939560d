import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runStepExtract } from "../../src/stages/step-extract/index.js";
import type { MeshFile } from "../../src/stages/step-extract/mesh-file.js";
import type { OcctMesh } from "../../src/stages/step-extract/occt.js";
import { readProductStructure } from "../../src/stages/step-extract/product-structure.js";
import { resolveByStructure } from "../../src/stages/step-extract/resolve-meshes.js";
import { StageError, type AssemblyNode, type LogLevel, type Reporter, type StepResult } from "../../src/stages/types.js";
import { makeStepAssembly } from "../support/make-step.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const fixtures = path.resolve(repoRoot, "../shared/fixtures");
const stepDir = path.join(fixtures, "step");
const haveFixtures = fs.existsSync(stepDir);
if (!haveFixtures) console.warn(`STEP fixture tests skipped: ${stepDir} not found (generated-file tests still run)`);

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "step-extract-test-"));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let tmpCount = 0;
const tmpDir = () => fs.mkdtempSync(path.join(tmpRoot, `t${tmpCount++}-`));

function recorder() {
  const stages: Array<{ percent: number; message: string }> = [];
  const logs: Array<{ level: LogLevel; message: string }> = [];
  const reporter: Reporter = {
    stage: (percent, message) => stages.push({ percent, message }),
    log: (level, message) => logs.push({ level, message }),
  };
  return { reporter, stages, logs };
}

async function extract(stepPaths: string[]) {
  const rec = recorder();
  const result = await runStepExtract({ stepPaths, workDir: path.join(tmpDir(), "work") }, rec.reporter);
  return { result, ...rec };
}

/** Part name → instance count. */
const counts = (r: StepResult) => Object.fromEntries(r.parts.map((p) => [p.name, p.instanceCount]));

function nodeNames(n: AssemblyNode, out: string[] = []): string[] {
  out.push(n.name);
  n.children.forEach((c) => nodeNames(c, out));
  return out;
}

async function expectStageError(p: Promise<unknown>, code: string): Promise<StageError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StageError);
  expect((err as StageError).code).toBe(code);
  return err as StageError;
}

describe("STEP_EXTRACT on generated assemblies", () => {
  const spec = {
    name: "bench",
    parts: [
      { name: "plate", size: [100, 60, 5] as [number, number, number], placements: [[0, 0, 0]] as Array<[number, number, number]> },
      {
        name: "bracket",
        size: [10, 20, 30] as [number, number, number],
        placements: [
          [0, 0, 5],
          [90, 0, 5],
        ] as Array<[number, number, number]>,
      },
      {
        name: "bolt",
        size: [3, 3, 20] as [number, number, number],
        placements: [
          [10, 30, -5],
          [20, 30, -5],
          [30, 30, -5],
          [40, 30, -5],
        ] as Array<[number, number, number]>,
      },
    ],
  };

  for (const genericSolidNames of [false, true]) {
    it(`round-trips parts, counts, boxes and meshes (genericSolidNames=${genericSolidNames})`, async () => {
      const file = path.join(tmpDir(), "bench.stp");
      fs.writeFileSync(file, makeStepAssembly({ ...spec, genericSolidNames }));
      const { result, stages, logs } = await extract([file]);

      expect(counts(result)).toEqual({ plate: 1, bracket: 2, bolt: 4 });
      expect(result.instanceCount).toBe(7);
      const bolt = result.parts.find((p) => p.name === "bolt")!;
      expect(bolt.bbox.min).toEqual([10, 30, -5]);
      expect(bolt.bbox.max).toEqual([13, 33, 15]);
      expect(bolt.triangleCount).toBe(12);
      expect(result.tree.name).toBe("bench");
      expect(result.tree.children.map((c) => c.name)).toEqual(["plate", "bracket", "bracket", "bolt", "bolt", "bolt", "bolt"]);

      const mesh = JSON.parse(fs.readFileSync(result.meshFile, "utf8")) as MeshFile;
      expect(mesh.instances).toHaveLength(7);
      expect(mesh.parts).toEqual(result.parts.map((p) => p.name));
      expect(mesh.instances.every((i) => i.indices.length === 36 && i.positions.length > 0)).toBe(true);

      expect(stages.length).toBeGreaterThanOrEqual(5);
      expect(stages.at(-1)!.percent).toBe(100);
      expect(logs.some((l) => l.level === "INFO" && /3 distinct parts, 7 solids/.test(l.message))).toBe(true);
    });
  }

  it("takes part names from the products when occt's mesh names are generic", () => {
    const text = makeStepAssembly({ ...spec, genericSolidNames: true });
    const structure = readProductStructure(text);
    const box = (tri: number): OcctMesh => ({
      name: "SOLID",
      attributes: { position: { array: [0, 0, 0, 1, 1, 1] } },
      index: { array: new Array<number>(tri * 3).fill(0) },
    });
    const meshes = [box(12), box(12), box(12), box(12), box(12), box(12), box(12)];
    const resolved = resolveByStructure(structure.roots[0]!, meshes, "x");
    expect(resolved?.children.map((c) => c.name)).toEqual(["plate", "bracket", "bracket", "bolt", "bolt", "bolt", "bolt"]);
    // A tessellation that differs between placements of one part means the order is off.
    const shuffled = [box(12), box(12), box(24), box(12), box(12), box(12), box(12)];
    expect(resolveByStructure(structure.roots[0]!, shuffled, "x")).toBeNull();
  });

  it("rejects a truncated STEP file with STEP_INVALID", async () => {
    const text = makeStepAssembly(spec);
    const file = path.join(tmpDir(), "truncated.stp");
    fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    const err = await expectStageError(extract([file]), "STEP_INVALID");
    expect(err.message).toMatch(/truncated/);
  });

  it("rejects binary junk with STEP_INVALID", async () => {
    const file = path.join(tmpDir(), "junk.stp");
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const err = await expectStageError(extract([file]), "STEP_INVALID");
    expect(err.message).toMatch(/not a STEP file/);
  });

  it("rejects a STEP file without solids with STEP_NO_SOLIDS", async () => {
    const file = path.join(tmpDir(), "empty.stp");
    const text = makeStepAssembly({ name: "empty", parts: [] });
    fs.writeFileSync(file, text);
    const err = await extract([file]).then(
      () => null,
      (e: unknown) => e as StageError,
    );
    // occt may refuse a file without any shape; both answers name the problem.
    expect(["STEP_NO_SOLIDS", "STEP_PARSE_FAILED"]).toContain(err?.code);
  });
});

describe.skipIf(!haveFixtures)("STEP_EXTRACT on the CAx-IF and SolidWorks fixtures", () => {
  const as1 = path.join(stepDir, "as1-oc-214.stp");
  const dm1 = path.join(stepDir, "dm1-id-214.stp");
  const external = path.join(stepDir, "external-refs-assembly.STEP");

  it("as1: leaf parts, counts and the nut-bolt sub-assembly", async () => {
    const { result } = await extract([as1]);
    expect(counts(result)).toEqual({ plate: 1, "l-bracket": 2, bolt: 6, nut: 8, rod: 1 });
    expect(result.instanceCount).toBe(18);
    const names = nodeNames(result.tree);
    expect(names[0]).toBe("as1");
    expect(names.filter((n) => n === "nut-bolt-assembly")).toHaveLength(6);
    expect(names.filter((n) => n === "l-bracket-assembly")).toHaveLength(2);
    expect(names).toContain("rod-assembly");
    const mesh = JSON.parse(fs.readFileSync(result.meshFile, "utf8")) as MeshFile;
    expect(mesh.instances).toHaveLength(18);
  });

  it("dm1: parts with colours", async () => {
    const { result } = await extract([dm1]);
    expect(counts(result)).toEqual({ "l-bracket": 1, bolt: 3, nut: 3 });
    for (const p of result.parts) expect(p.color).not.toBeNull();
  });

  it("external references alone: STEP_EXTERNAL_REFERENCES_MISSING with the file names", async () => {
    const err = await expectStageError(extract([external]), "STEP_EXTERNAL_REFERENCES_MISSING");
    const missing = (err.details as { missing: string[] }).missing;
    expect(missing).toContain("Shoulder_default.STEP");
    expect(missing).toContain("Wrist_default.STEP");
    expect(missing).toHaveLength(11);
    expect(err.message).toContain("Base_default.STEP");
  });

  it("external references resolved by uploaded part files (case-insensitive names) are placed", async () => {
    const names = [
      "Shoulder_default",
      "Middle_upper_arm_default",
      "Main_link_upper_arm",
      "Elbow_default",
      "Hand_default",
      "Cycloid_drive_housing_rotation",
      "Main_link_elbow",
      "Base_default",
      "Cycloid_drive_upper_arm",
      "Cycloid_drive_fore_arm",
      "Wrist_default",
    ];
    const dir = tmpDir();
    const partFiles = names.map((n) => {
      const file = path.join(dir, `${n.toLowerCase()}.step`);
      fs.writeFileSync(file, makeStepAssembly({ name: n, parts: [{ name: `${n}-body`, size: [10, 10, 10], placements: [[0, 0, 0]] }] }));
      return file;
    });
    const { result } = await extract([external, ...partFiles]);
    expect(result.tree.name).toBe("Bionic_arm");
    expect(result.instanceCount).toBe(12);
    expect(counts(result)["Cycloid_drive_housing_rotation-body"]).toBe(2);
    // Placed by the assembly's transforms, not all left at the origin.
    const mins = new Set(result.parts.map((p) => p.bbox.min.map((v) => v.toFixed(1)).join(",")));
    expect(mins.size).toBeGreaterThan(5);
  });

  it("as1 with every solid and shape representation named 'SOLID' keeps the real part names", async () => {
    const text = fs.readFileSync(as1, "utf8").replace(/(MANIFOLD_SOLID_BREP|SHAPE_REPRESENTATION)\s*\(\s*'[^']*'/g, "$1('SOLID'");
    expect(text).toMatch(/MANIFOLD_SOLID_BREP\('SOLID'/);
    const file = path.join(tmpDir(), "as1-solid.stp");
    fs.writeFileSync(file, text);
    const { result } = await extract([file]);
    expect(counts(result)).toEqual({ plate: 1, "l-bracket": 2, bolt: 6, nut: 8, rod: 1 });
  });
});
