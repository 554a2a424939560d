// The placed meshes for GENERATE, as one JSON file in the job work dir. Solids are serialised
// one by one and written in ~1 MB batches, so a big assembly never needs the whole JSON text in
// memory at once. The writes are synchronous: the stage runs in a pool worker that has nothing
// else to do meanwhile, and a busy machine's libuv thread pool would add a wait to every write.

import fs from "node:fs";
import path from "node:path";
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

const BATCH_CHARS = 1 << 20;

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done);
}

export async function writeMeshFile(workDir: string, partNames: string[], solids: PlacedSolid[]): Promise<string> {
  fs.mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, MESH_FILE_NAME);
  const fd = fs.openSync(file, "w");
  try {
    let batch = `{"version":1,"units":"mm","parts":${JSON.stringify(partNames)},"instances":[`;
    for (let i = 0; i < solids.length; i++) {
      batch += (i ? ",\n" : "\n") + JSON.stringify(solids[i]);
      if (batch.length >= BATCH_CHARS) {
        writeAll(fd, batch);
        batch = "";
      }
    }
    writeAll(fd, batch + "\n]}\n");
  } finally {
    fs.closeSync(fd);
  }
  return file;
}
