// The real-world development set (../shared/fixtures/realworld): documents written by others,
// each with a hand-checked <stem>.truth.json. Scored with the rules of that folder's README:
// rows paired by item where the truth prints items, else by name / part number in order;
// cell accuracy over the typed fields the truth fills; printed extra cells kept in `columns`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BomRow } from "../../src/stages/types.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const REALWORLD_DIR = path.resolve(here, "../../../../shared/fixtures/realworld");

export interface RealTruthRow {
  item: string | null;
  partNumber: string | null;
  name: string | null;
  quantity: number | null;
  unit: string | null;
  material: string | null;
  note: string | null;
  extra: Record<string, string | null>;
}

export interface RealDoc {
  stem: string;
  file: string;
  notes: string;
  rows: RealTruthRow[];
  sections?: { heading: string; rowIndexes: number[] }[];
}

/** The documents with truth, or [] (and a reason) when the shared folder is absent. */
export function realDocs(dir = REALWORLD_DIR): { docs: RealDoc[]; missing?: string } {
  if (!fs.existsSync(dir)) return { docs: [], missing: `${dir} not found` };
  const docs: RealDoc[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith(".truth.json")) continue;
    const t = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    docs.push({ stem: f.replace(/\.truth\.json$/, ""), file: path.join(dir, t.file), notes: t.notes, rows: t.bom, sections: t.sections });
  }
  return { docs };
}

const TYPED = ["item", "partNumber", "name", "quantity", "unit", "material", "note"] as const;
type Typed = (typeof TYPED)[number];

/** Text compared blind to spacing, case and the Unicode form (truth files mix ‐ and -). */
export const normText = (v: unknown) =>
  typeof v === "string"
    ? v
        .normalize("NFKC")
        .replace(/[\u2010\u2011]/g, "-")
        .replace(/\s+/g, " ")
        .trim()
        .toLowerCase()
    : v;

export interface RealScore {
  truth: number;
  got: number;
  paired: number;
  cells: number;
  cellsRight: number;
  extras: number;
  extrasKept: number;
  sections: number;
  sectionsRight: number;
}

export function scoreReal(got: BomRow[], doc: RealDoc): RealScore {
  const truth = doc.rows;
  const fields = TYPED.filter((f) => truth.some((t) => t[f] !== null));
  const pairs = truth.some((t) => t.item !== null) ? [...pairByItem(got, truth), ...pairUnnumbered(got, truth)] : pairInOrder(got, truth);
  const s: RealScore = {
    truth: truth.length,
    got: got.length,
    paired: pairs.length,
    cells: truth.length * fields.length,
    cellsRight: 0,
    extras: 0,
    extrasKept: 0,
    sections: 0,
    sectionsRight: 0,
  };
  const byTruth = new Map(pairs.map(([g, t]) => [t, got[g]]));
  truth.forEach((t, j) => {
    const g = byTruth.get(j);
    if (g) s.cellsRight += fields.filter((f) => sameField(g, t, f)).length;
    for (const [header, value] of Object.entries(t.extra ?? {})) {
      if (value === null || value === "") continue;
      s.extras++;
      const kept = g?.columns?.some((c) => normText(c.header) === normText(header) && normText(c.text) === normText(value));
      if (kept) s.extrasKept++;
    }
  });
  for (const sec of doc.sections ?? []) {
    for (const i of sec.rowIndexes) {
      s.sections++;
      if (normText(byTruth.get(i - 1)?.section) === normText(sec.heading)) s.sectionsRight++;
    }
  }
  return s;
}

function sameField(g: BomRow, t: RealTruthRow, f: Typed): boolean {
  const a = g[f as keyof BomRow];
  const b = t[f];
  if (typeof b === "number" || typeof a === "number") return a === b;
  return normText(a ?? null) === normText(b);
}

/** Rows with the same printed item, in order (items may repeat when numbering restarts). */
function pairByItem(got: BomRow[], truth: RealTruthRow[]): [number, number][] {
  const used = new Set<number>();
  const out: [number, number][] = [];
  let from = 0;
  got.forEach((g, i) => {
    if (g.item === null) return;
    for (let k = 0; k < truth.length; k++) {
      const j = (from + k) % truth.length;
      if (!used.has(j) && normText(truth[j].item) === normText(g.item)) {
        used.add(j);
        out.push([i, j]);
        from = j + 1;
        return;
      }
    }
  });
  return out;
}

/** Rows printed without an item in a numbered list (a specification's document rows), by name or part number in order. */
function pairUnnumbered(got: BomRow[], truth: RealTruthRow[]): [number, number][] {
  const g = got.flatMap((r, i) => (r.item === null ? [i] : []));
  const t = truth.flatMap((r, j) => (r.item === null ? [j] : []));
  return pairInOrder(
    g.map((i) => got[i]),
    t.map((j) => truth[j]),
  ).map(([a, b]) => [g[a], t[b]]);
}

/** Longest common subsequence of rows whose name or part number agree. */
function pairInOrder(got: BomRow[], truth: RealTruthRow[]): [number, number][] {
  const same = (g: BomRow, t: RealTruthRow) =>
    (t.name !== null && normText(g.name) === normText(t.name)) || (t.partNumber !== null && normText(g.partNumber) === normText(t.partNumber));
  const n = got.length;
  const m = truth.length;
  const dp = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) dp[i][j] = same(got[i], truth[j]) ? 1 + dp[i + 1][j + 1] : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (same(got[i], truth[j]) && dp[i][j] === 1 + dp[i + 1][j + 1]) {
      out.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return out;
}

export function realMetrics(s: RealScore) {
  const precision = s.got ? s.paired / s.got : s.truth ? 0 : 1;
  const recall = s.truth ? s.paired / s.truth : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    precision,
    recall,
    f1,
    cellAccuracy: s.cells ? s.cellsRight / s.cells : 1,
    extrasKept: s.extras ? s.extrasKept / s.extras : 1,
    sections: s.sections ? s.sectionsRight / s.sections : 1,
  };
}
