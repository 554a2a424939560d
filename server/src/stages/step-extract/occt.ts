// occt-import-js (Open CASCADE compiled to wasm): loaded once per worker thread, because
// instantiating the ~10 MB wasm module costs far more than reading a small file.

import { createRequire } from "node:module";
import { StageError, type MeshQuality } from "../types.js";

export interface OcctMesh {
  name: string;
  color?: [number, number, number];
  attributes: {
    position: { array: number[] };
    normal?: { array: number[] };
  };
  index: { array: number[] };
  brep_faces?: Array<{ first: number; last: number; color: [number, number, number] | null }>;
}
export interface OcctNode {
  name: string;
  meshes: number[];
  children: OcctNode[];
}
export interface OcctResult {
  success: boolean;
  root: OcctNode;
  meshes: OcctMesh[];
}
interface OcctModule {
  ReadStepFile(content: Uint8Array, params: Record<string, unknown> | null): OcctResult;
}

let occtPromise: Promise<OcctModule> | null = null;

export function loadOcct(): Promise<OcctModule> {
  if (!occtPromise) {
    const factory = createRequire(import.meta.url)("occt-import-js") as () => Promise<OcctModule>;
    occtPromise = factory();
    // A failed load must not stay cached forever.
    occtPromise.catch(() => {
      occtPromise = null;
    });
  }
  return occtPromise;
}

/**
 * ReadStepFile params for a mesh quality; null keeps occt's defaults (today's behaviour).
 * Values a user can set are checked here so a typo fails the job instead of meshing forever.
 */
export function occtParams(q: MeshQuality | null | undefined): Record<string, unknown> | null {
  if (!q || (q.linearDeflection === undefined && q.angularDeflection === undefined && !q.linearDeflectionType)) {
    return null;
  }
  const type = q.linearDeflectionType ?? "bounding_box_ratio";
  if (type !== "bounding_box_ratio" && type !== "absolute_value") {
    throw new StageError("STEP_BAD_MESH_QUALITY", `linearDeflectionType must be bounding_box_ratio or absolute_value, not ${String(type)}`);
  }
  // occt-import-js defaults, used for whatever the caller left out.
  const linear = q.linearDeflection ?? (type === "bounding_box_ratio" ? 0.001 : 0.1);
  const angular = q.angularDeflection ?? 0.5;
  const ok = (v: number, max: number) => Number.isFinite(v) && v > 0 && v <= max;
  if (!ok(linear, type === "bounding_box_ratio" ? 1 : 1e6) || linear < (type === "bounding_box_ratio" ? 1e-5 : 1e-4)) {
    throw new StageError("STEP_BAD_MESH_QUALITY", `linearDeflection ${linear} is out of range for ${type}`);
  }
  if (!ok(angular, Math.PI) || angular < 0.01) {
    throw new StageError("STEP_BAD_MESH_QUALITY", `angularDeflection ${angular} rad is out of range (0.01..π)`);
  }
  return { linearUnit: "millimeter", linearDeflectionType: type, linearDeflection: linear, angularDeflection: angular };
}

/** Meshes one STEP file. Output is in millimetres, already placed in world coordinates. */
export async function readStepWithOcct(content: Uint8Array, quality?: MeshQuality | null): Promise<OcctResult> {
  const params = occtParams(quality);
  const occt = await loadOcct();
  try {
    return occt.ReadStepFile(content, params);
  } catch (err) {
    // A wasm abort can leave the module's memory inconsistent: load a fresh one next time.
    occtPromise = null;
    throw err;
  }
}
