// Tesseract languages: from the job's ocrLanguages argument, or from the scripts the text
// layer shows (a Cyrillic title block → rus), else English. Only installed models are used.
import { existsSync, readdirSync } from "node:fs";

const ALIASES: Record<string, string> = {
  en: "eng",
  de: "deu",
  fr: "fra",
  es: "spa",
  ca: "cat",
  ru: "rus",
  zh: "chi_sim",
  "zh-cn": "chi_sim",
  chi: "chi_sim",
};

let installed: Set<string> | null = null;
/** Models found in Debian's tessdata folders (TESSDATA_PREFIX first). */
export function installedLanguages(): Set<string> {
  if (installed) return installed;
  const dirs = [process.env.TESSDATA_PREFIX, "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"];
  installed = new Set();
  for (const d of dirs) {
    if (!d || !existsSync(d)) continue;
    for (const f of readdirSync(d)) if (f.endsWith(".traineddata") && f !== "osd.traineddata") installed.add(f.slice(0, -12));
  }
  return installed;
}

/** Normalised codes ("de" → "deu"); unknown ones are returned in `missing`. */
export function normalizeLanguages(codes: string[]): { ok: string[]; missing: string[] } {
  const have = installedLanguages();
  const ok: string[] = [];
  const missing: string[] = [];
  for (const c of codes) {
    const code = ALIASES[c.trim().toLowerCase()] ?? c.trim().toLowerCase();
    if (have.has(code)) {
      if (!ok.includes(code)) ok.push(code);
    } else missing.push(c);
  }
  return { ok, missing };
}

/** Languages suggested by text already on the pages (title blocks often keep a text layer). */
export function languagesFromText(text: string): string[] {
  const langs = ["eng"];
  if (/[\u0400-\u04FF]/.test(text)) langs.push("rus");
  if (/[\u4E00-\u9FFF]/.test(text)) langs.push("chi_sim");
  if (/[äöüßÄÖÜ]|\b(Benennung|Menge|Stückliste|Zeichnung)\b/.test(text)) langs.push("deu");
  // Header words an English pass still reads (accents may be lost): they pick the table's language.
  if (/\b(Unitats|Quantitat|Descripci[oó]|Prove[iï]dor|Escandall)/i.test(text)) langs.push("cat");
  if (/\b(Cantidad|Descripci[oó]n|Denominaci[oó]n|Pieza|Proveedor)\b/i.test(text)) langs.push("spa");
  if (/\b(D[ée]signation|Quantit[ée]|Rep[èe]re|Nomenclature)\b/i.test(text)) langs.push("fra");
  return normalizeLanguages(langs).ok;
}
