// The product tree as "units" to place: parts, and sub-assemblies placed as one piece.
// A fastener that touches parts outside its sub-assembly is lifted to the assembly where
// everything it touches is present: a bolt that joins a bracket to the plate can only go in
// once both are there, whatever sub-assembly the CAD designer filed it under. A sub-assembly
// left with a single unit is that unit; one left empty disappears.

import type { V3 } from "../../render/mesh.js";
import type { AssemblyNode } from "../types.js";
import { unionBox, type Geometry } from "./geometry.js";

export interface Unit {
  kind: "part" | "sub";
  /** Identity for grouping: equal keys are interchangeable (same part, same sub-assembly). */
  key: string;
  name: string;
  /** Instance indices (all leaves inside). */
  instances: number[];
  partIndex: number | null;
  fastener: boolean;
  min: V3;
  max: V3;
  /** The sub-assembly's own units. */
  level: Level | null;
}

export interface Level {
  name: string;
  key: string;
  units: Unit[];
}

interface Ctx {
  geo: Geometry;
  contacts: Set<number>[];
  isFastener: (partIndex: number) => boolean;
  partName: (partIndex: number) => string;
}

/** Assembly nodes from the root down to each leaf's parent. */
function ancestry(root: AssemblyNode, geo: Geometry): Map<number, AssemblyNode[]> {
  const out = new Map<number, AssemblyNode[]>();
  const walk = (n: AssemblyNode, path: AssemblyNode[]) => {
    if (n.partIndex !== null) {
      const i = geo.leafInstance.get(n);
      if (i !== undefined) out.set(i, path);
      return;
    }
    for (const c of n.children) walk(c, [...path, n]);
  };
  walk(root, []);
  return out;
}

const commonPrefix = (a: AssemblyNode[], b: AssemblyNode[]) => {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return a.slice(0, k);
};

/** The assembly node each instance is placed in, after lifting fasteners. */
function homes(root: AssemblyNode, ctx: Ctx): Map<number, AssemblyNode> {
  const paths = ancestry(root, ctx.geo);
  const target = new Map(paths);
  // A fastener follows fasteners it touches that were lifted, so repeat until nothing moves.
  for (let round = 0; round < 8; round++) {
    let moved = false;
    for (const [i, own] of paths) {
      if (!ctx.isFastener(ctx.geo.instances[i]!.partIndex)) continue;
      let path = own;
      for (const c of ctx.contacts[i] ?? []) {
        const other = target.get(c);
        if (other) path = commonPrefix(path, other);
      }
      if (path.length && path.length !== target.get(i)!.length) {
        target.set(i, path);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return new Map([...target].map(([i, p]) => [i, p.at(-1) ?? root]));
}

function partUnit(i: number, ctx: Ctx): Unit {
  const inst = ctx.geo.instances[i]!;
  return {
    kind: "part",
    key: `p${inst.partIndex}`,
    name: ctx.partName(inst.partIndex),
    instances: [i],
    partIndex: inst.partIndex,
    fastener: ctx.isFastener(inst.partIndex),
    min: inst.min,
    max: inst.max,
    level: null,
  };
}

function buildLevel(node: AssemblyNode, home: Map<number, AssemblyNode>, ctx: Ctx): Level {
  const units: Unit[] = [];
  for (const c of node.children) {
    if (c.partIndex !== null) {
      const i = ctx.geo.leafInstance.get(c);
      if (i !== undefined && home.get(i) === node) units.push(partUnit(i, ctx));
      continue;
    }
    const sub = buildLevel(c, home, ctx);
    if (sub.units.length === 1) units.push(sub.units[0]!);
    else if (sub.units.length > 1) units.push(subUnit(sub, ctx));
  }
  // Fasteners lifted out of deeper sub-assemblies into this one.
  const listed = new Set(units.flatMap((u) => u.instances));
  for (const [i, n] of home) if (n === node && !listed.has(i)) units.push(partUnit(i, ctx));
  const key = `${node.name}{${units
    .map((u) => u.key)
    .sort()
    .join(",")}}`;
  return { name: node.name, key, units };
}

function subUnit(level: Level, ctx: Ctx): Unit {
  const instances = level.units.flatMap((u) => u.instances);
  return {
    kind: "sub",
    key: `a:${level.key}`,
    name: level.name,
    instances,
    partIndex: null,
    fastener: level.units.every((u) => u.fastener),
    ...unionBox(ctx.geo.instances, instances),
    level,
  };
}

/** The main assembly as a level of units. */
export function buildUnits(root: AssemblyNode, ctx: Ctx): Level {
  const home = homes(root, ctx);
  const level = buildLevel(root, home, ctx);
  // A root holding a single sub-assembly (a wrapper): plan inside it.
  if (level.units.length === 1 && level.units[0]!.level) return level.units[0]!.level;
  return level;
}
