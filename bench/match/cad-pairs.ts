// CAD pairs for bench:match: every real document of ../shared/fixtures/realworld that has
// step/<stem>/ (BOM rows from its truth file), and the generated SolidWorks-style package
// zipped with and without the UTF-8 flag. Each pair: P / R / quantityOk of MATCHING on the
// STEP_EXTRACT output, and STEP_EXTRACT time against raw occt-import-js ReadStepFile over the
// same files in the same process. The generated package's BOM is printed into a SolidWorks-style
// PDF and read back by PDF_BOM: MATCHING is given the rows read, not the rows printed.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runMatching } from "../../server/src/stages/matching/index.js";
import { runPdfBom } from "../../server/src/stages/pdf-bom/index.js";
import { runStepExtract } from "../../server/src/stages/step-extract/index.js";
import { loadOcct } from "../../server/src/stages/step-extract/occt.js";
import { unpackStepZip } from "../../server/src/stages/step-extract/unzip-steps.js";
import type { BomRow, Reporter, StepResult } from "../../server/src/stages/types.js";
import { sheetTablePdf } from "#test-support/sheet-table-pdf.js";
import { cadPackage, type PackageRow } from "./cad-package.js";
import { bomRow } from "#test-support/bom-row.js";

interface PairRow {
  row: Partial<BomRow>;
  /** Names the row's CAD part may carry, or null when the row has no file. */
  truth: string[] | null;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const realDir = path.resolve(here, "../../../shared/fixtures/realworld");
const quiet: Reporter = { stage: () => {}, log: () => {} };
const compact = (s: string) =>
  s
    .normalize("NFC")
    .toLowerCase()
    .replace(/\.(step|stp)$/i, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
const CONFIG_WORD = /[_\s-](default|standard)$/i;

export interface PairScore {
  pair: string;
  rows: number;
  tp: number;
  fp: number;
  fn: number;
  quantityOk: number;
  errors: string[];
  extractMs: number;
  rawOcctMs: number;
  files: number;
  megabytes: number;
  peakRssMb: number;
  /** Where STEP_EXTRACT's time went (ms): unzip, read+hash+parse, occt, the rest. */
  phases: { unzip: number; parse: number; occt: number; rest: number };
  /** When the rows came from a printed PDF: rows printed, rows PDF_BOM read, cells read wrong. */
  pdf?: PdfRead;
}

interface PdfRead {
  printed: number;
  read: number;
  /** Read rows whose part number, configuration or quantity differ from the printed row. */
  wrong: string[];
  /** Printed rows with a CAD part that no read row stands for (each a false negative). */
  missing: number;
}

/** Reporter that times STEP_EXTRACT's phases from its progress messages. */
function phaseClock(t0: number) {
  const at: Record<string, number> = {};
  const mark = (k: string) => (at[k] ??= performance.now());
  const reporter: Reporter = {
    stage: (_p, message) => {
      if (message.startsWith("Reading")) mark("read");
      else if (message.startsWith("Meshing")) mark("mesh");
      else if (message.startsWith("Collecting")) mark("collect");
    },
    log: () => {},
  };
  const phases = (end: number) => {
    const read = at.read ?? t0,
      mesh = at.mesh ?? read,
      collect = at.collect ?? mesh;
    return { unzip: read - t0, parse: mesh - read, occt: collect - mesh, rest: end - collect };
  };
  return { reporter, phases };
}

interface Pair {
  name: string;
  /** What STEP_EXTRACT is given. */
  uploads: string[];
  /** The STEP files raw occt reads (the uploads, unzipped). */
  stepFiles: string[];
  rows: PairRow[];
  /** Time raw occt over the same files (the pairs the speed target is about). */
  timeRaw: boolean;
  pdf?: PdfRead;
}

const toRow = (r: Partial<BomRow>, i: number): BomRow => bomRow(null, null, { item: String(i + 1), ...r });

/**
 * Real pairs: a row's CAD item is the part file named after its part number or name, else the
 * sub-assembly node (a PRODUCT of an assembly file, e.g. a bought bearing) so named; else none.
 */
function realPairs(): Pair[] {
  const stepRoot = path.join(realDir, "step");
  if (!fs.existsSync(stepRoot)) return [];
  return fs
    .readdirSync(stepRoot)
    .sort()
    .flatMap((stem) => {
      const truthFile = path.join(realDir, `${stem}.truth.json`);
      if (!fs.existsSync(truthFile)) return [];
      const dir = path.join(stepRoot, stem);
      const files = fs
        .readdirSync(dir)
        .filter((f) => /\.(step|stp)$/i.test(f))
        .sort();
      const byKey = new Map(files.map((f) => [compact(f), f]));
      // PRODUCT names of the files that assemble others: their sub-assembly nodes.
      const products = new Map<string, string>();
      for (const f of files) {
        const text = fs.readFileSync(path.join(dir, f), "latin1");
        if (!/NEXT_ASSEMBLY_USAGE_OCCURRENCE/.test(text)) continue;
        for (const m of text.matchAll(/PRODUCT\s*\(\s*'([^']*)'/g)) products.set(compact(m[1]!), m[1]!);
      }
      const truth = JSON.parse(fs.readFileSync(truthFile, "utf8")) as { bom: Array<Record<string, unknown>> };
      const rows = truth.bom.map((t): PairRow => {
        const row: Partial<BomRow> = {
          item: (t.item as string | null) ?? null,
          partNumber: (t.partNumber as string | null) ?? null,
          name: (t.name as string | null) ?? null,
          quantity: (t.quantity as number | null) ?? null,
        };
        const file = [row.partNumber, row.name].map((x) => (x ? byKey.get(compact(x)) : undefined)).find(Boolean);
        // The file's own PRODUCT name counts too (01_02_17-nut….step holds product 01_01_11-nut…).
        const product = file ? /PRODUCT\s*\(\s*'([^']*)'/.exec(fs.readFileSync(path.join(dir, file), "latin1"))?.[1] : undefined;
        if (file) return { row, truth: [file.replace(/\.[^.]+$/, ""), ...(product ? [product] : [])] };
        const node = [row.partNumber, row.name].map((x) => (x ? products.get(compact(x)) : undefined)).find(Boolean);
        return { row, truth: node ? [node] : null };
      });
      const paths = files.map((f) => path.join(dir, f));
      return [{ name: stem, uploads: paths, stepFiles: paths, rows, timeRaw: files.length > 1 }];
    });
}

/**
 * The matched item (a part, or the sub-assembly node the row matched) is the row's when its
 * name (configuration word aside) or its file is the truth.
 */
const isTruth = (name: string, truth: string[]) =>
  truth.some((t) => compact(name.replace(CONFIG_WORD, "")) === compact(t) || compact(name) === compact(t));

let warmedUp = false;
/** `--repeat=N`: timings alternate N times per pair (default 1). */
const REPEAT = Math.max(1, Number(process.argv.find((a) => a.startsWith("--repeat="))?.slice("--repeat=".length)) || 1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeRawOcct(files: string[]): Promise<number> {
  const occt = await loadOcct();
  // The first calls run colder wasm: warm it up once so the first pair's raw time is not inflated.
  if (!warmedUp && files[0]) {
    occt.ReadStepFile(new Uint8Array(fs.readFileSync(files[0])), null);
    warmedUp = true;
  }
  const t0 = performance.now();
  for (const f of files) occt.ReadStepFile(new Uint8Array(fs.readFileSync(f)), null);
  return performance.now() - t0;
}

async function scorePair(pair: Pair): Promise<PairScore> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cad-"));
  try {
    // Raw occt and STEP_EXTRACT alternate `--repeat` times; medians are reported, so load
    // from other processes hits both sides alike.
    const raws: number[] = [];
    const runs: Array<{ ms: number; phases: PairScore["phases"]; step: StepResult }> = [];
    for (let k = 0; k < REPEAT; k++) {
      raws.push(pair.timeRaw ? await timeRawOcct(pair.stepFiles) : NaN);
      const t0 = performance.now();
      const clock = phaseClock(t0);
      const out = await runStepExtract({ stepPaths: pair.uploads, workDir: path.join(workDir, String(k)) }, clock.reporter);
      const ms = performance.now() - t0;
      runs.push({ ms, phases: clock.phases(t0 + ms), step: out });
    }
    const rawOcctMs = median(raws);
    const mid = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
    const { ms: extractMs, phases, step } = mid;
    const rows = pair.rows.map((r, i) => toRow(r.row, i));
    const result = await runMatching({ bom: { rows, headerMap: {}, page: 1, warnings: [] }, step }, quiet);
    const s: PairScore = {
      pair: pair.name,
      rows: rows.length,
      tp: 0,
      fp: 0,
      fn: 0,
      quantityOk: 0,
      errors: [],
      extractMs,
      rawOcctMs,
      files: pair.stepFiles.length,
      megabytes: pair.stepFiles.reduce((a, f) => a + fs.statSync(f).size, 0) / 1e6,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      phases,
      pdf: pair.pdf,
    };
    s.fn += pair.pdf?.missing ?? 0;
    pair.rows.forEach(({ row, truth }, i) => {
      const m = result.matches[i]!;
      const label = [row.partNumber, row.configuration, row.name].filter(Boolean).join(" / ");
      const part = m.partIndex === null ? null : (m.cadAssembly ?? step.parts[m.partIndex]!.name);
      if (part && truth && isTruth(part, truth)) {
        s.tp++;
        if (m.quantityOk) s.quantityOk++;
        else s.errors.push(`"${label}" quantity BOM ${m.bomQuantity} CAD ${m.cadQuantity}`);
      } else if (part) {
        s.fp++;
        s.errors.push(`"${label}" → ${part} (${m.reason}), expected ${truth ?? "nothing"}`);
      }
      if (truth && !(part && isTruth(part, truth))) {
        s.fn++;
        if (!part) s.errors.push(`"${label}" unmatched (${m.reason}), expected ${truth}`);
      }
    });
    return s;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** SolidWorks BOM table: item, part number, configuration, description, qty; header on every page. */
const SW_COLUMNS = [
  { title: "ITEM NO.", width: 50 },
  { title: "PART NUMBER", width: 120 },
  { title: "CONFIGURATION", width: 90 },
  { title: "DESCRIPTION", width: 185 },
  { title: "QTY.", width: 40 },
];
const ROWS_PER_PAGE = 40;

/**
 * Prints the package's rows into a PDF, reads it with PDF_BOM and gives each read row the truth
 * of the printed row with its item number (else the one at its position).
 */
async function pdfRows(printed: PackageRow[], file: string): Promise<{ rows: PairRow[]; pdf: PdfRead }> {
  const cells = printed.map(({ row: r }) => [r.item ?? "", r.partNumber ?? "", r.configuration ?? "", r.name ?? "", String(r.quantity ?? "")]);
  const pages = Array.from({ length: Math.ceil(cells.length / ROWS_PER_PAGE) }, (_, p) => cells.slice(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE));
  fs.writeFileSync(file, await sheetTablePdf({ columns: SW_COLUMNS, pages, grid: true, repeatHeader: true }));
  const bom = await runPdfBom({ pdfPath: file }, quiet);
  const byItem = new Map(printed.map((p, i) => [p.row.item ?? "", i]));
  const used = new Set<number>();
  const wrong: string[] = [];
  const rows = bom.rows.map((read, i): PairRow => {
    const k = byItem.get(read.item ?? "") ?? (i < printed.length && !used.has(i) ? i : -1);
    if (k < 0 || used.has(k)) {
      wrong.push(`read row ${i + 1} (item ${read.item}) stands for no printed row`);
      return { row: read, truth: null };
    }
    used.add(k);
    const p = printed[k]!;
    const diffs = (["partNumber", "configuration", "quantity"] as const)
      .filter((f) => (read[f] ?? null) !== (p.row[f] ?? null))
      .map((f) => `${f} read ${JSON.stringify(read[f] ?? null)} printed ${JSON.stringify(p.row[f] ?? null)}`);
    if (diffs.length) wrong.push(`item ${p.row.item}: ${diffs.join(", ")}`);
    return { row: read, truth: p.truth ? [p.truth] : null };
  });
  const missing = printed.filter((p, k) => p.truth && !used.has(k)).length;
  return { rows, pdf: { printed: printed.length, read: bom.rows.length, wrong, missing } };
}

export async function cadPairs(only = ""): Promise<PairScore[]> {
  const pairs = realPairs();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cad-pkg-"));
  try {
    const pkg = cadPackage();
    const fromPdf = await pdfRows(pkg.rows, path.join(tmp, "machine-bom.pdf"));
    for (const [name, bytes] of Object.entries(pkg.zips)) {
      const zip = path.join(tmp, name);
      fs.writeFileSync(zip, bytes);
      const unpacked = await unpackStepZip(zip, path.join(tmp, `${name}-files`));
      pairs.push({
        name: `generated/${name}`,
        uploads: [zip],
        stepFiles: unpacked.written,
        rows: fromPdf.rows,
        timeRaw: true,
        pdf: fromPdf.pdf,
      });
    }
    const out: PairScore[] = [];
    for (const p of pairs) if (p.name.includes(only)) out.push(await scorePair(p));
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
