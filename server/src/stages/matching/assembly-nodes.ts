// Sub-assembly nodes of the CAD tree as match candidates. A BOM row for an assembly (a bought
// bearing, a connector pair, an indented parent row) names a node of the tree, not a leaf part:
// it is matched to that node, counted as often as the node occurs.

import type { AssemblyNode, StepPart } from "../types.js";
import { normaliseName } from "./normalise.js";

export interface SubAssembly {
  /** The node's name as the STEP file gives it. */
  name: string;
  /** Occurrences of the node in the whole product (nested uses multiplied out by the tree). */
  count: number;
  /** Distinct parts inside it, in tree order. */
  partIndices: number[];
}

/**
 * Distinct sub-assembly nodes below the root (by name). Nodes named like one of the parts are
 * left out: they are wrappers around that part (a part file grafted whole), and the part itself
 * is the candidate.
 */
export function subAssemblies(tree: AssemblyNode, parts: StepPart[]): SubAssembly[] {
  const partNames = new Set(parts.map((p) => normaliseName(p.name)));
  const byName = new Map<string, SubAssembly>();
  const leaves = (n: AssemblyNode, out: Set<number>) => {
    if (n.partIndex !== null) out.add(n.partIndex);
    for (const c of n.children) leaves(c, out);
    return out;
  };
  const walk = (n: AssemblyNode, depth: number) => {
    if (n.partIndex !== null) return;
    // Kept as written: GENERATE finds the node again by this name.
    const name = n.name;
    if (depth > 0 && n.children.length && name.trim() && !partNames.has(normaliseName(name))) {
      const known = byName.get(name);
      if (known) known.count++;
      else {
        const inside = [...leaves(n, new Set())];
        if (inside.length) byName.set(name, { name, count: 1, partIndices: inside });
      }
    }
    for (const c of n.children) walk(c, depth + 1);
  };
  walk(tree, 0);
  return [...byName.values()];
}

/** A sub-assembly in the shape the part scorer reads (its name is all it has to go by). */
export function asScoredPart(s: SubAssembly, parts: StepPart[]): StepPart {
  const first = parts[s.partIndices[0]!]!;
  return {
    name: s.name,
    instanceCount: s.count,
    bbox: first.bbox,
    triangleCount: 0,
    color: null,
    partNumber: null,
    description: null,
    fileName: null,
  };
}
