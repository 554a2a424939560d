// Turns a resolved assembly into the StepResult pieces: distinct parts, the AssemblyNode tree
// and the placed solids for the mesh file.

import type { AssemblyNode, BoundingBox, StepPart, Vec3 } from "../types.js";
import { fitError, meshArea, meshVolume, rigidMotion } from "./mesh-metrics.js";
import type { OcctMesh } from "./occt.js";
import { IDENTITY, invertRigid, multiply, type Mat4 } from "./placements.js";
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
  let x0 = Infinity,
    y0 = Infinity,
    z0 = Infinity;
  let x1 = -Infinity,
    y1 = -Infinity,
    z1 = -Infinity;
  for (const m of meshes) {
    const p = m.attributes.position.array;
    for (let i = 0; i + 2 < p.length; i += 3) {
      const x = p[i]!,
        y = p[i + 1]!,
        z = p[i + 2]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (z < z0) z0 = z;
      if (z > z1) z1 = z;
    }
  }
  if (x0 === Infinity) return { min: [0, 0, 0], max: [0, 0, 0] };
  return { min: [x0, y0, z0], max: [x1, y1, z1] };
}

const round = (x: number) => Number(x.toPrecision(12));

interface Instance {
  node: AssemblyNode;
  meshes: OcctMesh[];
  transform: Mat4 | null;
}

/**
 * Final per-instance transforms of one part. STEP placements are kept when the meshes agree
 * with them; otherwise (occt fallback, or placements we could not read) the motion between
 * instances is measured on the meshes, anchored on the first instance.
 */
function settleTransforms(list: Instance[]): Array<Mat4 | null> {
  const first = list[0]!;
  const base = first.transform ?? IDENTITY;
  return list.map((inst, k) => {
    if (k === 0) return base;
    if (inst.transform && first.transform) {
      const rel = multiply(inst.transform, invertRigid(first.transform));
      if (fitError(rel, first.meshes, inst.meshes) < 1e-4) return inst.transform;
    }
    const motion = rigidMotion(first.meshes, inst.meshes);
    return motion ? multiply(motion, base) : inst.transform;
  });
}

export function assemble(root: ResolvedNode): Assembled {
  const parts: StepPart[] = [];
  const partByKey = new Map<string, number>();
  const solids: PlacedSolid[] = [];
  const instances: Instance[][] = [];

  const leaf = (n: ResolvedNode, key: string, meshes: OcctMesh[]): AssemblyNode => {
    const name = n.name;
    let partIndex = partByKey.get(key);
    if (partIndex === undefined) {
      partIndex = parts.length;
      partByKey.set(key, partIndex);
      instances.push([]);
      parts.push({
        name,
        // Placements of the part (what a BOM counts), even when one placement holds several solids.
        instanceCount: 0,
        bbox: boundingBox(meshes),
        triangleCount: meshes.reduce((s, m) => s + m.index.array.length / 3, 0),
        color: meshes.map(meshColor).find((c) => c !== null) ?? null,
        partNumber: n.partNumber,
        description: n.description,
        fileName: n.fileName,
        volume: round(meshVolume(meshes)),
        surfaceArea: round(meshArea(meshes)),
        transforms: [],
      });
    }
    parts[partIndex]!.instanceCount++;
    // occt's arrays are used as they are (nothing changes them later): no copy per solid.
    for (const m of meshes) {
      solids.push({ partIndex, positions: m.attributes.position.array, indices: m.index.array, color: meshColor(m) });
    }
    const node: AssemblyNode = { name, partIndex, children: [], transform: n.transform, instanceName: n.instanceName };
    instances[partIndex]!.push({ node, meshes, transform: n.transform });
    return node;
  };

  const build = (n: ResolvedNode): AssemblyNode => {
    const info = { transform: n.transform, instanceName: n.instanceName };
    if (n.children.length === 0) {
      return n.meshes.length ? leaf(n, n.key, n.meshes) : { name: n.name, partIndex: null, children: [], ...info };
    }
    const children = n.children.map(build);
    // An assembly that also holds solids of its own: show them as one extra leaf.
    if (n.meshes.length) children.unshift(leaf(n, `${n.key}~own`, n.meshes));
    return { name: n.name, partIndex: null, children, ...info };
  };
  const tree = build(root);
  instances.forEach((list, i) => {
    const settled = settleTransforms(list).map((m) => (m ? m.map(round) : null));
    list.forEach((inst, k) => (inst.node.transform = settled[k]!));
    parts[i]!.transforms = settled;
  });
  // A lone part file: keep the contract's shape (assembly root, leaf below).
  if (tree.partIndex !== null) return { tree: { name: tree.name, partIndex: null, children: [tree] }, parts, solids };
  return { tree, parts, solids };
}
