import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planAssemblySteps, runGenerate } from "../../src/stages/generate/index.js";
import { pdfSafe } from "../../src/stages/generate/pdf-manual.js";
import { runMatching } from "../../src/stages/matching/index.js";
import type {
  BomResult, BomRow, GenerateResult, MatchingResult, PdfDeepResult, Reporter, StepPart, StepResult, Vec3,
} from "../../src/stages/types.js";

// ---- AS1 fixture (mm): a plate, two L-brackets bolted on, a rod between them ----
function row(item: string, name: string, quantity: number, extra: Partial<BomRow> = {}): BomRow {
  return {
    item, partNumber: `AS1-0${item}`, name, description: null, quantity, unit: "pcs", material: "S235",
    note: null, page: 1, bbox: [0, 0, 0, 0], confidence: 1, ...extra,
  };
}
function part(name: string, instanceCount: number, min: Vec3, max: Vec3): StepPart {
  return { name, instanceCount, bbox: { min, max }, triangleCount: 500, color: null };
}

const SCRIPT = "<script>alert('x')</script>";
const bom: BomResult = {
  rows: [
    row("1", "Plate", 1),
    row("2", "L Bracket", 2),
    row("3", "Hex Bolt", 6, { description: "ISO 4017 M8x30", material: "8.8" }),
    row("4", "Nut", 6, { description: "ISO 4032 M8", material: "8" }), // CAD has 8: mismatch
    row("5", `Rod ${SCRIPT}`, 1),
    row("6", "Spring washer", 6), // not in the CAD
  ],
  headerMap: {},
  page: 1,
  warnings: [],
};
const parts: StepPart[] = [
  part("rod", 1, [10, 45, 35], [190, 55, 45]),
  part("bolt", 6, [25, 46, -8], [33, 54, 22]),
  part("plate", 1, [0, 0, 0], [200, 100, 10]),
  part("nut", 8, [24, 44, -16], [34, 56, -8]),
  part("l-bracket", 2, [20, 35, 10], [60, 65, 50]),
  part(`cover ${SCRIPT}`, 1, [0, 0, 60], [200, 100, 62]), // not in the BOM
];
const step: StepResult = {
  tree: { name: "AS1", partIndex: null, children: parts.map((p, i) => ({ name: p.name, partIndex: i, children: [] })) },
  parts,
  instanceCount: parts.reduce((a, p) => a + p.instanceCount, 0),
  meshFile: "meshes.json",
};
const deep: PdfDeepResult = {
  pageCount: 1,
  pages: [],
  titleBlock: { title: "AS1 Assembly", drawingNumber: "AS1-000", revision: "B", date: "2024-05-01", fields: { Scale: "1:2" } },
  notes: ["Tighten M8 bolts to 25 N·m.", "Deburr all edges & break sharp corners."],
};

const messages: string[] = [];
const reporter: Reporter = { stage: (_p, m) => messages.push(m), log: () => {} };

let dir: string;
let matching: MatchingResult;
let result: GenerateResult;
let pdfText: string;
let html: string;

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "generate-test-"));
  matching = await runMatching({ bom, step }, { stage: () => {}, log: () => {} });
  const workDir = path.join(dir, "job", "work"); // does not exist yet
  result = await runGenerate({ workDir, bom, deep, step, matching }, reporter);
  const pdf = await readFile(path.join(workDir, "manual.pdf"));
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: pdfjs.VerbosityLevel.ERRORS }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ("str" in it ? it.str : "")).join(" "));
  }
  await doc.destroy();
  pdfText = squash(pages.join(" "));
  html = await readFile(path.join(workDir, "manual.html"), "utf8");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("planAssemblySteps", () => {
  it("puts the plate first and every matched part exactly once with its CAD count", () => {
    const steps = planAssemblySteps(bom, step, matching);
    expect(steps[0]).toMatchObject({ number: 1, kind: "base", attachTo: null });
    expect(steps[0]!.items.map((i) => i.name)).toEqual(["Plate"]);

    const placed = new Map<number, number>();
    for (const s of steps) for (const it of s.items) placed.set(it.partIndex, (placed.get(it.partIndex) ?? 0) + it.quantity);
    const matched = matching.matches.flatMap((m) => (m.partIndex === null ? [] : [m.partIndex]));
    expect([...placed.keys()].sort()).toEqual([...matched].sort());
    for (const j of matched) expect(placed.get(j)).toBe(parts[j]!.instanceCount);
    expect(steps.map((s) => s.number)).toEqual(steps.map((_, i) => i + 1));
  });

  it("orders by proximity and puts fasteners after the part they fix", () => {
    const steps = planAssemblySteps(bom, step, matching);
    const names = steps.map((s) => `${s.kind}:${s.items.map((i) => i.name).join("+")}`);
    // Bracket touches the plate, the rod only the brackets; the bolt touches plate and
    // bracket, so it waits for the bracket; the nut only touches the plate.
    expect(names).toEqual(["base:Plate", "fasteners:Nut", "part:L Bracket", "fasteners:Hex Bolt", `part:Rod ${SCRIPT}`]);
    expect(steps[3]).toMatchObject({ attachToName: "L Bracket" });
  });
});

describe("runGenerate", () => {
  it("returns both artifacts with correct size and sha256", async () => {
    expect(result.stepCount).toBe(5);
    expect(result.artifacts.map((a) => [a.name, a.contentType])).toEqual([
      ["manual.pdf", "application/pdf"],
      ["manual.html", "text/html; charset=utf-8"],
    ]);
    for (const a of result.artifacts) {
      const file = path.join(dir, "job", "work", a.name);
      expect((await stat(file)).size).toBe(a.size);
      expect(createHash("sha256").update(await readFile(file)).digest("hex")).toBe(a.sha256);
    }
    expect(messages.filter((m) => /PDF: wrote step/.test(m))).toHaveLength(5);
    expect(messages.filter((m) => /HTML: wrote step/.test(m))).toHaveLength(5);
  });

  it("writes a PDF with cover, parts list, every step, notes and warnings", () => {
    for (const s of ["AS1 Assembly", "AS1-000", "Parts list", "quantity mismatch", "not in the CAD", "Deburr all edges"]) {
      expect(pdfText).toContain(s);
    }
    const steps = planAssemblySteps(bom, step, matching);
    for (const s of steps) expect(pdfText).toContain(`Step ${s.number}`);
    expect(pdfText).toContain("Attach 8 × Nut to the Plate.");
    expect(pdfText).toContain("Attach 6 × Hex Bolt to the L Bracket.");
    expect(pdfText).toContain("Attach 2 × L Bracket to the Plate.");
    expect(pdfText).toMatch(/Quantity mismatch for BOM item 4 "Nut": parts list 6, CAD model 8/);
  });

  it("writes self-contained, escaped HTML with the same steps", () => {
    const steps = planAssemblySteps(bom, step, matching);
    for (const s of steps) expect(html).toContain(`id="step-${s.number}"`);
    expect(html.match(/class="step"/g)).toHaveLength(steps.length);
    expect(html).toContain("Attach 6 × Hex Bolt to the L Bracket.");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).toContain("Deburr all edges &amp; break sharp corners.");
    expect(html).not.toMatch(/(src|href)=|@import|url\(/);
    expect(html).toContain("Spring washer");
  });
});

describe("edge cases", () => {
  it("writes a manual without steps when nothing matched, titled from the STEP root", async () => {
    const empty: BomResult = { rows: [], headerMap: {}, page: null, warnings: ["No BOM table found"] };
    const noTitle: PdfDeepResult = {
      ...deep,
      titleBlock: { title: null, drawingNumber: null, revision: null, date: null, fields: {} },
      notes: [],
    };
    const m = await runMatching({ bom: empty, step }, { stage: () => {}, log: () => {} });
    const workDir = path.join(dir, "empty");
    const r = await runGenerate({ workDir, bom: empty, deep: noTitle, step, matching: m }, { stage: () => {}, log: () => {} });
    expect(r.stepCount).toBe(0);
    const out = await readFile(path.join(workDir, "manual.html"), "utf8");
    expect(out).toContain("<h1>AS1</h1>");
    expect(out).toContain("No matched parts");
    expect(out).toContain("Parts list: No BOM table found");
  });

  it("keeps PDF text inside the standard font's character set", () => {
    expect(pdfSafe("Ｍ１２ × 45 – ok")).toBe("M12 × 45 – ok");
    expect(pdfSafe("底板 plate")).toBe("?? plate");
  });
});
