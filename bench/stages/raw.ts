// The raw library baselines: pdfjs-dist getTextContent over every page, occt-import-js
// ReadStepFile (module loaded once, as the stage does, same params), each including reading the file.
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { occtParams } from "../../server/src/stages/step-extract/occt.js";
import * as pdfjs from "../../server/src/stages/pdf-text/pdfjs.js";

const standardFontDataUrl = path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;

export async function rawPdfText(file: string): Promise<number> {
  const data = new Uint8Array(await fs.readFile(file));
  const doc = await pdfjs.getDocument({ data, standardFontDataUrl, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getTextContent();
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

interface Occt {
  ReadStepFile(content: Uint8Array, params: Record<string, unknown> | null): { success: boolean; meshes: unknown[] };
}
let occt: Promise<Occt> | null = null;

/**
 * Asks occt for exactly what STEP_EXTRACT asks by default: the stage's own params for no
 * meshQuality (today null, i.e. occt-import-js's own deflection defaults), and the file bytes
 * as read, uncopied, as the stage passes them.
 */
export async function rawOcct(file: string): Promise<number> {
  occt ??= (createRequire(import.meta.url)("occt-import-js") as () => Promise<Occt>)();
  const m = await occt;
  const r = m.ReadStepFile(await fs.readFile(file), occtParams(null));
  if (!r.success) throw new Error(`occt could not read ${file}`);
  return r.meshes.length;
}
