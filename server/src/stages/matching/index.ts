// MATCHING stage: pair every BOM row with at most one CAD part, one-to-one overall.

import type { BomMatch, StageFn } from "../types.js";
import { assignMaxScore, MIN_MATCH_SCORE } from "./assign.js";
import { NO_MATCH, scorePair, type Candidate } from "./score.js";

export { assignMaxScore, hungarian, MIN_MATCH_SCORE } from "./assign.js";
export { normaliseName, parseStandard, tokens } from "./normalise.js";
export { scorePair } from "./score.js";

/**
 * Added to the solver's weight (never to the reported confidence) when quantities agree,
 * so that between equally named candidates the one with the right count wins.
 */
const QUANTITY_TIE_BREAK = 0.01;

export const runMatching: StageFn<"MATCHING"> = async ({ bom, step }, reporter) => {
  const rows = bom.rows;
  const parts = step.parts;
  reporter.stage(0, `Scoring ${rows.length} BOM rows against ${parts.length} CAD parts`);

  const candidates: Candidate[][] = [];
  const weights: number[][] = [];
  const every = Math.max(1, Math.ceil(rows.length / 10));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const cRow = parts.map((part) => scorePair(row, part));
    candidates.push(cRow);
    weights.push(
      cRow.map((c, j) =>
        c.score >= MIN_MATCH_SCORE && row.quantity === parts[j]!.instanceCount ? c.score + QUANTITY_TIE_BREAK : c.score,
      ),
    );
    if ((i + 1) % every === 0) {
      reporter.stage(Math.round(((i + 1) / rows.length) * 70), `Scored ${i + 1}/${rows.length} rows`);
    }
  }

  reporter.stage(75, "Solving the row/part assignment");
  const assignment = assignMaxScore(weights);

  const matches: BomMatch[] = rows.map((row, i) => {
    const j = assignment[i] ?? null;
    const cand = j === null ? NO_MATCH : candidates[i]![j]!;
    const cadQuantity = j === null ? null : parts[j]!.instanceCount;
    return {
      bomIndex: i,
      partIndex: j,
      confidence: j === null ? 0 : Math.round(cand.score * 1000) / 1000,
      reason: j === null ? bestRejectedReason(candidates[i]!) : cand.reason,
      bomQuantity: row.quantity,
      cadQuantity,
      quantityOk: j !== null && row.quantity !== null && row.quantity === cadQuantity,
    };
  });

  for (const m of matches) {
    if (m.partIndex === null || m.quantityOk) continue;
    const row = rows[m.bomIndex]!;
    const label = row.name ?? row.partNumber ?? row.description ?? `row ${m.bomIndex + 1}`;
    reporter.log(
      "WARN",
      `Quantity mismatch for "${label}" (item ${row.item ?? "?"}): BOM ${m.bomQuantity ?? "missing"}, CAD ${m.cadQuantity}`,
      { bomIndex: m.bomIndex, partIndex: m.partIndex, bomQuantity: m.bomQuantity, cadQuantity: m.cadQuantity },
    );
  }

  const claimed = new Set(matches.flatMap((m) => (m.partIndex === null ? [] : [m.partIndex])));
  const unmatchedBomRows = matches.filter((m) => m.partIndex === null).map((m) => m.bomIndex);
  const unmatchedParts = parts.map((_, j) => j).filter((j) => !claimed.has(j));
  const matchRate = rows.length ? (rows.length - unmatchedBomRows.length) / rows.length : 0;

  reporter.stage(
    100,
    `Matched ${rows.length - unmatchedBomRows.length}/${rows.length} rows; ${unmatchedParts.length} CAD parts unmatched`,
    { matchRate, unmatchedBomRows: unmatchedBomRows.length, unmatchedParts: unmatchedParts.length },
  );
  return { matches, unmatchedBomRows, unmatchedParts, matchRate };
};

/** Why a row ended unmatched: no candidate at all, or every candidate too weak / taken. */
function bestRejectedReason(cands: Candidate[]): string {
  const best = cands.reduce((a, b) => (b.score > a.score ? b : a), NO_MATCH);
  if (best.score === 0) return "no candidate";
  return `no free candidate (best: ${best.reason} ${best.score.toFixed(2)})`;
}
