// The assembly's placed geometry for planning and pictures: one Instance per leaf of the
// STEP product tree, holding that placement's meshes (a part may be several solids).

import { readFile } from "node:fs/promises";
import { boxMesh, meshFromArrays, type Mesh, type V3 } from "../../render/mesh.js";
import type { AssemblyNode, StepResult } from "../types.js";

export interface Instance {
  index: number;
  partIndex: number;
  meshes: Mesh[];
  min: V3;
  max: V3;
}

export interface Geometry {
  instances: Instance[];
  /** Leaf node → instance index (tree nodes are compared by identity). */
  leafInstance: Map<AssemblyNode, number>;
  /** False when the mesh file could not be read: boxes stand in and there are no pictures. */
  hasMeshes: boolean;
  min: V3;
  max: V3;
}

interface MeshFileJson {
  instances: { partIndex: number; positions: number[]; indices: number[] }[];
}

export function leaves(node: AssemblyNode, out: AssemblyNode[] = []): AssemblyNode[] {
  if (node.partIndex !== null) out.push(node);
  for (const c of node.children) leaves(c, out);
  return out;
}

function bounds(meshes: Mesh[]): { min: V3; max: V3 } {
  const min: V3 = [Infinity, Infinity, Infinity];
  const max: V3 = [-Infinity, -Infinity, -Infinity];
  for (const m of meshes) {
    if (!m.indices.length) continue;
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k], m.min[k]);
      max[k] = Math.max(max[k], m.max[k]);
    }
  }
  return min[0] === Infinity ? { min: [0, 0, 0], max: [0, 0, 0] } : { min, max };
}

async function readMeshFile(file: string): Promise<MeshFileJson | null> {
  try {
    const json = JSON.parse(await readFile(file, "utf8")) as MeshFileJson;
    return Array.isArray(json.instances) ? json : null;
  } catch {
    return null;
  }
}

/**
 * Pair tree leaves with mesh-file solids. STEP_EXTRACT writes solids leaf by leaf in tree
 * order, so the k-th leaf of part p owns the k-th run of p's solids (runs of equal length).
 */
export async function loadGeometry(step: StepResult, warn: (msg: string) => void): Promise<Geometry> {
  const file = step.meshFile ? await readMeshFile(step.meshFile) : null;
  if (step.meshFile && !file) warn(`Mesh file ${step.meshFile} is missing or unreadable: planning on part boxes, no pictures`);
  const solidsByPart = new Map<number, Mesh[]>();
  for (const s of file?.instances ?? []) {
    const list = solidsByPart.get(s.partIndex) ?? [];
    list.push(meshFromArrays(s.positions, s.indices));
    solidsByPart.set(s.partIndex, list);
  }
  const leafList = leaves(step.tree);
  const seen = new Map<number, number>();
  const instances: Instance[] = [];
  const leafInstance = new Map<AssemblyNode, number>();
  for (const leaf of leafList) {
    const p = leaf.partIndex!;
    const k = seen.get(p) ?? 0;
    seen.set(p, k + 1);
    const solids = solidsByPart.get(p) ?? [];
    const per = Math.max(1, Math.round(solids.length / Math.max(1, step.parts[p]?.instanceCount ?? 1)));
    let meshes = solids.slice(k * per, (k + 1) * per);
    if (!meshes.length) {
      const b = step.parts[p]?.bbox;
      meshes = b ? [boxMesh(b.min, b.max)] : [];
    }
    leafInstance.set(leaf, instances.length);
    instances.push({ index: instances.length, partIndex: p, meshes, ...bounds(meshes) });
  }
  const all = bounds(instances.flatMap((i) => i.meshes));
  return { instances, leafInstance, hasMeshes: file !== null && solidsByPart.size > 0, ...all };
}

/** Instance pairs whose boxes touch or overlap within `tol`, as adjacency sets (sweep on x). */
export function contactGraph(instances: Instance[], tol: number): Set<number>[] {
  const adj = instances.map(() => new Set<number>());
  const order = [...instances].sort((a, b) => a.min[0] - b.min[0]);
  for (let i = 0; i < order.length; i++) {
    const a = order[i]!;
    for (let j = i + 1; j < order.length; j++) {
      const b = order[j]!;
      if (b.min[0] > a.max[0] + tol) break;
      if (b.min[1] > a.max[1] + tol || a.min[1] > b.max[1] + tol) continue;
      if (b.min[2] > a.max[2] + tol || a.min[2] > b.max[2] + tol) continue;
      adj[a.index]!.add(b.index);
      adj[b.index]!.add(a.index);
    }
  }
  return adj;
}

export const diagonal = (b: { min: V3; max: V3 }) => Math.hypot(b.max[0] - b.min[0], b.max[1] - b.min[1], b.max[2] - b.min[2]);

/** Box around a set of instances. */
export function unionBox(instances: Instance[], ids: Iterable<number>): { min: V3; max: V3 } {
  const min: V3 = [Infinity, Infinity, Infinity];
  const max: V3 = [-Infinity, -Infinity, -Infinity];
  for (const i of ids) {
    const inst = instances[i]!;
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k], inst.min[k]);
      max[k] = Math.max(max[k], inst.max[k]);
    }
  }
  return min[0] === Infinity ? { min: [0, 0, 0], max: [0, 0, 0] } : { min, max };
}
