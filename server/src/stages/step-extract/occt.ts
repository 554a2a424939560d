// occt-import-js (Open CASCADE compiled to wasm): loaded once per worker thread, because
// instantiating the ~10 MB wasm module costs far more than reading a small file.

import { createRequire } from "node:module";

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

/** Meshes one STEP file. Output is in millimetres, already placed in world coordinates. */
export async function readStepWithOcct(content: Uint8Array): Promise<OcctResult> {
  const occt = await loadOcct();
  return occt.ReadStepFile(content, null);
}
