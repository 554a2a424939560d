// Where parts come from: insertion directions and offsets for the step pictures (parts
// shown pulled back along the way they go in, with an arrow) and the exploded view.

import { centreOf, type V3 } from "../../render/mesh.js";
import { diagonal, unionBox, type Geometry } from "./geometry.js";
import type { AssemblyPlan, AssemblyStep } from "./plan.js";
import type { Unit } from "./units.js";

const AXES: V3[] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
const scaleV = (v: V3, s: number): V3 => [v[0] * s, v[1] * s, v[2] * s];
const addV = (a: V3, b: V3): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const dotV = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const extent = (u: { min: V3; max: V3 }, k: number) => u.max[k] - u.min[k];

/** Head end of a long fastener: the end whose cross-section is wider (+1 = towards max). */
function headSign(geo: Geometry, u: Unit, axis: number): number {
  const lo = u.min[axis],
    len = extent(u, axis);
  const spread = [
    [Infinity, -Infinity, Infinity, -Infinity],
    [Infinity, -Infinity, Infinity, -Infinity],
  ];
  const [p, q] = [0, 1, 2].filter((k) => k !== axis) as [number, number];
  for (const i of u.instances)
    for (const m of geo.instances[i]!.meshes) {
      const pos = m.positions;
      for (let v = 0; v < pos.length; v += 3) {
        const t = (pos[v + axis] - lo) / len;
        const end = t < 0.15 ? 0 : t > 0.85 ? 1 : -1;
        if (end < 0) continue;
        const s = spread[end]!;
        s[0] = Math.min(s[0]!, pos[v + p]);
        s[1] = Math.max(s[1]!, pos[v + p]);
        s[2] = Math.min(s[2]!, pos[v + q]);
        s[3] = Math.max(s[3]!, pos[v + q]);
      }
    }
  const width = (s: number[]) => Math.max(0, s[1]! - s[0]!) + Math.max(0, s[3]! - s[2]!);
  return width(spread[1]!) >= width(spread[0]!) ? 1 : -1;
}

/**
 * Unit vector along which `u` goes in. Bolts and pins: along their length, from the head
 * side. Nuts and washers: along their thin axis, from the side away from what they touch.
 * Rods: along their length. Other parts: the axis along which they stand out most from
 * what they attach to (ties: up).
 */
export function insertionDirection(geo: Geometry, u: Unit, onto: { min: V3; max: V3 } | null): V3 {
  const dims = [0, 1, 2].map((k) => extent(u, k));
  const sorted = [0, 1, 2].sort((a, b) => dims[a]! - dims[b]!);
  const [short, mid, long] = sorted as [number, number, number];
  const c = centreOf(u);
  const from = onto ? centreOf(onto) : c;
  if (u.fastener && u.kind === "part" && dims[long]! > 1.6 * dims[mid]!) return scaleV(AXES[long]!, headSign(geo, u, long));
  if (u.fastener && dims[short]! < 0.6 * dims[mid]!) return scaleV(AXES[short]!, c[short]! >= from[short]! ? 1 : -1);
  if (!onto) return [0, 0, 1];
  // Shafts and rods go in along their length (through the holes that hold them).
  if (dims[long]! > 3 * dims[mid]!) return scaleV(AXES[long]!, c[long]! >= from[long]! ? 1 : -1);
  let best = 2,
    bestScore = -Infinity;
  for (let k = 0; k < 3; k++) {
    const half = (dims[k]! + extent(onto, k)) / 2 || 1;
    const score = Math.abs(c[k]! - from[k]!) / half + (k === 2 ? 0.05 : 0);
    if (score > bestScore) [best, bestScore] = [k, score];
  }
  return scaleV(AXES[best]!, c[best]! >= from[best]! ? 1 : -1);
}

export interface Move {
  unit: Unit;
  offset: V3;
  dir: V3;
}

/** Offsets for the units added in a step: structural parts first, fixings beyond them. */
export function stepMoves(plan: AssemblyPlan, s: AssemblyStep): Move[] {
  const geo = plan.geo;
  const scene = unionBox(geo.instances, [...s.context, ...s.added.flatMap((a) => a.unit.instances)]);
  const diag = diagonal(scene) || 1;
  const placed = s.context.length ? unionBox(geo.instances, s.context) : null;
  const moves: Move[] = [];
  const ontoOf = (u: Unit) => {
    const touching = u.instances.flatMap((i) => [...(plan.contacts[i] ?? [])]).filter((i) => s.context.includes(i));
    return touching.length ? unionBox(geo.instances, touching) : placed;
  };
  for (const { unit, moving } of s.added) {
    if (!moving || unit.fastener) continue;
    const dir = insertionDirection(geo, unit, ontoOf(unit));
    const along = Math.abs(dotV(dir, [extent(unit, 0), extent(unit, 1), extent(unit, 2)]));
    moves.push({ unit, dir, offset: scaleV(dir, 0.5 * along + 0.12 * diag) });
  }
  for (const { unit, moving } of s.added) {
    if (!moving || !unit.fastener) continue;
    const dir = insertionDirection(
      geo,
      unit,
      ontoOf(unit) ??
        unionBox(
          geo.instances,
          moves.flatMap((m) => m.unit.instances),
        ),
    );
    const along = Math.abs(dotV(dir, [extent(unit, 0), extent(unit, 1), extent(unit, 2)]));
    const clear = Math.max(0, ...moves.map((m) => dotV(m.offset, dir)));
    moves.push({ unit, dir, offset: scaleV(dir, clear + 1.05 * along + 0.05 * diag) });
  }
  return moves;
}

function fastenerInstance(plan: AssemblyPlan, i: number): boolean {
  return plan.root.units.some((u) => u.fastener && u.instances.includes(i));
}

/**
 * Exploded view of the main assembly: each structural unit moves out from the assembly
 * centre, further the later it is placed; fixings ride with the part they fasten and stand
 * off along their own insertion direction.
 */
export function explodedOffsets(plan: AssemblyPlan): Map<Unit, V3> {
  const geo = plan.geo;
  const diag = diagonal(geo) || 1;
  const centre = centreOf(geo);
  const last = Math.max(1, ...plan.mainStepOf.values());
  const out = new Map<Unit, V3>();
  const stepOfUnit = (u: Unit) => plan.mainStepOf.get(u.instances[0]!) ?? 1;
  const units = [...plan.root.units].sort((a, b) => stepOfUnit(a) - stepOfUnit(b));
  const first = stepOfUnit(units[0]!);
  for (const u of units) {
    if (u.fastener) continue;
    const n = stepOfUnit(u);
    if (n === first) {
      out.set(u, [0, 0, 0]);
      continue;
    }
    const d: V3 = [0, 1, 2].map((k) => centreOf(u)[k]! - centre[k]!) as V3;
    const len = Math.hypot(...d);
    const dir: V3 = len > 1e-6 * diag ? scaleV(d, 1 / len) : [0, 0, 1];
    out.set(u, scaleV(dir, diag * (0.18 + (0.42 * (n - first)) / Math.max(1, last - first))));
  }
  for (const u of units) {
    if (!u.fastener) continue;
    // Host: the latest-placed structural unit it touches, or its fixings touch (a nut rides
    // with the bracket its bolt holds, not with the plate underneath).
    const near = new Set(u.instances.flatMap((i) => [...(plan.contacts[i] ?? [])]));
    for (const i of [...near]) if (fastenerInstance(plan, i)) for (const j of plan.contacts[i] ?? []) near.add(j);
    const hosts = units.filter((h) => !h.fastener && h.instances.some((i) => near.has(i)));
    const host = hosts.sort((a, b) => stepOfUnit(b) - stepOfUnit(a))[0];
    const base = host ? out.get(host)! : ([0, 0, 0] as V3);
    const dir = insertionDirection(geo, u, host ?? null);
    const along = Math.abs(dotV(dir, [extent(u, 0), extent(u, 1), extent(u, 2)]));
    out.set(u, addV(base, scaleV(dir, 1.5 * along + 0.1 * diag)));
  }
  return out;
}
