// Assembly order from geometry (after Agrawala et al. 2003): the base is the largest,
// best-connected part; then parts in order of contact with what is already placed, identical
// parts that attach the same way in one step; fasteners go in with the last part they join.
// A part is only placed floating when nothing left touches the assembly so far.

import { diagonal, type Geometry } from "./geometry.js";
import type { Level, Unit } from "./units.js";

export interface LevelStep {
  kind: "base" | "part" | "fasteners";
  /** Units added in this step (structural first, then fasteners). */
  units: Unit[];
  /** Already placed units the added ones touch (what they attach to). */
  attachTo: Unit[];
}

const volume = (u: Unit) => (u.max[0] - u.min[0]) * (u.max[1] - u.min[1]) * (u.max[2] - u.min[2]);

function boxGap(a: Unit, b: Unit): number {
  let s = 0;
  for (let k = 0; k < 3; k++) {
    const d = Math.max(0, a.min[k] - b.max[k], b.min[k] - a.max[k]);
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Unit-level contact sets from instance contacts. */
export function unitContacts(units: Unit[], contacts: Set<number>[]): Set<number>[] {
  const owner = new Map<number, number>();
  units.forEach((u, k) => u.instances.forEach((i) => owner.set(i, k)));
  return units.map((u, k) => {
    const s = new Set<number>();
    for (const i of u.instances)
      for (const c of contacts[i] ?? []) {
        const o = owner.get(c);
        if (o !== undefined && o !== k) s.add(o);
      }
    return s;
  });
}

/**
 * Order one level's units into steps. `maxDistinct` > 1 lets up to that many different parts
 * that attach to the same placed parts share a step (big products: fewer, fuller steps).
 */
export function planLevel(level: Level, contacts: Set<number>[], geo: Geometry, maxDistinct = 1): LevelStep[] {
  const units = level.units;
  if (!units.length) return [];
  const adj = unitContacts(units, contacts);
  let structural = units.map((_, k) => k).filter((k) => !units[k]!.fastener);
  let fasteners = units.map((_, k) => k).filter((k) => units[k]!.fastener);
  // Fixings only (a bolt and its nut): the biggest one is the base.
  if (!structural.length) [structural, fasteners] = [fasteners, []];

  const maxVol = Math.max(...structural.map((k) => volume(units[k]!)), 1e-12);
  const maxDeg = Math.max(...structural.map((k) => adj[k]!.size), 1);
  const baseScore = (k: number) => volume(units[k]!) / maxVol + adj[k]!.size / maxDeg;
  const base = [...structural].sort((a, b) => baseScore(b) - baseScore(a) || volume(units[b]!) - volume(units[a]!) || a - b)[0]!;

  const stepOf = new Map<number, number>([[base, 0]]);
  const steps: { members: number[]; attach: Set<number> }[] = [{ members: [base], attach: new Set() }];
  const remaining = new Set(structural.filter((k) => k !== base));
  const placedTouching = (k: number) => [...adj[k]!].filter((o) => stepOf.has(o) && !units[o]!.fastener);
  const tol = 1e-6 * diagonal(geo);

  while (remaining.size) {
    // Most contacts with the placed parts first, then the larger; else the nearest (floating).
    let pick = -1;
    let best: [number, number, number] = [-1, -1, 0];
    for (const k of remaining) {
      const touching = placedTouching(k).length;
      const gap = touching ? 0 : Math.min(...[...stepOf.keys()].map((o) => boxGap(units[k]!, units[o]!)));
      const score: [number, number, number] = [touching > 0 ? 1 : 0, touching > 0 ? touching : -gap, volume(units[k]!)];
      if (
        pick < 0 ||
        score[0] > best[0] ||
        (score[0] === best[0] && (score[1] > best[1] + tol || (Math.abs(score[1] - best[1]) <= tol && score[2] > best[2])))
      ) {
        pick = k;
        best = score;
      }
    }
    // Identical units that attach to the same placed parts come in the same step.
    const attach = new Set(placedTouching(pick));
    const members = [pick];
    for (const k of remaining) {
      if (k === pick || units[k]!.key !== units[pick]!.key) continue;
      const t = placedTouching(k);
      if (attach.size ? t.length > 0 && t.every((o) => attach.has(o)) : t.length === 0) members.push(k);
    }
    if (maxDistinct > 1 && attach.size) {
      // Other parts fitted to the same placed parts come along, largest first.
      const keys = new Set([units[pick]!.key]);
      const candidates = [...remaining]
        .filter((k) => !members.includes(k))
        .filter((k) => {
          const t = placedTouching(k);
          return t.length > 0 && t.every((o) => attach.has(o));
        })
        .sort((a, b) => volume(units[b]!) - volume(units[a]!) || a - b);
      for (const k of candidates) {
        if (!keys.has(units[k]!.key)) {
          if (keys.size >= maxDistinct) continue;
          keys.add(units[k]!.key);
        }
        members.push(k);
      }
    }
    if (!attach.size) {
      // Floating: attach to the nearest placed unit, so the sentence still names one.
      const near = [...stepOf.keys()].sort((a, b) => boxGap(units[pick]!, units[a]!) - boxGap(units[pick]!, units[b]!))[0];
      if (near !== undefined) attach.add(near);
    }
    for (const k of members) {
      remaining.delete(k);
      stepOf.set(k, steps.length);
    }
    steps.push({ members, attach });
  }

  // Fasteners go with the last-placed structural unit they touch, or that the fixings they
  // touch do (a nut under the plate goes with its bolt); those touching nothing, with the nearest.
  const own = (f: number) => [...adj[f]!].flatMap((o) => (stepOf.has(o) ? [stepOf.get(o)!] : []));
  const fastStep = new Map<number, number>();
  for (const f of fasteners) {
    const hosts = [...own(f), ...[...adj[f]!].filter((o) => units[o]!.fastener).flatMap(own)];
    if (hosts.length) fastStep.set(f, Math.max(...hosts));
    else {
      const near = [...stepOf.keys()].sort((a, b) => boxGap(units[f]!, units[a]!) - boxGap(units[f]!, units[b]!))[0]!;
      fastStep.set(f, stepOf.get(near)!);
    }
  }

  const out: LevelStep[] = steps.map((s, n) => ({
    kind: n === 0 ? "base" : "part",
    units: s.members.map((k) => units[k]!),
    attachTo: [...s.attach].map((k) => units[k]!),
  }));
  const onBase: Unit[] = [];
  for (const f of fasteners) {
    const n = fastStep.get(f)!;
    if (n === 0) onBase.push(units[f]!);
    else out[n]!.units.push(units[f]!);
  }
  // Fixings that only touch the base get their own step right after it.
  if (onBase.length) out.splice(1, 0, { kind: "fasteners", units: onBase, attachTo: [units[base]!] });
  return out;
}
