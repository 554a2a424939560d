// Candidate score between one BOM row and one CAD part. Each rule yields a fixed score; the
// best rule wins, so the reason string always explains the number.

import type { BomRow, StepPart } from "../types.js";
import { normaliseName, parseStandard, tokens } from "./normalise.js";

export interface Candidate {
  score: number;
  reason: string;
}

export const NO_MATCH: Candidate = { score: 0, reason: "no match" };

/** Minimum similarity for a fuzzy name match (before the × 0.9 penalty). */
export const FUZZY_THRESHOLD = 0.75;

/** Normalised Levenshtein similarity: 1 - distance / longer length. */
export function levenshteinSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
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
const subset = (small: string[], big: Set<string>) =>
  small.join("").length >= 3 && small.every((t) => big.has(t));

/** Score one BOM row against one CAD part; NO_MATCH when no rule applies. */
export function scorePair(row: BomRow, part: StepPart): Candidate {
  const partNorm = normaliseName(part.name);
  if (!partNorm) return NO_MATCH;
  let best = NO_MATCH;
  const consider = (score: number, reason: string) => {
    if (score > best.score) best = { score, reason };
  };

  const pn = normaliseName(row.partNumber);
  if (pn && pn === partNorm) return { score: 1, reason: "part number exact" };
  // CAD names are often "<part number> <name>" or "<part number>_rev2"; a long enough
  // part number at the start of the name is nearly as good as equality.
  if (pn.length >= 4 && partNorm.startsWith(pn)) consider(0.85, "part number prefix");

  const nameNorm = normaliseName(row.name);
  const descNorm = normaliseName(row.description);
  if (nameNorm && nameNorm === partNorm) consider(0.95, "name exact");
  if (descNorm && descNorm === partNorm) consider(0.9, "description exact");

  const stdPart = parseStandard(part.name);
  if (stdPart) {
    const stdRow =
      parseStandard(row.name) ?? parseStandard(row.description) ?? parseStandard(row.partNumber);
    if (stdRow && stdRow.standard === stdPart.standard && stdRow.size === stdPart.size) {
      consider(0.9, "standard designation");
    }
  }

  const partTokens = tokens(part.name);
  const rowTokens = new Set([...tokens(row.name), ...tokens(row.description)]);
  const nameTokens = tokens(row.name);
  if (subset(partTokens, rowTokens)) consider(0.8, "part name in row");
  else if (subset(nameTokens, new Set(partTokens))) consider(0.8, "row name in part name");

  for (const text of [nameNorm, descNorm]) {
    if (!text) continue;
    const sim = Math.max(levenshteinSimilarity(text, partNorm), diceSimilarity(text, partNorm));
    if (sim >= FUZZY_THRESHOLD) consider(sim * 0.9, "fuzzy name");
  }
  return best;
}
