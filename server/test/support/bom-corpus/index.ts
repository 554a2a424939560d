// Generates the BOM corpus into a directory (PDFs are never committed) and returns each
// document with its truth.
import fs from "node:fs";
import path from "node:path";
import { CORPUS } from "./docs.js";
import { hasCjkFont } from "./fonts.js";
import { renderDoc } from "./render.js";
import { truthOf } from "./truth.js";
import type { DocSpec, Truth } from "./types.js";

export { CORPUS } from "./docs.js";
export { hasCjkFont, CJK_FONT_PATH } from "./fonts.js";
export { truthOf } from "./truth.js";
export { renderDoc } from "./render.js";
export type { DocSpec, Truth, TruthRow } from "./types.js";

export interface CorpusDoc {
  spec: DocSpec;
  file: string;
  truth: Truth;
}

/** Specs that can be rendered here (Chinese ones need the CJK font). */
export function availableSpecs(specs: DocSpec[] = CORPUS): { ok: DocSpec[]; skipped: DocSpec[] } {
  const cjk = hasCjkFont();
  return { ok: specs.filter((s) => s.lang !== "zh" || cjk), skipped: specs.filter((s) => s.lang === "zh" && !cjk) };
}

export async function writeDoc(spec: DocSpec, dir: string): Promise<CorpusDoc> {
  const file = path.join(dir, `${spec.id}.pdf`);
  fs.writeFileSync(file, await renderDoc(spec));
  return { spec, file, truth: truthOf(spec) };
}
