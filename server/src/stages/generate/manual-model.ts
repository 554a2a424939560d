// The manual's content as plain data, built once and rendered twice (HTML and PDF) so the
// two artifacts can never disagree.

import type { StageInputs } from "../types.js";
import type { AssemblyPlan, AssemblyStep } from "./plan.js";
import { hex, PALETTE, type ManualPictures } from "./pictures.js";
import { stepSentence } from "./sentences.js";

export type MatchStatus = "matched" | "quantity mismatch" | "not in the CAD";

export interface ManualPartRow {
  item: string;
  partNumber: string;
  name: string;
  quantity: string;
  material: string;
  status: MatchStatus;
  /** Thumbnail PNG of the matched CAD part. */
  picture: Buffer | null;
}

export interface ManualStepItem {
  name: string;
  quantity: number;
  perCopy: number;
  /** Highlight colour in the step picture (#rrggbb). */
  colour: string;
  subassembly: boolean;
  partIndex: number | null;
}

export interface ManualStep {
  number: number;
  kind: AssemblyStep["kind"];
  /** "Step 3", or "Step 1 · Sub-assembly rod-assembly (make 2)". */
  title: string;
  items: ManualStepItem[];
  sentence: string;
  picture: Buffer | null;
  /** The planned step, for tests and later renderers. */
  plan: AssemblyStep;
}

export interface ManualModel {
  cover: {
    title: string;
    drawingNumber: string | null;
    revision: string | null;
    date: string | null;
    /** Extra title-block fields worth printing (material, scale, …). */
    fields: [string, string][];
    picture: Buffer | null;
  };
  parts: ManualPartRow[];
  steps: ManualStep[];
  exploded: Buffer | null;
  notes: string[];
  warnings: string[];
}

const dash = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === "" ? "—" : String(v);

export const NO_PICTURES: ManualPictures = { cover: null, exploded: null, parts: new Map(), steps: new Map() };

function stepTitle(s: AssemblyStep): string {
  if (!s.assembly) return `Step ${s.number}`;
  return `Step ${s.number} · Sub-assembly ${s.assembly}${s.copies > 1 ? ` (make ${s.copies})` : ""}`;
}

export function buildManualModel(input: StageInputs["GENERATE"], plan: AssemblyPlan, pictures: ManualPictures = NO_PICTURES): ManualModel {
  const { bom, deep, step, matching } = input;
  const tb = deep.titleBlock;
  const title = tb.title?.trim() || step.tree.name?.trim() || "Assembly";

  const byRow = new Map(matching.matches.map((m) => [m.bomIndex, m]));
  const parts: ManualPartRow[] = bom.rows.map((row, i) => {
    const m = byRow.get(i);
    const status: MatchStatus =
      !m || m.partIndex === null ? "not in the CAD" : m.quantityOk ? "matched" : "quantity mismatch";
    return {
      item: dash(row.item ?? String(i + 1)),
      partNumber: dash(row.partNumber),
      name: dash(row.name ?? row.description),
      quantity: row.quantity === null ? "—" : `${row.quantity}${row.unit ? ` ${row.unit}` : ""}`,
      material: dash(row.material),
      status,
      picture: m?.partIndex != null ? (pictures.parts.get(m.partIndex) ?? null) : null,
    };
  });

  const steps: ManualStep[] = plan.steps.map((s) => ({
    number: s.number,
    kind: s.kind,
    title: stepTitle(s),
    items: s.items.map((it, k) => ({
      name: it.name,
      quantity: it.quantity,
      perCopy: it.perCopy,
      colour: hex(PALETTE[k % PALETTE.length]!),
      subassembly: it.subassembly,
      partIndex: it.partIndex,
    })),
    sentence: stepSentence(s),
    picture: pictures.steps.get(s.number) ?? null,
    plan: s,
  }));

  const rowLabel = (i: number) => {
    const r = bom.rows[i];
    return `item ${r?.item ?? i + 1} "${r?.name ?? r?.partNumber ?? r?.description ?? "?"}"`;
  };
  // Most actionable first: wrong counts, then CAD parts missing from the list, then rows.
  const warnings: string[] = [];
  for (const m of matching.matches) {
    if (m.partIndex === null || m.quantityOk) continue;
    warnings.push(
      `Quantity mismatch for BOM ${rowLabel(m.bomIndex)}: parts list ${m.bomQuantity ?? "—"}, CAD model ${m.cadQuantity ?? "—"}.`,
    );
  }
  for (const j of matching.unmatchedParts) {
    const p = step.parts[j];
    const n = p?.instanceCount ?? 0;
    if (p) warnings.push(`CAD part "${p.name}" (${n} ${n === 1 ? "instance" : "instances"}) is not in the parts list.`);
  }
  for (const i of matching.unmatchedBomRows) {
    warnings.push(`BOM ${rowLabel(i)} has no matching part in the CAD model.`);
  }
  warnings.push(...bom.warnings.map((w) => `Parts list: ${w}`));

  const skip = new Set(["title", "drawingnumber", "revision", "date"]);
  const fields = Object.entries(tb.fields ?? {}).filter(
    ([k, v]) => v && !skip.has(k.toLowerCase().replace(/[^a-z]/g, "")),
  );

  return {
    cover: { title, drawingNumber: tb.drawingNumber, revision: tb.revision, date: tb.date, fields, picture: pictures.cover },
    parts,
    steps,
    exploded: pictures.exploded,
    notes: deep.notes.filter((n) => n.trim().length > 0),
    warnings,
  };
}
