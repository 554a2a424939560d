// Unpacks the STEP files of an uploaded .zip. The archive comes from a user, so entry names
// are checked before anything is written (no `..`, no absolute paths) and the unpacked size
// is capped: once from the sizes the archive declares, again on the bytes really inflated.

import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { StageError } from "../types.js";

/** Largest total of unpacked STEP bytes accepted from one archive. */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;
const MAX_ENTRIES = 2000;
const STEP_NAME = /\.(stp|step)$/i;

/** True for entry names that could escape the output folder. */
export function unsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, "/");
  return n.startsWith("/") || /^[a-z]:/i.test(n) || n.split("/").includes("..") || n.includes("\0");
}

/**
 * Writes the .stp/.step entries of `zipPath` under `outDir` (keeping their folders) and returns
 * the written paths. Other entries are ignored. Throws StageError STEP_ZIP_INVALID for a damaged
 * archive or an unsafe entry name, STEP_ZIP_TOO_LARGE past the size cap.
 */
export async function unzipStepFiles(zipPath: string, outDir: string, maxBytes = MAX_UNZIPPED_BYTES): Promise<string[]> {
  const zipName = path.basename(zipPath);
  const data = new Uint8Array(await fs.promises.readFile(zipPath));
  let declared = 0;
  let entries = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter: (f) => {
        if (++entries > MAX_ENTRIES) throw new StageError("STEP_ZIP_INVALID", `${zipName} has more than ${MAX_ENTRIES} entries`);
        if (unsafeEntryName(f.name)) {
          throw new StageError("STEP_ZIP_INVALID", `${zipName} has an unsafe entry name: ${f.name}`, { entry: f.name });
        }
        const wanted = STEP_NAME.test(f.name) && !f.name.startsWith("__MACOSX/");
        if (wanted) declared += f.originalSize;
        if (declared > maxBytes) throw tooLarge(zipName, maxBytes);
        return wanted;
      },
    });
  } catch (err) {
    if (err instanceof StageError) throw err;
    throw new StageError("STEP_ZIP_INVALID", `${zipName} is not a readable zip archive: ${(err as Error).message}`);
  }
  const total = Object.values(files).reduce((s, b) => s + b.length, 0);
  if (total > maxBytes) throw tooLarge(zipName, maxBytes);

  const root = path.resolve(outDir);
  const written: string[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    const target = path.resolve(root, name.replace(/\\/g, "/"));
    // Belt and braces: the resolved path must stay inside outDir.
    if (!target.startsWith(root + path.sep)) throw new StageError("STEP_ZIP_INVALID", `unsafe entry ${name} in ${zipName}`);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.writeFile(target, bytes);
    written.push(target);
  }
  return written.sort();
}

function tooLarge(zipName: string, maxBytes: number): StageError {
  return new StageError(
    "STEP_ZIP_TOO_LARGE",
    `${zipName} unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB of STEP files`,
    { maxBytes },
  );
}
