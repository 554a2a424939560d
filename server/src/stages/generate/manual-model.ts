// The manual's content as plain data, built once and rendered twice (HTML and PDF) so the
// two artifacts can never disagree.

import type { StageInputs } from "../types.js";
import type { AssemblyPlan, AssemblyStep } from "./plan.js";
import { hex, PALETTE, type ManualPictures } from "./pictures.js";
import { stepSentence } from "./sentences.js";
import { layoutCallouts, type Callout } from "./callouts.js";
import { readHardware, torqueText } from "./hardware.js";
import { pngSize } from "./png-size.js";

export type MatchStatus = "matched" | "quantity mismatch" | "not in the CAD";

export interface ManualPartRow {
  item: string;
  partNumber: string;
  name: string;
  quantity: string;
  material: string;
  status: MatchStatus;
  /** Printed cells of the BOM's other columns (supplier, price…), one per ManualModel.partColumns. */
  extra: string[];
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
  /** BOM item number (as in the parts list), or null for a part not in the list. */
  item: string | null;
  fastener: boolean;
  /** Fastener spec from the BOM ("ISO 4017 M8×30 – 8.8"). */
  spec: string | null;
  tool: string | null;
  /** "25 N·m (reference value)" when the property class and size are in the table. */
  torque: string | null;
}

/** One fastener in a step's hardware kit strip: drawn once, with its count. */
export interface ManualKitEntry {
  item: string | null;
  label: string;
  count: number;
  picture: Buffer | null;
  /** Millimetres per picture pixel: the picture prints 1:1 at this scale. */
  mmPerPx: number | null;
}

/** A chapter of the table of contents: one sub-assembly build, or the main assembly. */
export interface ManualChapter {
  title: string;
  firstStep: number;
  lastStep: number;
}

export interface ManualStep {
  number: number;
  kind: AssemblyStep["kind"];
  /** "Step 3", or "Step 1 · Sub-assembly rod-assembly (make 2)". */
  title: string;
  items: ManualStepItem[];
  sentence: string;
  picture: Buffer | null;
  /** Balloons with BOM item numbers, in picture pixels. */
  callouts: Callout[];
  kit: ManualKitEntry[];
  /** Tools this step needs (from its fasteners). */
  tools: string[];
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
    /** Tools for the whole manual, with the sizes. */
    tools: string[];
    /** Reference torques per fastener spec. */
    torques: string[];
    /** Non-empty: the result needs review and the cover says "Draft — review: …". */
    review: string[];
  };
  chapters: ManualChapter[];
  /** Headers of the BOM's printed columns beyond the typed ones ("Supplier"), in printed order. */
  partColumns: string[];
  parts: ManualPartRow[];
  steps: ManualStep[];
  exploded: Buffer | null;
  notes: string[];
  warnings: string[];
}

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : String(v));

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
  // The drawing's own columns the typed fields do not cover (supplier, order number…): the
  // technician orders from them, so the manual's list keeps them.
  const partColumns: string[] = [];
  for (const row of bom.rows)
    for (const c of row.columns ?? []) {
      const h = c.header.trim();
      if (c.field === null && h && c.text.trim() && !partColumns.includes(h)) partColumns.push(h);
    }
  const parts: ManualPartRow[] = bom.rows.map((row, i) => {
    const m = byRow.get(i);
    const status: MatchStatus = !m || m.partIndex === null ? "not in the CAD" : m.quantityOk ? "matched" : "quantity mismatch";
    return {
      item: dash(row.item ?? String(i + 1)),
      partNumber: dash(row.partNumber),
      name: dash(row.name ?? row.description),
      quantity: row.quantity === null ? "—" : `${row.quantity}${row.unit ? ` ${row.unit}` : ""}`,
      material: dash(row.material),
      status,
      extra: partColumns.map((h) => dash((row.columns ?? []).find((c) => c.field === null && c.header.trim() === h)?.text.trim())),
      // A sub-assembly row's partIndex is only its first part: no picture of that part.
      picture: m?.partIndex != null && !m.cadAssembly ? (pictures.parts.get(m.partIndex) ?? null) : null,
    };
  });

  const itemOf = (bomIndex: number | null) => {
    if (bomIndex === null) return null;
    const r = bom.rows[bomIndex];
    return r ? r.item?.trim() || String(bomIndex + 1) : null;
  };
  const hwOf = new Map<number, ReturnType<typeof readHardware>>();
  const hardware = (it: AssemblyStep["items"][number]) => {
    if (!it.fastener || it.bomIndex === null) return null;
    if (!hwOf.has(it.bomIndex)) hwOf.set(it.bomIndex, readHardware(bom.rows[it.bomIndex], step.parts[it.partIndex ?? -1]?.name ?? null));
    return hwOf.get(it.bomIndex)!;
  };

  const steps: ManualStep[] = plan.steps.map((s) => {
    const items: ManualStepItem[] = s.items.map((it, k) => {
      const hw = hardware(it);
      return {
        name: it.name,
        quantity: it.quantity,
        perCopy: it.perCopy,
        colour: hex(PALETTE[k % PALETTE.length]!),
        subassembly: it.subassembly,
        partIndex: it.partIndex,
        item: itemOf(it.bomIndex),
        fastener: it.fastener,
        spec: hw?.spec ?? null,
        tool: hw?.tool ?? null,
        torque: hw?.torque != null ? torqueText(hw.torque) : null,
      };
    });
    const picture = pictures.steps.get(s.number) ?? null;
    const anchors = pictures.anchors?.get(s.number) ?? [];
    const itemByKey = new Map(s.items.map((it, k) => [it.key, items[k]!.item]));
    const [w, h] = picture ? pngSize(picture) : [0, 0];
    const callouts = picture
      ? layoutCallouts(
          anchors.flatMap((a) => (itemByKey.get(a.key) ? [{ item: itemByKey.get(a.key)!, at: a.at }] : [])),
          w,
          h,
        )
      : [];
    const kit: ManualKitEntry[] = items.flatMap((it) => {
      if (!it.fastener) return [];
      const pic = it.partIndex !== null ? pictures.kit?.get(it.partIndex) : undefined;
      return [
        {
          item: it.item,
          label: it.spec ?? it.name,
          count: s.assembly ? it.perCopy : it.quantity,
          picture: pic?.png ?? null,
          mmPerPx: pic?.mmPerPx ?? null,
        },
      ];
    });
    return {
      number: s.number,
      kind: s.kind,
      title: stepTitle(s),
      items,
      sentence: stepSentence(s) + (pictures.cutAway?.has(s.number) ? " (Picture: the parts around it are cut away.)" : ""),
      picture,
      callouts,
      kit,
      tools: [...new Set(items.flatMap((it) => (it.tool ? [it.tool] : [])))],
      plan: s,
    };
  });

  const chapters: ManualChapter[] = [];
  for (const s of plan.steps) {
    const title = s.assembly ? `Sub-assembly ${s.assembly}${s.copies > 1 ? ` (make ${s.copies})` : ""}` : "Main assembly";
    const last = chapters.at(-1);
    if (last && last.title === title && !s.first) last.lastStep = s.number;
    else chapters.push({ title, firstStep: s.number, lastStep: s.number });
  }
  splitMainAssembly(chapters, plan);
  const tools = [...new Set(steps.flatMap((s) => s.tools))].sort(toolOrder);
  const torques = [...new Set(steps.flatMap((s) => s.items.flatMap((it) => (it.torque && it.spec ? [`${it.spec}: ${it.torque}`] : []))))];
  const review = (input as { review?: unknown }).review;
  const reviewItems = Array.isArray(review) ? review.filter((r): r is string => typeof r === "string" && r.trim() !== "") : [];

  const rowLabel = (i: number) => {
    const r = bom.rows[i];
    return `item ${r?.item ?? i + 1} "${r?.name ?? r?.partNumber ?? r?.description ?? "?"}"`;
  };
  // Most actionable first: wrong counts, then CAD parts missing from the list, then rows.
  const warnings: string[] = [];
  for (const m of matching.matches) {
    if (m.partIndex === null || m.quantityOk) continue;
    warnings.push(`Quantity mismatch for BOM ${rowLabel(m.bomIndex)}: parts list ${m.bomQuantity ?? "—"}, CAD model ${m.cadQuantity ?? "—"}.`);
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
  const fields = Object.entries(tb.fields ?? {}).filter(([k, v]) => v && !skip.has(k.toLowerCase().replace(/[^a-z]/g, "")));

  return {
    cover: {
      title,
      drawingNumber: tb.drawingNumber,
      revision: tb.revision,
      date: tb.date,
      fields,
      picture: pictures.cover,
      tools,
      torques,
      review: reviewItems,
    },
    chapters,
    partColumns,
    parts,
    steps,
    exploded: pictures.exploded,
    notes: deep.notes.filter((n) => n.trim().length > 0),
    warnings,
  };
}

/** Main-assembly steps per chapter before it is split: a chapter is a sitting's work. */
const MAIN_CHAPTER_STEPS = 6;

/**
 * A long main assembly becomes several chapters ("Main assembly 2/3: J3 joint module, J4 …"),
 * cut before a step that places a sub-assembly when one is near, so each chapter is one
 * stretch of work the contents can point to.
 */
function splitMainAssembly(chapters: ManualChapter[], plan: AssemblyPlan): void {
  const at = chapters.findIndex((c) => c.title === "Main assembly");
  const main = chapters[at];
  if (!main || main.lastStep - main.firstStep + 1 <= MAIN_CHAPTER_STEPS) return;
  const steps = plan.steps.filter((s) => s.number >= main.firstStep && s.number <= main.lastStep);
  // Near-equal chapters, each cut moved onto a step that places a sub-assembly when one is next to it.
  const k = Math.ceil(steps.length / MAIN_CHAPTER_STEPS);
  const placesSub = (i: number) => steps[i]?.added.some(({ unit }) => unit.kind === "sub") ?? false;
  const cuts = Array.from({ length: k - 1 }, (_, j) => {
    const c = Math.round(((j + 1) * steps.length) / k);
    return placesSub(c) ? c : placesSub(c + 1) ? c + 1 : placesSub(c - 1) ? c - 1 : c;
  });
  const parts = [0, ...cuts].map((from, j) => steps.slice(from, [...cuts, steps.length][j])).filter((g) => g.length);
  const named = (group: AssemblyStep[]) => {
    const names = [...new Set(group.flatMap((s) => s.items.filter((it) => !it.fastener).map((it) => it.name)))];
    return names.length > 2 ? `${names.slice(0, 2).join(", ")} …` : names.join(", ");
  };
  chapters.splice(
    at,
    1,
    ...parts.map((g, j) => ({
      title: `Main assembly ${j + 1}/${parts.length}${named(g) ? `: ${named(g)}` : ""}`,
      firstStep: g[0]!.number,
      lastStep: g.at(-1)!.number,
    })),
  );
}

/** Spanners, then hex keys, then screwdrivers; smaller sizes first. */
function toolOrder(a: string, b: string): number {
  const rank = (t: string) => (/spanner/.test(t) ? 0 : /hex key/.test(t) ? 1 : 2);
  const size = (t: string) => parseFloat(t) || 0;
  return rank(a) - rank(b) || size(a) - size(b) || a.localeCompare(b);
}
