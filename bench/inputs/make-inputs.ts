// Generated benchmark inputs, written once into a cache dir (never committed, never
// downloaded): a 50-page BOM PDF, a ~20 MB STEP assembly of the generator's boxes, a 200 MB
// upload file. Run directly to (re)build them: node --import @swc-node/register/esm-register bench/inputs/make-inputs.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { makeBomPdf, type BomPdfRow } from "#test-support/make-bom-pdf.js";
import { makeStepAssembly } from "#test-support/make-step.js";

export const CACHE_DIR = process.env.MANUALFORGE_BENCH_CACHE ?? path.join(os.tmpdir(), "manualforge-bench-cache");
export const FIXTURES = process.env.MANUALFORGE_FIXTURES ?? "/work/shared/fixtures";

/** A shared fixture's path, or null when the fixtures are not on this machine. */
export function fixture(rel: string): string | null {
  const p = path.join(FIXTURES, rel);
  return fs.existsSync(p) ? p : null;
}

async function cached(name: string, make: (file: string) => Promise<void>): Promise<string> {
  const file = path.join(CACHE_DIR, name);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await make(tmp);
  fs.renameSync(tmp, file);
  return file;
}

const PAGES = 50;
const ROWS_PER_PAGE = 20;

/** 50 sheets, each with a 20-row parts list (1,000 rows), plus title block, view and notes. */
export function bomPdf50(): Promise<string> {
  return cached(`bom-${PAGES}p.pdf`, async (file) => {
    const rows: BomPdfRow[] = [];
    for (let i = 1; i <= PAGES * ROWS_PER_PAGE; i++) {
      rows.push({
        item: String(i),
        partNumber: `MF-${String(i).padStart(5, "0")}`,
        name: `part ${i}`,
        quantity: 1 + (i % 7),
        material: i % 3 ? "S235" : "AlMg3",
      });
    }
    fs.writeFileSync(file, await makeBomPdf({ title: "bench 50 pages", rows, rowsPerPage: ROWS_PER_PAGE }));
  });
}

/** Box parts with three placements each: 2,500 distinct solids, 7,500 instances, ~20 MB. */
export const BIG_STEP_PARTS = 2500;

export function bigStep(): Promise<string> {
  return cached(`assembly-${BIG_STEP_PARTS}.stp`, async (file) => {
    const parts = [];
    for (let i = 0; i < BIG_STEP_PARTS; i++) {
      const size: [number, number, number] = [5 + (i % 17), 5 + (i % 11), 2 + (i % 5)];
      const x = (i % 50) * 30;
      const y = Math.floor(i / 50) * 30;
      parts.push({
        name: `box${i}`,
        size,
        placements: [
          [x, y, 0],
          [x, y, 40],
          [x, y, 80],
        ] as [number, number, number][],
      });
    }
    fs.writeFileSync(file, makeStepAssembly({ name: "bench-assembly", parts }));
  });
}

/** A BOM PDF that matches bigStep() (for a whole 20 MB job): one row per box part. */
export function bigStepPdf(): Promise<string> {
  return cached(`assembly-${BIG_STEP_PARTS}.pdf`, async (file) => {
    const rows: BomPdfRow[] = [];
    for (let i = 0; i < BIG_STEP_PARTS; i++) rows.push({ item: String(i + 1), name: `box${i}`, quantity: 3 });
    fs.writeFileSync(file, await makeBomPdf({ title: "bench-assembly", rows, rowsPerPage: 25 }));
  });
}

export const UPLOAD_BYTES = 200 * 1000 * 1000;

/** 200 MB that passes the STEP magic check: a header, then comment lines. */
export function upload200(): Promise<string> {
  return cached(`upload-${UPLOAD_BYTES}.stp`, async (file) => {
    const fd = fs.openSync(file, "w");
    try {
      const head = Buffer.from("ISO-10303-21;\n");
      fs.writeSync(fd, head);
      const line = "/* manualforge bench padding .................................................. */\n";
      const block = Buffer.from(line.repeat(Math.floor((4 * 1024 * 1024) / line.length)));
      let left = UPLOAD_BYTES - head.length;
      while (left > 0) left -= fs.writeSync(fd, block, 0, Math.min(left, block.length));
    } finally {
      fs.closeSync(fd);
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const make of [bomPdf50, bigStep, bigStepPdf, upload200]) {
    const t = performance.now();
    const f = await make();
    console.log(`${f}  ${(fs.statSync(f).size / 1e6).toFixed(1)} MB  ${(performance.now() - t).toFixed(0)} ms`);
  }
}
