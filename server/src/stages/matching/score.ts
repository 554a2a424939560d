// Candidate score between one BOM row and one CAD part. Each rule yields a fixed score; the
// best rule wins, so the reason string always explains the number.

import type { BomRow, StepPart } from "../types.js";
import { configurationVerdict, partNameForms, rowNameForms, withoutDrawingNumber } from "./cad-names.js";
import { translateWords } from "./glossary.js";
import { normaliseName, parseStandard, tokens } from "./normalise.js";

export interface Candidate {
  score: number;
  reason: string;
}

export const NO_MATCH: Candidate = { score: 0, reason: "no match" };

/** Minimum similarity for a fuzzy name match (before the × 0.9 penalty). */
export const FUZZY_THRESHOLD = 0.75;

/**
 * Normalised edit similarity: 1 - distance / longer length, where swapping two neighbouring
 * letters ("Plaet") costs one edit like any typo (optimal string alignment distance).
 */
export function levenshteinSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j]!, before[j - 2]! + 1);
    }
    before = prev;
    prev = cur;
  }
  return 1 - prev[b.length]! / Math.max(a.length, b.length);
}

/** Sørensen–Dice coefficient on character bigrams (multiset). */
export function diceSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length - 1 + (b.length - 1));
}

/** All of `small` in `big`; too-short names ("A", "1") would match anything, so need 3+ chars. */
const subset = (small: string[], big: Set<string>) => small.join("").length >= 3 && small.every((t) => big.has(t));

/** `short` is an abbreviation of `long`: same first letter, its letters in order ("brkt" → "bracket"). */
function abbreviates(short: string, long: string): boolean {
  if (short === long) return true;
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0] || /\d/.test(short + long)) return false;
  let k = 0;
  for (const ch of long) if (ch === short[k]) k++;
  return k === short.length;
}

/** Optional facts about the part that depend on the whole assembly. */
export interface PartContext {
  /** The part is the only one of its STEP file, so the file name names it. */
  ownFile?: boolean;
}

type Field = "name" | "description" | "note";
const FIELDS: Field[] = ["name", "description", "note"];
const stemOf = (file: string | null | undefined) => (file ? file.replace(/\.[^.]+$/, "") : "");

/** Score one BOM row against one CAD part; NO_MATCH when no rule applies. */
export function scorePair(row: BomRow, part: StepPart, ctx: PartContext = {}): Candidate {
  const partNorm = normaliseName(part.name);
  if (!partNorm) return NO_MATCH;
  let best = NO_MATCH;
  const consider = (score: number, reason: string) => {
    if (score > best.score) best = { score, reason };
  };
  const partPn = normaliseName(part.partNumber);
  const partDesc = normaliseName(part.description);
  const fileStem = ctx.ownFile ? normaliseName(stemOf(part.fileName)) : "";
  const texts = FIELDS.map((f) => ({ field: f, text: row[f] ?? "", norm: normaliseName(row[f]) }));

  // Part identity as SolidWorks defines it: <part number>_<configuration>. A part named after
  // the same part number with another configuration is never this row's part.
  if (row.partNumber && row.configuration) {
    const names = [part.name, part.partNumber, ctx.ownFile ? stemOf(part.fileName) : null].filter((x): x is string => !!x);
    const verdicts = names.map((n) => configurationVerdict(row.partNumber!, row.configuration!, n));
    if (verdicts.includes("same")) return { score: 1, reason: "part number + configuration" };
    if (verdicts[0] === "other") return { score: 0, reason: `another configuration of ${row.partNumber}` };
  }

  // Part numbers: the BOM's part-number cell against the PRODUCT id, else the CAD name.
  const pn = normaliseName(row.partNumber);
  if (pn && (pn === partNorm || pn === partPn)) return { score: 1, reason: "part number exact" };
  if (partPn.length >= 3 && texts.some((t) => t.norm === partPn)) consider(0.95, "part number exact");
  // CAD names are often "<part number> <name>" or "<part number>_rev2"; a long enough
  // part number at the start of the name is nearly as good as equality.
  if (pn.length >= 4 && (partNorm.startsWith(pn) || (partPn && partPn.startsWith(pn)))) consider(0.85, "part number prefix");
  if (fileStem.length >= 3 && (fileStem === pn || texts.some((t) => t.norm === fileStem))) consider(0.9, "file name");

  // Names that are file names: configuration words, instance suffixes, separators and case
  // aside, the same name; then the same name once drawing-number prefixes are set aside.
  const partForms = new Set([
    ...partNameForms(part.name, row.configuration),
    ...(part.partNumber ? partNameForms(part.partNumber, row.configuration) : []),
  ]);
  const fileForms = new Set(ctx.ownFile && part.fileName ? partNameForms(stemOf(part.fileName), row.configuration) : []);
  const rowTexts = [row.partNumber, row.name].filter((x): x is string => !!x);
  const rowForms = rowTexts.flatMap(rowNameForms);
  if (rowForms.some((f) => partForms.has(f))) consider(0.93, "same file name");
  else if (rowForms.some((f) => fileForms.has(f))) consider(0.9, "file name");
  const bare = (t: string | null | undefined) => (t ? withoutDrawingNumber(t) : null);
  const partBare = new Set([part.name, part.partNumber].map(bare).flatMap((t) => (t ? partNameForms(t, row.configuration) : [])));
  if (partBare.size && rowTexts.some((t) => (bare(t) ? rowNameForms(bare(t)!) : []).some((f) => partBare.has(f)))) {
    consider(0.88, "same name after the drawing number");
  }

  for (const { field, norm } of texts) {
    if (!norm) continue;
    if (norm === partNorm) consider(field === "name" ? 0.95 : 0.9, `${field} exact`);
    else if (norm === partDesc) consider(0.88, `${field} exact (CAD description)`);
  }

  const partStd = [part.name, part.description, part.partNumber].map(parseStandard).find((s) => s !== null);
  if (partStd) {
    const rowStd = [row.name, row.description, row.note, row.partNumber].map(parseStandard).find((s) => s !== null);
    if (rowStd && rowStd.standard === partStd.standard && rowStd.size === partStd.size) consider(0.9, "standard designation");
  }

  // Drawing numbers are not words: "01" of "01_02_05-bearing" must not meet "bearing _01".
  const partTokens = tokens(bare(part.name) ?? part.name);
  const nameTokens = tokens(bare(row.name) ?? row.name);
  const otherTokens = new Set([...tokens(row.description), ...tokens(row.note)]);
  if (subset(partTokens, new Set(nameTokens))) consider(0.8, "part name in row");
  else if (subset(partTokens, otherTokens)) consider(0.78, "description tokens");
  else if (subset(nameTokens, new Set(partTokens))) consider(0.8, "row name in part name");
  else if (partDesc && subset(tokens(part.description), new Set([...nameTokens, ...otherTokens]))) {
    consider(0.75, "CAD description tokens");
  }

  // Other languages: a glossary of part words, plus any Latin letters kept as they are ("L形支架").
  // A translated name is as telling as the part word in a description; a translated note less so.
  for (const { field, text } of texts) {
    if (!text) continue;
    const plain = bare(text) ?? text;
    const translated = new Set([...tokens(plain.replace(/\p{Script=Han}+/gu, " ")), ...translateWords(plain)]);
    if (subset(partTokens, translated)) consider(field === "name" ? 0.79 : 0.74, "translated name");
  }

  // Abbreviations ("L-BRKT", "Hx Nt"): every token pairs with a part token in order.
  if (nameTokens.length === partTokens.length && nameTokens.some((t, k) => t !== partTokens[k])) {
    if (partTokens.join("").length >= 3 && nameTokens.every((t, k) => abbreviates(t, partTokens[k]!))) {
      consider(0.7, "abbreviated name");
    }
  }

  for (const { norm } of texts) {
    if (!norm) continue;
    const sim = Math.max(levenshteinSimilarity(norm, partNorm), diceSimilarity(norm, partNorm));
    if (sim >= FUZZY_THRESHOLD) consider(sim * 0.9, "fuzzy name");
  }
  return best;
}
