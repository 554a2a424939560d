// The raw ruling-line reader (raw-pdf.ts + content-paths.ts) against pdfjs' operator list on
// one file: every page the raw reader accepts must give the same rules within TOLERANCE.
// Used by the differential test and by `npm run fuzz -- --differential`.
import path from "node:path";
import { pageSegments } from "../../src/stages/pdf-text/content-paths.js";
import { openRaw, readRulings, withPdf, type Rulings } from "../../src/stages/pdf-text/index.js";
import { StageError } from "../../src/stages/types.js";

const TOLERANCE = 0.5; // points: both readers apply the same matrices, in different orders

/** Rulings as comparable number lists: [y, x0, x1] per horizontal rule, [x, y0, y1] per vertical. */
function flat(r: Rulings): number[][] {
  return [...r.h.map((h) => [0, h.y, h.x0, h.x1]), ...r.v.map((v) => [1, v.x, v.y0, v.y1])];
}

/** "" when the two agree within TOLERANCE, else the first difference. */
function difference(fast: Rulings, slow: Rulings): string {
  const a = flat(fast);
  const b = flat(slow);
  if (a.length !== b.length) return `${fast.h.length}h/${fast.v.length}v from the content stream, ${slow.h.length}h/${slow.v.length}v from pdfjs`;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.some((x, k) => Math.abs(x - b[i]![k]!) > TOLERANCE))
      return `rule ${i}: ${a[i]!.map((x) => x.toFixed(1))} vs ${b[i]!.map((x) => x.toFixed(1))}`;
  }
  return "";
}

/** Compares every page the raw reader accepts; returns pages compared and the differences. */
export async function compareRulings(file: string): Promise<{ pages: number; refused: number; diffs: string[] }> {
  return withPdf(file, async (doc, bytes) => {
    const raw = openRaw(bytes, doc.numPages);
    const out = { pages: 0, refused: 0, diffs: [] as string[] };
    if (!raw) {
      out.refused = doc.numPages;
      return out;
    }
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        pageSegments(raw.pdf, raw.pages[n - 1]!);
      } catch (err) {
        if (err instanceof StageError) throw err;
        out.refused++; // not the raw reader's kind of page: pdfjs alone reads it
        continue;
      }
      const page = await doc.getPage(n);
      const d = difference(await readRulings(page, n, raw), await readRulings(page, n, null));
      if (d) out.diffs.push(`${path.basename(file)} page ${n}: ${d}`);
      out.pages++;
      page.cleanup();
    }
    return out;
  });
}
