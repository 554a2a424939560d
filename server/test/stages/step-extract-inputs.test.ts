// STEP_EXTRACT inputs: .zip uploads, multi-file assemblies, malformed files and progress.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { runStepExtract } from "../../src/stages/step-extract/index.js";
import { unzipStepFiles } from "../../src/stages/step-extract/unzip-steps.js";
import { StageError, type Reporter, type StepResult } from "../../src/stages/types.js";
import { makeStepAssembly } from "../support/make-step.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const stepDir = path.resolve(repoRoot, "../shared/fixtures/step");
const haveFixtures = fs.existsSync(stepDir);
const external = path.join(stepDir, "external-refs-assembly.STEP");
const PART_FILES = [
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

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "step-inputs-test-"));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let n = 0;
const tmpDir = () => fs.mkdtempSync(path.join(tmpRoot, `t${n++}-`));

async function extract(stepPaths: string[]) {
  const stages: Array<{ percent: number; message: string }> = [];
  const reporter: Reporter = { stage: (percent, message) => stages.push({ percent, message }), log: () => {} };
  const result = await runStepExtract({ stepPaths, workDir: path.join(tmpDir(), "work") }, reporter);
  return { result, stages };
}
async function failure(p: Promise<unknown>): Promise<StageError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StageError);
  return err as StageError;
}
const counts = (r: StepResult) => Object.fromEntries(r.parts.map((p) => [p.name, p.instanceCount]));
const box = (name: string) => makeStepAssembly({ name, parts: [{ name: `${name}-body`, size: [10, 10, 10], placements: [[0, 0, 0]] }] });
const writeZip = (entries: Record<string, Uint8Array>) => {
  const file = path.join(tmpDir(), "upload.zip");
  fs.writeFileSync(file, zipSync(entries));
  return file;
};

describe("unzipStepFiles", () => {
  it("writes the STEP entries, keeps folders, ignores the rest", async () => {
    const zip = writeZip({ "a.stp": strToU8("A"), "sub/B.STEP": strToU8("B"), "readme.txt": strToU8("x"), "__MACOSX/._a.stp": strToU8("m") });
    const out = tmpDir();
    const files = await unzipStepFiles(zip, out);
    expect(files.map((f) => path.relative(out, f))).toEqual(["a.stp", path.join("sub", "B.STEP")]);
    expect(fs.readFileSync(files[1]!, "utf8")).toBe("B");
  });

  it("rejects entries that would escape the folder", async () => {
    for (const bad of ["../evil.stp", "/etc/evil.stp", "a/../../evil.step", "C:/evil.stp"]) {
      const err = await failure(unzipStepFiles(writeZip({ [bad]: strToU8("x") }), tmpDir()));
      expect(err.code).toBe("STEP_ZIP_INVALID");
      expect(err.message).toContain(bad);
    }
  });

  it("caps the unpacked size and refuses a damaged archive", async () => {
    const zip = writeZip({ "big.stp": new Uint8Array(4096) });
    expect((await failure(unzipStepFiles(zip, tmpDir(), 1000))).code).toBe("STEP_ZIP_TOO_LARGE");
    const junk = path.join(tmpDir(), "junk.zip");
    fs.writeFileSync(junk, "PK\u0003\u0004 this is not a zip");
    expect((await failure(unzipStepFiles(junk, tmpDir()))).code).toBe("STEP_ZIP_INVALID");
  });
});

describe("STEP_EXTRACT inputs", () => {
  it("accepts a .zip of STEP files in stepPaths", async () => {
    const zip = writeZip({
      "rig.stp": strToU8(
        makeStepAssembly({
          name: "rig",
          parts: [
            {
              name: "pin",
              size: [1, 1, 5],
              placements: [
                [0, 0, 0],
                [5, 0, 0],
              ],
            },
          ],
        }),
      ),
    });
    const { result } = await extract([zip]);
    expect(counts(result)).toEqual({ pin: 2 });
    expect(result.parts[0]!.fileName).toBe("rig.stp");
  });

  it("a zip without STEP files fails with STEP_INVALID", async () => {
    const err = await failure(extract([writeZip({ "notes.txt": strToU8("hello") })]));
    expect(err.code).toBe("STEP_INVALID");
    expect(err.message).toMatch(/no \.stp or \.step/);
  });

  it("malformed files fail with clear codes and the stage keeps serving", async () => {
    const good = makeStepAssembly({ name: "ok", parts: [{ name: "cube", size: [2, 2, 2], placements: [[0, 0, 0]] }] });
    const dir = tmpDir();
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ["header.stp", good.replace("ISO-10303-21;", "ISO-10303-28;"), /not a STEP file/],
      ["noheader.stp", good.replace("HEADER;", "HEADER;\nFILE_NAME('x',,);"), /malformed/],
      ["truncated.stp", good.slice(0, good.length - 200), /truncated/],
      ["junk.stp", Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31 + 7) % 256)), /not a STEP file/],
      ["empty.stp", "", /not a STEP file/],
    ];
    for (const [name, body, message] of cases) {
      fs.writeFileSync(path.join(dir, name), body);
      const err = await failure(extract([path.join(dir, name)]));
      expect(err.code).toBe("STEP_INVALID");
      expect(err.message).toMatch(message);
      expect(err.message).toContain(name);
    }
    fs.writeFileSync(path.join(dir, "good.stp"), good);
    const { result } = await extract([path.join(dir, "good.stp")]);
    expect(counts(result)).toEqual({ cube: 1 });
  });

  it("reports progress through reading, meshing and writing, never going back", async () => {
    const file = path.join(tmpDir(), "p.stp");
    fs.writeFileSync(file, box("p"));
    const { stages } = await extract([file]);
    const percents = stages.map((s) => s.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(stages.some((s) => /^Meshing p\.stp/.test(s.message))).toBe(true);
    expect(stages.some((s) => /^Meshed p\.stp/.test(s.message))).toBe(true);
    expect(percents.at(-1)).toBe(100);
  });
});

describe.skipIf(!haveFixtures)("STEP_EXTRACT multi-file uploads", () => {
  const partFiles = (dir: string, names = PART_FILES) => Object.fromEntries(names.map((name) => [`parts/${name}.STEP`, strToU8(box(name))]));

  it("a .zip of the top assembly and its part files resolves every reference", async () => {
    const zip = writeZip({ "Bionic_arm.STEP": new Uint8Array(fs.readFileSync(external)), ...partFiles("") });
    const { result } = await extract([zip]);
    expect(result.tree.name).toBe("Bionic_arm");
    expect(result.instanceCount).toBe(12);
    const wrist = result.parts.find((p) => p.name === "Wrist_default-body")!;
    expect(wrist.fileName).toBe("Wrist_default.STEP");
    expect(wrist.transforms).toHaveLength(1);
  });

  it("a missing part file is reported by name, whether uploaded loose or zipped", async () => {
    const some = PART_FILES.filter((f) => f !== "Hand_default" && f !== "Base_default");
    const zip = writeZip(partFiles("", some));
    const err = await failure(extract([external, zip]));
    expect(err.code).toBe("STEP_EXTERNAL_REFERENCES_MISSING");
    expect((err.details as { missing: string[] }).missing.sort()).toEqual(["Base_default.STEP", "Hand_default.STEP"]);
    expect(err.message).toMatch(/2 missing: .*Hand_default\.STEP/);
  });
});
