// MATCHING stage: pair every BOM row with at most one CAD part, one-to-one overall.

import type { BomMatch, BomRow, MatchCandidate, QuantityMismatch, StageFn, StepPart } from "../types.js";
import { assignMaxScore, MIN_MATCH_SCORE } from "./assign.js";
import { asScoredPart, subAssemblies } from "./assembly-nodes.js";
import { BOUGHT_IN_REASON, isBoughtInHardware } from "./bought-in.js";
import { NO_MATCH, scorePair, type Candidate } from "./score.js";

export { assignMaxScore, hungarian, MIN_MATCH_SCORE } from "./assign.js";
export { normaliseName, parseStandard, tokens } from "./normalise.js";
export { diceSimilarity, levenshteinSimilarity, scorePair } from "./score.js";
export { translateWords } from "./glossary.js";

/** Least score of a row for a sub-assembly node: the same name, not a word in common. */
const SUB_ASSEMBLY_SCORE = 0.85;

/** A row may also own an unclaimed part this close to it (same part split into two products). */
const EXTRA_PART_SCORE = 0.9;

/**
 * Added to the solver's weight (never to the reported confidence) when quantities agree,
 * so that between equally named candidates the one with the right count wins.
 */
const QUANTITY_TIE_BREAK = 0.01;

export const runMatching: StageFn<"MATCHING"> = async ({ bom, step }, reporter) => {
  const rows = bom.rows;
  const parts = step.parts;
  // Columns of the score matrix: the parts, then the distinct sub-assembly nodes.
  const subs = step.tree ? subAssemblies(step.tree, parts) : [];
  const columns = [...parts, ...subs.map((s) => asScoredPart(s, parts))];
  const subOf = (j: number) => (j >= parts.length ? subs[j - parts.length]! : null);
  reporter.stage(0, `Scoring ${rows.length} BOM rows against ${parts.length} CAD parts and ${subs.length} sub-assemblies`);

  const candidates: Candidate[][] = [];
  const weights: number[][] = [];
  const every = Math.max(1, Math.ceil(rows.length / 10));
  const perFile = new Map<string, number>();
  for (const p of parts) if (p.fileName) perFile.set(p.fileName, (perFile.get(p.fileName) ?? 0) + 1);
  const ownFile = (p: StepPart) => !!p.fileName && perFile.get(p.fileName) === 1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const cRow = columns.map((part, j) => {
      if (j < parts.length) return scorePair(row, part, { ownFile: ownFile(part) });
      // A sub-assembly only when the row names it: "nut" must not become "nut-bolt-assembly".
      const c = scorePair(row, part);
      return c.score >= SUB_ASSEMBLY_SCORE ? c : NO_MATCH;
    });
    candidates.push(cRow);
    weights.push(
      cRow.map((c, j) => (c.score >= MIN_MATCH_SCORE && row.quantity === columns[j]!.instanceCount ? c.score + QUANTITY_TIE_BREAK : c.score)),
    );
    if ((i + 1) % every === 0) {
      reporter.stage(Math.round(((i + 1) / rows.length) * 70), `Scored ${i + 1}/${rows.length} rows`);
    }
  }

  reporter.stage(75, "Solving the row/part assignment");
  const assignment = assignMaxScore(weights);

  // Unclaimed parts that score as well as an exact name go with their best row too.
  const extras = new Map<number, number[]>();
  const claimedBySolver = new Set(assignment.filter((j): j is number => j !== null));
  parts.forEach((_, j) => {
    if (claimedBySolver.has(j)) return;
    let bestRow = -1;
    for (let i = 0; i < rows.length; i++) {
      if (bestRow < 0 || candidates[i]![j]!.score > candidates[bestRow]![j]!.score) bestRow = i;
    }
    const primary = bestRow >= 0 ? assignment[bestRow] : null;
    if (primary == null || subOf(primary) || candidates[bestRow]![j]!.score < EXTRA_PART_SCORE) return;
    extras.set(bestRow, [...(extras.get(bestRow) ?? []), j]);
  });

  const matches: BomMatch[] = rows.map((row, i) => {
    const j = assignment[i] ?? null;
    const cand = j === null ? NO_MATCH : candidates[i]![j]!;
    const sub = j === null ? null : subOf(j);
    // A sub-assembly match: its parts are the row's (partIndex the first, so every reader of
    // partIndex sees the row matched), its count is how often the node occurs.
    const partIndices = j === null ? [] : sub ? sub.partIndices : [j, ...(extras.get(i) ?? [])];
    const cadQuantity = j === null ? null : sub ? sub.count : partIndices.reduce((s, k) => s + parts[k]!.instanceCount, 0);
    const reason =
      j === null
        ? bestRejectedReason(row, candidates[i]!)
        : sub
          ? `${cand.reason}, sub-assembly of ${sub.partIndices.length} part(s)`
          : partIndices.length > 1
            ? `${cand.reason}, ${partIndices.length} CAD products`
            : cand.reason;
    return {
      bomIndex: i,
      partIndex: j === null ? null : (partIndices[0] ?? null),
      confidence: j === null ? 0 : Math.round(cand.score * 1000) / 1000,
      reason,
      bomQuantity: row.quantity,
      cadQuantity,
      quantityOk: j !== null && row.quantity !== null && row.quantity === cadQuantity,
      partIndices,
      candidates: nearest(candidates[i]!.slice(0, parts.length)),
      cadAssembly: sub ? sub.name : null,
    };
  });
  perParentQuantities(rows, matches);

  const quantityMismatches: QuantityMismatch[] = [];
  for (const m of matches) {
    if (m.partIndex === null || m.quantityOk) continue;
    quantityMismatches.push({ bomIndex: m.bomIndex, partIndex: m.partIndex, bomQuantity: m.bomQuantity, cadQuantity: m.cadQuantity! });
    const row = rows[m.bomIndex]!;
    const label = row.name ?? row.partNumber ?? row.description ?? `row ${m.bomIndex + 1}`;
    reporter.log("WARN", `Quantity mismatch for "${label}" (item ${row.item ?? "?"}): BOM ${m.bomQuantity ?? "missing"}, CAD ${m.cadQuantity}`, {
      bomIndex: m.bomIndex,
      partIndex: m.partIndex,
      bomQuantity: m.bomQuantity,
      cadQuantity: m.cadQuantity,
    });
  }

  const claimed = new Set(matches.flatMap((m) => m.partIndices ?? []));
  const unmatchedBomRows = matches.filter((m) => m.partIndex === null).map((m) => m.bomIndex);
  const unmatchedParts = parts.map((_, j) => j).filter((j) => !claimed.has(j));
  const matchRate = rows.length ? (rows.length - unmatchedBomRows.length) / rows.length : 0;
  const partCandidates = unmatchedParts.map((j) => ({ partIndex: j, candidates: nearest(candidates.map((c) => c[j]!)) }));

  reporter.stage(100, `Matched ${rows.length - unmatchedBomRows.length}/${rows.length} rows; ${unmatchedParts.length} CAD parts unmatched`, {
    matchRate,
    unmatchedBomRows: unmatchedBomRows.length,
    unmatchedParts: unmatchedParts.length,
  });
  return { matches, unmatchedBomRows, unmatchedParts, matchRate, quantityMismatches, partCandidates };
};

/** Top three non-zero candidates, best first; index is the position in `cands`. */
function nearest(cands: Candidate[]): MatchCandidate[] {
  return cands
    .map((c, index) => ({ index, score: Math.round(c.score * 1000) / 1000, reason: c.reason }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, 3);
}

/**
 * Indented lists give a child's quantity per copy of its parent: a child of a row matched to a
 * sub-assembly occurring k times agrees when k × its quantity is the CAD count.
 */
function perParentQuantities(rows: BomRow[], matches: BomMatch[]) {
  rows.forEach((row, i) => {
    const m = matches[i]!;
    const parent = row.parentIndex == null ? undefined : matches[row.parentIndex];
    if (m.quantityOk || m.partIndex === null || row.quantity === null || !parent?.cadAssembly || !parent.cadQuantity) return;
    if (row.quantity * parent.cadQuantity === m.cadQuantity) {
      m.quantityOk = true;
      m.reason = `${m.reason}; ${row.quantity} per ${parent.cadAssembly} ×${parent.cadQuantity}`;
    }
  });
}

/** Why a row ended unmatched: no candidate at all, bought-in hardware, or every candidate too weak / taken. */
function bestRejectedReason(row: BomRow, cands: Candidate[]): string {
  const best = cands.reduce((a, b) => (b.score > a.score ? b : a), NO_MATCH);
  if (best.score < MIN_MATCH_SCORE && isBoughtInHardware(row)) {
    return best.score === 0 ? BOUGHT_IN_REASON : `${BOUGHT_IN_REASON} (nearest: ${best.reason} ${best.score.toFixed(2)})`;
  }
  if (best.score === 0) return "no candidate";
  return `no free candidate (best: ${best.reason} ${best.score.toFixed(2)})`;
}
