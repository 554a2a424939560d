// The whole manual's step list: sub-assemblies are built first (once, "make N"), then the
// main assembly, each level ordered by step-order.ts.

import type { BomResult, MatchingResult, StepResult } from "../types.js";
import { isComponent, isFastener, smallAndMany } from "./fasteners.js";
import { readHardware } from "./hardware.js";
import { contactGraph, diagonal, type Geometry } from "./geometry.js";
import { planLevel, type LevelStep } from "./step-order.js";
import { buildUnits, type Level, type Unit } from "./units.js";

export interface StepItem {
  key: string;
  /** Index into StepResult.parts; null for a sub-assembly placed as one unit. */
  partIndex: number | null;
  bomIndex: number | null;
  name: string;
  /** Total used in this step (all copies of a sub-assembly being built). */
  quantity: number;
  /** Per copy, when building several copies of a sub-assembly. */
  perCopy: number;
  fastener: boolean;
  subassembly: boolean;
}

export interface AssemblyStep {
  number: number;
  kind: LevelStep["kind"] | "subassembly";
  /** The sub-assembly being built, or null for the main assembly. */
  assembly: string | null;
  copies: number;
  /** First step of a sub-assembly build. */
  first: boolean;
  items: StepItem[];
  attachTo: { name: string; count: number }[];
  /** For pictures: instances already in place (grey) and the units added in this step. */
  context: number[];
  added: { unit: Unit; moving: boolean }[];
}

export interface AssemblyPlan {
  steps: AssemblyStep[];
  root: Level;
  geo: Geometry;
  contacts: Set<number>[];
  /** Per instance: the step that puts it into the main assembly (directly or in its sub-assembly unit). */
  mainStepOf: Map<number, number>;
  /** Keys of sub-assemblies placed as bought, ready units (not built step by step). */
  bought: Set<string>;
}

/** Structural parts to place (sub-assemblies built once) above which steps group different parts. */
const GROUP_ABOVE = 40;

const boxVol = (b: { min: number[]; max: number[] }) => b.min.reduce((a, v, i) => a * Math.max(0, b.max[i]! - v), 1);

export function planAssembly(bom: BomResult, step: StepResult, matching: MatchingResult, geo: Geometry): AssemblyPlan {
  const bomOf = new Map<number, number>();
  // A row matched to a sub-assembly names that node, not its first part.
  const rowOfAssembly = new Map<string, number>();
  for (const m of matching.matches) {
    if (m.cadAssembly) {
      if (!rowOfAssembly.has(m.cadAssembly)) rowOfAssembly.set(m.cadAssembly, m.bomIndex);
    } else if (m.partIndex !== null && !bomOf.has(m.partIndex)) bomOf.set(m.partIndex, m.bomIndex);
  }
  const partName = (p: number) => {
    const row = bomOf.has(p) ? bom.rows[bomOf.get(p)!] : undefined;
    const name = row?.name?.trim() || step.parts[p]?.name || `part ${p + 1}`;
    if (!fastener[p] || !row) return name;
    // Fixings by their spec ("ISO 4017 M8×30 hex bolt"), as the technician orders them.
    const hw = readHardware(row);
    const spec = hw.spec?.replace(/ – .*$/, "");
    const norm = (t: string) => t.replace(/\s/g, "").replace(/[x×*]/gi, "x").toLowerCase();
    const named = (hw.standard && norm(name).includes(norm(hw.standard))) || (hw.thread !== null && new RegExp(`\\bM\\s?${hw.thread}\\b`).test(name));
    return spec && !named ? `${spec} ${name}` : name;
  };
  const asmVol = boxVol(geo);
  const fastener = step.parts.map((part, p) => {
    const row = bomOf.has(p) ? bom.rows[bomOf.get(p)!] : undefined;
    const inst = geo.instances.find((i) => i.partIndex === p);
    const texts = [part.name, row?.name, row?.description, row?.partNumber];
    // A bearing (DIN 625) is a bought part, never a fixing, however small and many.
    if (isComponent(...texts)) return false;
    return isFastener(...texts) || smallAndMany(part.instanceCount, inst ? boxVol(inst) : boxVol(part.bbox), asmVol);
  });
  const contacts = contactGraph(geo.instances, Math.max(0.05, 0.003 * diagonal(geo)));
  const root = buildUnits(step.tree, {
    geo,
    contacts,
    isFastener: (p) => fastener[p] ?? false,
    partName,
  });

  // How many copies of each sub-assembly the whole product holds.
  const copies = new Map<string, number>();
  const count = (lv: Level) => {
    for (const u of lv.units)
      if (u.level) {
        copies.set(u.key, (copies.get(u.key) ?? 0) + 1);
        count(u.level);
      }
  };
  count(root);

  // A sub-assembly whose parts are mostly not in the parts list is a bought, ready unit (a ball
  // bearing, a motor): placed as one, not built ball by ball.
  const bought = new Set<string>();
  const matchedRowOf = new Map<string, number>();
  if (bom.rows.length) {
    const mark = (lv: Level) => {
      for (const u of lv.units)
        if (u.level) {
          const ownRow = rowOfAssembly.get(u.name);
          if (ownRow !== undefined) matchedRowOf.set(u.key, ownRow);
          const inside = u.instances.map((i) => geo.instances[i]!.partIndex);
          const listed = inside.filter((p) => bomOf.has(p));
          if (listed.length * 2 < inside.length) {
            bought.add(u.key);
            if (listed.length && ownRow === undefined) matchedRowOf.set(u.key, bomOf.get(listed[0]!)!);
          } else mark(u.level);
        }
    };
    mark(root);
  }

  // A big product (many structural parts to place, each sub-assembly counted once) groups up
  // to 3 different parts fitted to the same placed parts into one step, so the manual stays
  // a size a person can hold (issue 18: ~100 parts in ≤ 40 pages).
  const levels = new Map<string, Level>();
  const collect = (lv: Level) => {
    for (const u of lv.units)
      if (u.level && !bought.has(u.key) && !levels.has(u.key)) {
        levels.set(u.key, u.level);
        collect(u.level);
      }
  };
  collect(root);
  const structuralCount = [root, ...levels.values()].reduce((a, lv) => a + lv.units.filter((u) => !u.fastener).length, 0);
  const maxDistinct = structuralCount > GROUP_ABOVE ? 3 : 1;

  const steps: AssemblyStep[] = [];
  const built = new Set<string>();
  const mainStepOf = new Map<number, number>();

  const visit = (lv: Level, n: number, main: boolean) => {
    const planned = planLevel(lv, contacts, geo, maxDistinct);
    for (const s of planned)
      for (const u of s.units)
        if (u.level && !built.has(u.key) && !bought.has(u.key)) {
          built.add(u.key);
          visit(u.level, copies.get(u.key) ?? 1, false);
        }
    // In a sub-assembly the base is picked up with the first parts added to it.
    let groups = planned.map((s) => ({ ...s, added: s.units.map((unit) => ({ unit, moving: s.kind !== "base" })) }));
    if (!main && groups.length > 1) {
      const [b, next, ...rest] = groups;
      groups = [{ ...next!, added: [...b!.added, ...next!.added] }, ...rest];
    }
    const context: number[] = [];
    groups.forEach((g, k) => {
      const number = steps.length + 1;
      const items = new Map<string, StepItem>();
      for (const { unit } of g.added) {
        const it = items.get(unit.key) ?? {
          key: unit.key,
          partIndex: unit.partIndex,
          bomIndex: unit.partIndex === null ? (matchedRowOf.get(unit.key) ?? null) : (bomOf.get(unit.partIndex) ?? null),
          name: unit.name,
          quantity: 0,
          perCopy: 0,
          fastener: unit.fastener,
          subassembly: unit.kind === "sub" && !bought.has(unit.key),
        };
        it.perCopy += 1;
        it.quantity = it.perCopy * n;
        items.set(unit.key, it);
        if (main) for (const i of unit.instances) mainStepOf.set(i, number);
      }
      const attach = new Map<string, number>();
      for (const u of g.attachTo) attach.set(u.name, (attach.get(u.name) ?? 0) + 1);
      steps.push({
        number,
        kind: main ? g.kind : "subassembly",
        assembly: main ? null : lv.name,
        copies: n,
        first: !main && k === 0,
        items: [...items.values()].sort((a, b) => Number(a.fastener) - Number(b.fastener)),
        attachTo: [...attach].map(([name, c]) => ({ name, count: c })),
        context: [...context],
        added: g.added,
      });
      for (const { unit } of g.added) context.push(...unit.instances);
    });
  };
  visit(root, 1, true);
  return { steps, root, geo, contacts, mainStepOf, bought };
}
