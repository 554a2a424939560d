// Assembly order, first version: geometry-only heuristics on the per-part bounding boxes.
// Pure data in, data out — no text formatting — so the picture renderer can reuse it.

import type { BomResult, BoundingBox, MatchingResult, StepResult } from "../types.js";

export interface StepItem {
  bomIndex: number;
  partIndex: number;
  /** Display name: BOM name, else the CAD part name. */
  name: string;
  /** Instances placed in this step (the CAD instance count). */
  quantity: number;
  fastener: boolean;
}

export interface AssemblyStep {
  /** 1-based. */
  number: number;
  /** "base": first part laid down; "part": one structural part; "fasteners": fixings. */
  kind: "base" | "part" | "fasteners";
  items: StepItem[];
  /** Part index the items are attached to; null for the base step. */
  attachTo: number | null;
  attachToName: string | null;
}

const FASTENER_WORDS = ["bolt", "screw", "nut", "washer", "pin"];

/** True for bolts, screws, nuts, washers, pins ("Hex Bolt", "locknut", "dowel_pins"). */
export function isFastener(...names: (string | null | undefined)[]): boolean {
  return names.some((name) =>
    (name ?? "")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .some((tok) => FASTENER_WORDS.some((w) => tok.endsWith(w) || tok.endsWith(`${w}s`))),
  );
}

function finiteBox(b: BoundingBox): boolean {
  return [...b.min, ...b.max].every(Number.isFinite) && b.min.every((v, i) => v <= b.max[i]!);
}

export function boxVolume(b: BoundingBox): number {
  if (!finiteBox(b)) return 0;
  return b.min.reduce((acc, v, i) => acc * (b.max[i]! - v), 1);
}

/** Gap between two boxes (0 when they touch or overlap); Infinity for unusable boxes. */
export function boxGap(a: BoundingBox, b: BoundingBox): number {
  if (!finiteBox(a) || !finiteBox(b)) return Infinity;
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const d = Math.max(0, a.min[i]! - b.max[i]!, b.min[i]! - a.max[i]!);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

function centreDistance(a: BoundingBox, b: BoundingBox): number {
  if (!finiteBox(a) || !finiteBox(b)) return Infinity;
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const d = (a.min[i]! + a.max[i]!) / 2 - (b.min[i]! + b.max[i]!) / 2;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** Nearest of `others` to `box`: smallest gap, then smallest centre distance. */
function nearest(box: BoundingBox, others: { item: StepItem; box: BoundingBox }[]) {
  let best: { item: StepItem; gap: number; centre: number } | null = null;
  for (const o of others) {
    const gap = boxGap(box, o.box);
    const centre = centreDistance(box, o.box);
    if (!best || gap < best.gap || (gap === best.gap && centre < best.centre)) {
      best = { item: o.item, gap, centre };
    }
  }
  return best;
}

/**
 * Order the matched parts into assembly steps: the largest part (by bounding-box volume)
 * is the base; each further structural part is the one closest to what is already placed;
 * fasteners are grouped into one step right after the structural part nearest to them.
 */
export function planAssemblySteps(
  bom: BomResult,
  step: StepResult,
  matching: MatchingResult,
): AssemblyStep[] {
  const items: StepItem[] = [];
  for (const m of matching.matches) {
    if (m.partIndex === null) continue;
    const part = step.parts[m.partIndex];
    if (!part) continue;
    const row = bom.rows[m.bomIndex];
    items.push({
      bomIndex: m.bomIndex,
      partIndex: m.partIndex,
      name: row?.name?.trim() || part.name,
      quantity: part.instanceCount,
      fastener: isFastener(part.name, row?.name, row?.description),
    });
  }
  if (!items.length) return [];
  const boxOf = (it: StepItem) => step.parts[it.partIndex]!.bbox;

  let structural = items.filter((it) => !it.fastener);
  let fasteners = items.filter((it) => it.fastener);
  // An assembly of fixings only still needs a base: treat everything as structural.
  if (!structural.length) [structural, fasteners] = [fasteners, []];

  const remaining = [...structural].sort(
    (a, b) => boxVolume(boxOf(b)) - boxVolume(boxOf(a)) || a.bomIndex - b.bomIndex,
  );
  const base = remaining.shift()!;
  const placed = [{ item: base, box: boxOf(base) }];
  const order: { item: StepItem; attachTo: StepItem | null }[] = [{ item: base, attachTo: null }];
  while (remaining.length) {
    let pick = 0;
    let pickNear = nearest(boxOf(remaining[0]!), placed)!;
    for (let k = 1; k < remaining.length; k++) {
      const near = nearest(boxOf(remaining[k]!), placed)!;
      if (near.gap < pickNear.gap || (near.gap === pickNear.gap && near.centre < pickNear.centre)) {
        pick = k;
        pickNear = near;
      }
    }
    const [item] = remaining.splice(pick, 1);
    placed.push({ item: item!, box: boxOf(item!) });
    order.push({ item: item!, attachTo: pickNear.item });
  }

  // Each fastener goes with the structural part nearest to it. A bolt usually touches
  // several parts (bracket and plate): among parts about as near as the nearest, take the
  // one placed last, so the fixing comes once everything it joins is in place.
  const fixings = new Map<number, StepItem[]>();
  for (const f of fasteners) {
    const box = boxOf(f);
    const minGap = nearest(box, placed)!.gap;
    const tol = finiteBox(box) ? 0.25 * Math.min(...box.max.map((v, i) => v - box.min[i]!)) : 0;
    let host = nearest(box, placed)!.item;
    for (const p of placed) if (boxGap(box, p.box) <= minGap + tol) host = p.item;
    fixings.set(host.partIndex, [...(fixings.get(host.partIndex) ?? []), f]);
  }

  const steps: AssemblyStep[] = [];
  const push = (kind: AssemblyStep["kind"], its: StepItem[], to: StepItem | null) =>
    steps.push({
      number: steps.length + 1,
      kind,
      items: its,
      attachTo: to?.partIndex ?? null,
      attachToName: to?.name ?? null,
    });
  for (const { item, attachTo } of order) {
    push(attachTo ? "part" : "base", [item], attachTo);
    const fx = fixings.get(item.partIndex);
    if (fx?.length) push("fasteners", fx, item);
  }
  return steps;
}
