// The placed meshes for GENERATE, as one JSON file in the job work dir. Written solid by solid
// through a stream, so a big assembly never needs the whole JSON text in memory at once.

import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import type { PlacedSolid } from "./assemble.js";

/** Layout of the mesh file (JSON). Units: millimetres, world coordinates. */
export interface MeshFile {
  version: 1;
  units: "mm";
  /** Part names, index = partIndex. */
  parts: string[];
  instances: PlacedSolid[];
}

export const MESH_FILE_NAME = "step-meshes.json";

export async function writeMeshFile(workDir: string, partNames: string[], solids: PlacedSolid[]): Promise<string> {
  await fs.promises.mkdir(workDir, { recursive: true });
  const file = path.join(workDir, MESH_FILE_NAME);
  const out = fs.createWriteStream(file, { encoding: "utf8" });
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  const done = once(out, "finish");
  try {
    await write(`{"version":1,"units":"mm","parts":${JSON.stringify(partNames)},"instances":[`);
    for (let i = 0; i < solids.length; i++) {
      await write((i ? ",\n" : "\n") + JSON.stringify(solids[i]));
    }
    await write("\n]}\n");
    out.end();
    await done;
  } catch (err) {
    out.destroy();
    throw err;
  }
  return file;
}
