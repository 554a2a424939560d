// Seeded mutation fuzzing of the PDF and STEP readers, through the real stages on the real worker
// pool with production limits. A mutant passes when its stage ends with a result or a typed
// code, within the time budget, and the pool still runs the next task. Findings are written as
// regression files (server/test/fuzz-regressions/) that a test replays on every run.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.js";
import { createStagePool, runStageOnPool, type StagePool } from "../../src/pool/pool.js";
import type { StageName } from "../../src/stages/types.js";
import { smallJob } from "./inputs.js";
import { compareRulings } from "./ruling-diff.js";

export const REGRESSIONS_DIR = path.resolve(import.meta.dirname, "../fuzz-regressions");
const SHARED = path.resolve(import.meta.dirname, "../../../../shared/fixtures");

/** Codes that mean "the parser did not handle this input": the finding kinds. */
const UNTYPED = new Set(["STAGE_CRASHED", "WORKER_CRASHED", "STAGE_TIMEOUT", "WORKER_OUT_OF_MEMORY"]);

export interface Seed {
  kind: "pdf" | "step";
  name: string;
  bytes: Buffer;
}

export interface FuzzOptions {
  seed: number;
  /** Stop starting new mutants after this long. */
  budgetMs: number;
  /** Per mutant: past this the stage is stopped and counted as a finding (STAGE_TIMEOUT). */
  perInputMs: number;
  /** Save findings to REGRESSIONS_DIR. */
  save: boolean;
  /** Shared real-world files as seeds too (when ../shared is there). */
  sharedSeeds: boolean;
  /**
   * Every PDF mutant its stage accepted is also read by both ruling readers (raw content stream
   * and pdfjs' operator list, in this process); a difference is a finding (RULING_MISMATCH).
   */
  differential?: boolean;
  log?: (line: string) => void;
}

export interface Finding {
  kind: Seed["kind"];
  code: string;
  message: string;
  file: string | null;
}

export interface FuzzReport {
  runs: number;
  findings: Finding[];
  codes: Record<string, number>;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One mutation of `b`: byte flips, truncation, a duplicated slice, deep nesting, a huge length. */
export function mutate(b: Buffer, kind: Seed["kind"], rnd: () => number): Buffer {
  const at = () => Math.floor(rnd() * b.length);
  switch (Math.floor(rnd() * 6)) {
    case 0: {
      const out = Buffer.from(b);
      for (let i = 0, n = 1 + Math.floor(rnd() * 16); i < n; i++) out[at()] = Math.floor(rnd() * 256);
      return out;
    }
    case 1:
      return b.subarray(0, at());
    case 2: {
      const s = at();
      const e = Math.min(b.length, s + Math.floor(rnd() * 4096));
      const dup = b.subarray(s, e);
      const times = 1 + Math.floor(rnd() * 50);
      return Buffer.concat([b.subarray(0, e), ...Array(times).fill(dup), b.subarray(e)]);
    }
    case 3: {
      const depth = 100 + Math.floor(rnd() * 100_000);
      const [open, close] = kind === "pdf" ? (rnd() < 0.5 ? ["[", "]"] : ["<< /A ", " >>"]) : ["(", ")"];
      const p = at();
      return Buffer.concat([b.subarray(0, p), Buffer.from(open.repeat(depth) + close.repeat(depth)), b.subarray(p)]);
    }
    case 4: {
      const text = b.toString("latin1");
      const re = kind === "pdf" ? /\/(Length|Count|Size)\s+\d+/g : /#\d+/g;
      const hits = [...text.matchAll(re)];
      if (!hits.length) return b.subarray(0, at());
      const h = hits[Math.floor(rnd() * hits.length)]!;
      const huge = kind === "pdf" ? `/${h[1]} 2147483647` : "#999999999999";
      return Buffer.from(text.slice(0, h.index) + huge + text.slice(h.index! + h[0].length), "latin1");
    }
    default: {
      const s = at();
      return Buffer.concat([b.subarray(0, s), b.subarray(Math.min(b.length, s + Math.floor(rnd() * 2048)))]);
    }
  }
}

export async function generatedSeeds(): Promise<Seed[]> {
  const job = await smallJob("fuzz");
  return [
    { kind: "pdf", name: "generated.pdf", bytes: job.pdf.content },
    { kind: "step", name: "generated.step", bytes: Buffer.from(job.step.content) },
  ];
}

/** A few small real files from ../shared/fixtures, when present. */
export function sharedSeeds(maxBytes = 300_000, perKind = 3): Seed[] {
  if (!fs.existsSync(SHARED)) return [];
  const files = (fs.readdirSync(SHARED, { recursive: true }) as string[]).map((f) => path.join(SHARED, f)).sort();
  const pick = (re: RegExp, kind: Seed["kind"]) =>
    files
      .filter((f) => re.test(f) && fs.statSync(f).isFile() && fs.statSync(f).size <= maxBytes)
      .slice(0, perKind)
      .map((f) => ({ kind, name: path.basename(f), bytes: fs.readFileSync(f) }));
  return [...pick(/\.pdf$/i, "pdf"), ...pick(/\.(step|stp)$/i, "step")];
}

/** Runs one input through its stage on the pool; null when it passed, else the finding's code and message. */
export async function runOne(
  pool: StagePool,
  kind: Seed["kind"],
  bytes: Buffer,
  dir: string,
  perInputMs: number,
): Promise<{ ok: boolean; code: string; message: string }> {
  const file = path.join(dir, kind === "pdf" ? "in.pdf" : "in.step");
  fs.writeFileSync(file, bytes);
  const c = loadConfig({});
  const stage: StageName = kind === "pdf" ? "PDF_BOM" : "STEP_EXTRACT";
  const input =
    kind === "pdf"
      ? { pdfPath: file, maxPages: c.maxPdfPages, pdfLimits: c.pdfLimits }
      : { stepPaths: [file], workDir: path.join(dir, "work"), meshQuality: c.meshQuality, stepMaxNesting: c.stepMaxNesting };
  const outcome = await runStageOnPool(pool, stage, input as never, () => {}, new AbortController().signal, perInputMs);
  if (outcome.ok) return { ok: true, code: "OK", message: "" };
  return { ok: !UNTYPED.has(outcome.code), code: outcome.code, message: outcome.message };
}

/** Both ruling readers on a file the stage accepted; a finding when they disagree on a page. */
async function differential(file: string): Promise<{ ok: boolean; code: string; message: string }> {
  try {
    const { diffs } = await compareRulings(file);
    return diffs.length ? { ok: false, code: "RULING_MISMATCH", message: diffs.slice(0, 3).join("; ") } : { ok: true, code: "OK", message: "" };
  } catch {
    return { ok: true, code: "OK", message: "" }; // one reader refuses what the stage read some other way: not a comparison
  }
}

export async function fuzz(o: FuzzOptions): Promise<FuzzReport> {
  const log = o.log ?? (() => {});
  const seeds = [...(await generatedSeeds()), ...(o.sharedSeeds ? sharedSeeds() : [])];
  const c = loadConfig({});
  const pool = createStagePool({ size: 2, maxMemoryMb: c.workerMaxMemoryMb, workerBuild: c.workerBuild });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manualforge-fuzz-"));
  const report: FuzzReport = { runs: 0, findings: [], codes: {} };
  const started = Date.now();
  try {
    const lanes = [0, 1].map(async (lane) => {
      const rnd = prng(o.seed * 2 + lane); // one sequence per lane: the same mutants for the same seed
      const laneDir = path.join(dir, String(lane));
      fs.mkdirSync(laneDir, { recursive: true });
      while (Date.now() - started < o.budgetMs) {
        const seed = seeds[Math.floor(rnd() * seeds.length)]!;
        let bytes = seed.bytes;
        for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) bytes = mutate(bytes, seed.kind, rnd);
        let r = await runOne(pool, seed.kind, bytes, laneDir, o.perInputMs);
        if (o.differential && r.code === "OK" && seed.kind === "pdf") r = await differential(path.join(laneDir, "in.pdf"));
        report.runs++;
        report.codes[r.code] = (report.codes[r.code] ?? 0) + 1;
        if (r.ok) continue;
        const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 12);
        let file: string | null = null;
        if (o.save) {
          fs.mkdirSync(REGRESSIONS_DIR, { recursive: true });
          file = path.join(REGRESSIONS_DIR, `${seed.kind}-${hash}.${seed.kind === "pdf" ? "pdf" : "step"}`);
          fs.writeFileSync(file, bytes);
        }
        report.findings.push({ kind: seed.kind, code: r.code, message: r.message, file });
        log(`finding: ${seed.kind} from ${seed.name} → ${r.code}: ${r.message}${file ? ` (saved ${path.basename(file)})` : ""}`);
      }
    });
    await Promise.all(lanes);
    // The pool must still work after everything it was fed.
    const alive = await runOne(pool, "step", seeds.find((s) => s.kind === "step")!.bytes, path.join(dir, "0"), o.perInputMs);
    if (!alive.ok || alive.code !== "OK")
      report.findings.push({ kind: "step", code: `POOL_NOT_ALIVE:${alive.code}`, message: alive.message, file: null });
  } finally {
    await pool.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return report;
}
