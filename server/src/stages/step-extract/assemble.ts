// Turns a resolved assembly into the StepResult pieces: distinct parts, the AssemblyNode tree
// and the placed solids for the mesh file.

import type { AssemblyNode, BoundingBox, StepPart, Vec3 } from "../types.js";
import type { OcctMesh } from "./occt.js";
import type { ResolvedNode } from "./resolve-meshes.js";

export interface PlacedSolid {
  partIndex: number;
  /** World coordinates (mm), x y z per vertex. */
  positions: number[];
  /** Triangles, three vertex indices each. */
  indices: number[];
  color: Vec3 | null;
}

export interface Assembled {
  tree: AssemblyNode;
  parts: StepPart[];
  solids: PlacedSolid[];
}

export function meshColor(m: OcctMesh): Vec3 | null {
  if (m.color) return [m.color[0], m.color[1], m.color[2]];
  // Some files colour faces only: take it when all faces agree.
  const faces = m.brep_faces ?? [];
  const first = faces[0]?.color;
  if (first && faces.every((f) => f.color && f.color.every((c, k) => c === first[k]))) {
    return [first[0], first[1], first[2]];
  }
  return null;
}

export function boundingBox(meshes: OcctMesh[]): BoundingBox {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const m of meshes) {
    const p = m.attributes.position.array;
    for (let i = 0; i + 2 < p.length; i += 3) {
      for (let k = 0; k < 3; k++) {
        const v = p[i + k]!;
        if (v < min[k]!) min[k] = v;
        if (v > max[k]!) max[k] = v;
      }
    }
  }
  if (min[0] === Infinity) return { min: [0, 0, 0], max: [0, 0, 0] };
  return { min, max };
}

export function assemble(root: ResolvedNode): Assembled {
  const parts: StepPart[] = [];
  const partByKey = new Map<string, number>();
  const solids: PlacedSolid[] = [];

  const leaf = (name: string, key: string, meshes: OcctMesh[]): AssemblyNode => {
    let partIndex = partByKey.get(key);
    if (partIndex === undefined) {
      partIndex = parts.length;
      partByKey.set(key, partIndex);
      parts.push({
        name,
        // Placements of the part (what a BOM counts), even when one placement holds several solids.
        instanceCount: 0,
        bbox: boundingBox(meshes),
        triangleCount: meshes.reduce((s, m) => s + m.index.array.length / 3, 0),
        color: meshes.map(meshColor).find((c) => c !== null) ?? null,
      });
    }
    parts[partIndex]!.instanceCount++;
    for (const m of meshes) {
      solids.push({
        partIndex,
        positions: Array.from(m.attributes.position.array),
        indices: Array.from(m.index.array),
        color: meshColor(m),
      });
    }
    return { name, partIndex, children: [] };
  };

  const build = (n: ResolvedNode): AssemblyNode => {
    if (n.children.length === 0) {
      return n.meshes.length ? leaf(n.name, n.key, n.meshes) : { name: n.name, partIndex: null, children: [] };
    }
    const children = n.children.map(build);
    // An assembly that also holds solids of its own: show them as one extra leaf.
    if (n.meshes.length) children.unshift(leaf(n.name, `${n.key}~own`, n.meshes));
    return { name: n.name, partIndex: null, children };
  };
  const tree = build(root);
  // A lone part file: keep the contract's shape (assembly root, leaf below).
  if (tree.partIndex !== null) return { tree: { name: tree.name, partIndex: null, children: [tree] }, parts, solids };
  return { tree, parts, solids };
}
