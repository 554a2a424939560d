// Time of the PDF_BOM stage against raw pdfjs-dist getTextContent over the same pages, both
// including opening the document, interleaved in one run; medians of several repetitions.
import { withPdf } from "../../server/src/stages/pdf-text/index.js";
import { runPdfBom } from "../../server/src/stages/pdf-bom/index.js";
import type { Reporter } from "../../server/src/stages/types.js";

const silent: Reporter = { stage() {}, log() {} };

async function rawText(file: string): Promise<number> {
  return withPdf(file, async (doc) => {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getTextContent();
      page.cleanup();
    }
    return doc.numPages;
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export interface Timing {
  pages: number;
  oursMs: number;
  rawMs: number;
}

export async function timeDoc(file: string, reps: number): Promise<Timing> {
  const ours: number[] = [];
  const raw: number[] = [];
  let pages = 0;
  // One warm-up of each, then alternate so drift hits both equally.
  await rawText(file);
  await runPdfBom({ pdfPath: file }, silent);
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    pages = await rawText(file);
    raw.push(performance.now() - t);
    t = performance.now();
    await runPdfBom({ pdfPath: file }, silent);
    ours.push(performance.now() - t);
  }
  return { pages, oursMs: median(ours), rawMs: median(raw) };
}
