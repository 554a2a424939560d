// STEP_EXTRACT uploads as CAD tools and archivers write them: zip entry names in every
// encoding, junk entries, the same file twice, zip budgets, and assemblies that blow up.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runStepExtract } from "../../src/stages/step-extract/index.js";
import { unpackStepZip } from "../../src/stages/step-extract/unzip-steps.js";
import { DEFAULT_ZIP_LIMITS } from "../../src/stages/step-extract/zip-limits.js";
import { CP437_HIGH, decodeEntryName } from "../../src/stages/step-extract/zip-names.js";
import { StageError, type Reporter, type StageInputs, type StepResult } from "../../src/stages/types.js";
import { makeStepAssembly } from "../support/make-step.js";
import { cp437, makeZip, unicodePathExtra, type ZipSpec } from "../support/make-zip.js";
import { doublingStep } from "../support/attack-files.js";

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "step-uploads-test-"));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let n = 0;
const tmpDir = () => fs.mkdtempSync(path.join(tmpRoot, `t${n++}-`));

const writeZip = (entries: ZipSpec[]) => {
  const file = path.join(tmpDir(), "upload.zip");
  fs.writeFileSync(file, makeZip(entries));
  return file;
};
const writeFile = (name: string, text: string) => {
  const file = path.join(tmpDir(), name);
  fs.writeFileSync(file, text);
  return file;
};
async function extract(stepPaths: string[], settings: Pick<StageInputs["STEP_EXTRACT"], "zipLimits" | "maxOccurrences"> = {}) {
  const logs: Array<{ message: string; data: unknown }> = [];
  const reporter: Reporter = { stage: () => {}, log: (_l, message, data) => logs.push({ message, data }) };
  const result = await runStepExtract({ stepPaths, workDir: path.join(tmpDir(), "work"), ...settings }, reporter);
  return { result, logs };
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

/** A SolidWorks-style package: a top assembly referencing one STEP file per part. */
function pack(partFiles: Record<string, number>) {
  const names = Object.keys(partFiles);
  const top = makeStepAssembly({
    name: "top_asm",
    parts: names.map((file, k) => ({
      name: file.replace(/\.[^.]+$/, ""),
      size: [1, 1, 1],
      placements: Array.from({ length: partFiles[file]! }, (_, i) => [k * 10, i * 10, 0] as [number, number, number]),
      file,
    })),
  });
  const parts = Object.fromEntries(
    names.map((file) => {
      const name = file.replace(/\.[^.]+$/, "");
      return [file, makeStepAssembly({ name, parts: [{ name: `${name}-body`, size: [2, 3, 4], placements: [[0, 0, 0]] }] })];
    }),
  );
  return { top, parts };
}

describe("zip entry names", () => {
  it("decodes UTF-8 without the flag, CP437, the Unicode Path field, and NFD to NFC", () => {
    expect([...CP437_HIGH]).toHaveLength(128);
    const utf8 = new TextEncoder().encode("Bügel.step");
    expect(decodeEntryName(utf8, 0, new Uint8Array())).toBe("Bügel.step");
    expect(decodeEntryName(cp437("Bügel.step"), 0, new Uint8Array())).toBe("Bügel.step");
    const raw = cp437("Bugel.step");
    expect(decodeEntryName(raw, 0, unicodePathExtra(raw, "Bügel.step"))).toBe("Bügel.step");
    // A stale field (written for another name) is ignored.
    expect(decodeEntryName(raw, 0, unicodePathExtra(raw, "Other.step", cp437("x")))).toBe("Bugel.step");
    const nfd = new TextEncoder().encode("Bu\u0308gel.step");
    expect(decodeEntryName(nfd, 0x800, new Uint8Array())).toBe("Bügel.step");
  });

  it("unpacks nested folders and lists the junk it ignored", async () => {
    const out = tmpDir();
    const zip = writeZip([
      { name: "pkg/", data: "", store: true },
      { name: "pkg/sub/a.STEP", data: "A" },
      { name: "__MACOSX/pkg/._a.STEP", data: "m" },
      { name: "pkg/.DS_Store", data: "d" },
      { name: "pkg/readme.pdf", data: "r" },
      { name: "pkg/inner.zip", data: "z" },
    ]);
    const { written, ignored } = await unpackStepZip(zip, out);
    expect(written.map((f) => path.relative(out, f))).toEqual([path.join("pkg", "sub", "a.STEP")]);
    expect(Object.fromEntries(ignored.map((e) => [e.name, e.reason]))).toEqual({
      "__MACOSX/pkg/._a.STEP": "macOS metadata",
      "pkg/.DS_Store": "system file",
      "pkg/readme.pdf": "not a STEP file",
      "pkg/inner.zip": expect.stringMatching(/^nested archive/),
    });
  });
});

describe("zip budgets", () => {
  const code = async (entries: ZipSpec[], limits = DEFAULT_ZIP_LIMITS) => (await failure(unpackStepZip(writeZip(entries), tmpDir(), limits))).code;

  it("refuses too many entries, too many bytes and zip bombs with STEP_ZIP_TOO_LARGE", async () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.txt`, data: "x" }));
    expect(await code(many, { ...DEFAULT_ZIP_LIMITS, maxEntries: 5 })).toBe("STEP_ZIP_TOO_LARGE");
    expect(await code([{ name: "a.stp", data: "x".repeat(5000) }], { ...DEFAULT_ZIP_LIMITS, maxUnpackedBytes: 4000 })).toBe("STEP_ZIP_TOO_LARGE");
    const bomb = new Uint8Array(4 * 1024 * 1024); // zeros deflate ~1000×
    expect(await code([{ name: "bomb.step", data: bomb }])).toBe("STEP_ZIP_TOO_LARGE");
  });

  it("refuses unsafe or over-long names, lying sizes and bad CRCs with STEP_ZIP_INVALID", async () => {
    for (const bad of ["../evil.stp", "/etc/evil.stp", "a\\..\\..\\evil.step", "C:/evil.stp"]) {
      expect(await code([{ name: bad, data: "x" }])).toBe("STEP_ZIP_INVALID");
    }
    expect(await code([{ name: `${"a".repeat(2000)}.stp`, data: "x" }])).toBe("STEP_ZIP_INVALID");
    // Declares 10 bytes but inflates to 5000: never inflated past what it declared.
    expect(await code([{ name: "liar.stp", data: "y".repeat(5000), declaredSize: 10 }])).toBe("STEP_ZIP_INVALID");
    expect(await code([{ name: "crc.stp", data: "data", crc: 1234 }])).toBe("STEP_ZIP_INVALID");
    const junk = writeFile("junk.zip", "PK\u0003\u0004 this is not a zip");
    expect((await failure(unpackStepZip(junk, tmpDir()))).code).toBe("STEP_ZIP_INVALID");
  });
});

describe("STEP_EXTRACT of real-world upload packages", () => {
  const files = { "Bügel_Default.STEP": 2, "nut_M5.STEP": 3 };

  it("resolves an accented reference from an Info-ZIP zip without the UTF-8 flag", async () => {
    const { top, parts } = pack(files);
    // The reference inside the STEP is \X2\00FC\X0\-escaped; the zip stores raw UTF-8 in NFD.
    const entries: ZipSpec[] = [
      { name: "pkg/top_asm.STEP", data: top },
      ...Object.entries(parts).map(([name, data]) => ({ name: `pkg/parts/${name.normalize("NFD")}`, data })),
    ];
    const { result } = await extract([writeZip(entries)]);
    expect(counts(result)).toEqual({ "Bügel_Default-body": 2, "nut_M5-body": 3 });
  });

  it("resolves a CP437 name and a Unicode Path name as Windows tools write them", async () => {
    const { top, parts } = pack(files);
    const raw = cp437("nut_M5.STEP");
    const entries: ZipSpec[] = [
      { name: "top_asm.STEP", data: top, utf8Flag: true },
      { name: cp437("Bügel_Default.STEP"), data: parts["Bügel_Default.STEP"]! },
      { name: raw, data: parts["nut_M5.STEP"]!, extra: unicodePathExtra(raw, "nut_M5.STEP") },
    ];
    const { result } = await extract([writeZip(entries)]);
    expect(counts(result)).toEqual({ "Bügel_Default-body": 2, "nut_M5-body": 3 });
  });

  it("counts the top assembly once when it is uploaded alone and inside the zip", async () => {
    const { top, parts } = pack(files);
    const alone = writeFile("top_asm.STEP", top);
    const zip = writeZip([
      { name: "top_asm.STEP", data: top },
      ...Object.entries(parts).map(([name, data]) => ({ name, data })),
      { name: "__MACOSX/._top_asm.STEP", data: "junk" },
    ]);
    const { result, logs } = await extract([alone, zip]);
    expect(counts(result)).toEqual({ "Bügel_Default-body": 2, "nut_M5-body": 3 });
    expect(logs.some((l) => /counted once/.test(l.message))).toBe(true);
    expect(logs.some((l) => /Ignored 1 zip entries/.test(l.message))).toBe(true);
  });
});

describe("assemblies that blow up", () => {
  it("30 levels of 'holds the next one twice' fail fast with STEP_TOO_COMPLEX", async () => {
    const text = doublingStep(30);
    expect(text.length).toBeLessThan(16 * 1024);
    const t0 = Date.now();
    const err = await failure(extract([writeFile("doubling.stp", text)]));
    expect(err.code).toBe("STEP_TOO_COMPLEX");
    expect(Date.now() - t0).toBeLessThan(10_000); // a budget, not a speed target: the expansion would take hours
  });

  it("an assembly that contains itself fails with STEP_TOO_COMPLEX", async () => {
    const text = doublingStep(2, true); // the last assembly holds the first
    const err = await failure(extract([writeFile("loop.stp", text)]));
    expect(err.code).toBe("STEP_TOO_COMPLEX");
  });

  it("takes STEP_MAX_OCCURRENCES and STEP_ZIP_* from its input (config.ts), for that run only", async () => {
    const small = writeFile("doubling4.stp", doublingStep(4)); // 2^4 leaves
    expect((await failure(extract([small], { maxOccurrences: 8 }))).code).toBe("STEP_TOO_COMPLEX");
    // The next run has the default again: past the expansion check (this file holds no solids).
    expect((await failure(extract([small]))).code).toBe("STEP_NO_SOLIDS");
    const zip = writeZip([{ name: "a.stp", data: fs.readFileSync(small, "utf8") }]);
    expect((await failure(extract([zip], { zipLimits: { ...DEFAULT_ZIP_LIMITS, maxUnpackedBytes: 100 } }))).code).toBe("STEP_ZIP_TOO_LARGE");
  });

  it("two files that reference each other fail with STEP_TOO_COMPLEX", async () => {
    const a = makeStepAssembly({ name: "a", parts: [{ name: "b", size: [1, 1, 1], placements: [[0, 0, 0]], file: "b.stp" }] });
    const b = makeStepAssembly({ name: "b", parts: [{ name: "a", size: [1, 1, 1], placements: [[0, 0, 0]], file: "a.stp" }] });
    const err = await failure(extract([writeFile("a.stp", a), writeFile("b.stp", b)]));
    expect(err.code).toBe("STEP_TOO_COMPLEX");
  });
});
