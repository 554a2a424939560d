// Differential check of the two ruling-line readers: the small raw content-stream reader
// (raw-pdf.ts + content-paths.ts) against pdfjs' operator list, on every page of every corpus
// file the raw reader accepts: the shared real documents and drawings (skipped with a message
// when ../shared/fixtures is absent) and the generated BOM corpus. Any difference means one of
// the two misreads a page, which would change the tables found.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableSpecs, writeDoc } from "../support/bom-corpus/index.js";
import { REALWORLD_DIR } from "../support/realworld.js";
import { compareRulings as compare } from "../support/ruling-diff.js";

const FIXTURES = path.resolve(REALWORLD_DIR, "..");

function sharedPdfs(): string[] {
  const out: string[] = [];
  for (const sub of ["pdf", "realworld"]) {
    const d = path.join(FIXTURES, sub);
    if (fs.existsSync(d)) for (const f of fs.readdirSync(d).sort()) if (f.endsWith(".pdf")) out.push(path.join(d, f));
  }
  return out;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ruling-diff-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("raw ruling reader vs pdfjs' operator list", () => {
  it("agree on every page of the shared corpus", async (ctx) => {
    const files = sharedPdfs();
    if (!files.length) {
      console.warn(`skipped: no PDFs under ${FIXTURES}`);
      ctx.skip();
    }
    let pages = 0;
    const diffs: string[] = [];
    for (const f of files) {
      const r = await compare(f);
      pages += r.pages;
      diffs.push(...r.diffs);
    }
    expect(diffs).toEqual([]);
    expect(pages).toBeGreaterThan(0);
  });

  it("agree on every page of the generated BOM corpus", async () => {
    let pages = 0;
    const diffs: string[] = [];
    for (const spec of availableSpecs().ok) {
      const r = await compare((await writeDoc(spec, dir)).file);
      pages += r.pages;
      diffs.push(...r.diffs);
    }
    expect(diffs).toEqual([]);
    expect(pages).toBeGreaterThan(10);
  });
});
