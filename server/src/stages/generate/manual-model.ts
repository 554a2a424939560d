// The manual's content as plain data, built once and rendered twice (HTML and PDF) so the
// two artifacts can never disagree.

import type { StageInputs } from "../types.js";
import { planAssemblySteps, type AssemblyStep, type StepItem } from "./step-order.js";

export type MatchStatus = "matched" | "quantity mismatch" | "not in the CAD";

export interface ManualPartRow {
  item: string;
  partNumber: string;
  name: string;
  quantity: string;
  material: string;
  status: MatchStatus;
}

export interface ManualStep {
  number: number;
  kind: AssemblyStep["kind"];
  items: { name: string; quantity: number }[];
  sentence: string;
  /** The planned step, for renderers that need geometry (pictures). */
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
  };
  parts: ManualPartRow[];
  steps: ManualStep[];
  notes: string[];
  warnings: string[];
}

const dash = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === "" ? "—" : String(v);

const count = (it: StepItem) => (it.quantity > 1 ? `${it.quantity} × ${it.name}` : `the ${it.name}`);

function listPhrase(items: StepItem[]): string {
  const parts = items.map((it) => (it.quantity > 1 || it.fastener ? `${it.quantity} × ${it.name}` : `the ${it.name}`));
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** Plain-text instruction for one planned step. */
export function stepSentence(step: AssemblyStep): string {
  if (step.kind === "base") return `Place ${count(step.items[0]!)} on the work surface as the base part.`;
  const phrase = listPhrase(step.items);
  return `Attach ${phrase} to the ${step.attachToName ?? "assembly"}.`;
}

export function buildManualModel(input: StageInputs["GENERATE"]): ManualModel {
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
    };
  });

  const steps = planAssemblySteps(bom, step, matching).map((plan) => ({
    number: plan.number,
    kind: plan.kind,
    items: plan.items.map((it) => ({ name: it.name, quantity: it.quantity })),
    sentence: stepSentence(plan),
    plan,
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
    cover: { title, drawingNumber: tb.drawingNumber, revision: tb.revision, date: tb.date, fields },
    parts,
    steps,
    notes: deep.notes.filter((n) => n.trim().length > 0),
    warnings,
  };
}
