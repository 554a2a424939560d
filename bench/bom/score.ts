// Row-level scoring of an extraction against ground truth. Rows are aligned in order (LCS)
// where at least half of the document's fields agree; a matched row counts for precision and
// recall, and its fields for cell accuracy (unmatched truth rows score zero cells).
import type { BomRow } from "../../server/src/stages/types.js";
import type { TruthRow } from "#test-support/bom-corpus/index.js";

const FIELDS = ["item", "partNumber", "name", "description", "quantity", "unit", "material", "note"] as const;
type F = (typeof FIELDS)[number];

export interface Score {
  truth: number;
  got: number;
  matched: number;
  exact: number;
  cells: number;
  cellsRight: number;
}

const norm = (v: unknown) => (typeof v === "string" ? v.replace(/\s+/g, " ").trim() : v);

export function scoreDoc(got: BomRow[], truth: TruthRow[]): Score {
  // The document's fields: those the truth ever fills.
  const fields = FIELDS.filter((f) => truth.some((t) => t[f] !== null));
  const same = (g: BomRow, t: TruthRow, f: F) => norm(g[f]) === norm(t[f]);
  const sim = (g: BomRow, t: TruthRow) => fields.filter((f) => same(g, t, f)).length / fields.length;
  // LCS over rows with similarity >= 0.5, maximising total similarity.
  const n = got.length;
  const m = truth.length;
  const dp = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim(got[i], truth[j]);
      dp[i][j] = Math.max(dp[i + 1][j], dp[i][j + 1], s >= 0.5 ? s + dp[i + 1][j + 1] : 0);
    }
  }
  const score: Score = { truth: m, got: n, matched: 0, exact: 0, cells: m * fields.length, cellsRight: 0 };
  for (let i = 0, j = 0; i < n && j < m;) {
    const s = sim(got[i], truth[j]);
    if (s >= 0.5 && dp[i][j] === s + dp[i + 1][j + 1]) {
      score.matched++;
      score.cellsRight += fields.filter((f) => same(got[i], truth[j], f)).length;
      if (FIELDS.every((f) => same(got[i], truth[j], f)) && got[i].page === truth[j].page) score.exact++;
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return score;
}

export function metrics(s: Score) {
  const precision = s.got ? s.matched / s.got : s.truth ? 0 : 1;
  const recall = s.truth ? s.matched / s.truth : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, cellAccuracy: s.cells ? s.cellsRight / s.cells : 1 };
}

export function sumScores(all: Score[]): Score {
  const z: Score = { truth: 0, got: 0, matched: 0, exact: 0, cells: 0, cellsRight: 0 };
  for (const s of all) for (const k of Object.keys(z) as (keyof Score)[]) z[k] += s[k];
  return z;
}
