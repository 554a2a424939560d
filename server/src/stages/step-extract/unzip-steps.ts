// Unpacks the STEP files of an uploaded .zip as CAD tools write them (Pack and Go, Info-ZIP,
// Windows, macOS). The archive comes from a user: names are checked before anything is
// written, every budget of zip-limits.ts is enforced from the sizes the archive declares and
// again on the bytes really inflated. Everything that is not a STEP file is skipped and listed.

import fs from "node:fs";
import path from "node:path";
import { StageError } from "../types.js";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zip-limits.js";
import { listZipEntries, readZipEntry, type IgnoredEntry } from "./zip-reader.js";

export { unsafeEntryName } from "./zip-reader.js";
export { MAX_UNZIPPED_BYTES } from "./zip-limits.js";

const STEP_NAME = /\.(stp|step|p21)$/i;
const ARCHIVE_NAME = /\.(zip|7z|rar|tar|tgz|gz|bz2|xz)$/i;

/** Why an entry is not unpacked, or null for a STEP file to unpack. */
function skipReason(name: string): string | null {
  const base = name.split("/").pop() ?? name;
  if (name.endsWith("/")) return "folder";
  if (name.split("/").includes("__MACOSX") || base.startsWith("._")) return "macOS metadata";
  if (base === ".DS_Store" || base.toLowerCase() === "thumbs.db" || base.toLowerCase() === "desktop.ini") return "system file";
  if (base.startsWith("~$")) return "lock file";
  if (ARCHIVE_NAME.test(base)) return "nested archive (not opened; upload its STEP files directly)";
  if (!STEP_NAME.test(base)) return "not a STEP file";
  return null;
}

export interface UnpackedZip {
  /** Paths written under outDir, sorted. */
  written: string[];
  /** Entries skipped, folders left out. */
  ignored: IgnoredEntry[];
}

/**
 * Writes the STEP entries of `zipPath` under `outDir` (keeping their folders). Throws
 * StageError STEP_ZIP_INVALID for a damaged archive or an unsafe / over-long entry name,
 * STEP_ZIP_TOO_LARGE past the entry, size or ratio budgets.
 */
export async function unpackStepZip(zipPath: string, outDir: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<UnpackedZip> {
  const zipName = path.basename(zipPath);
  const data = new Uint8Array(await fs.promises.readFile(zipPath));
  const entries = listZipEntries(data, zipName, limits);

  const ignored: IgnoredEntry[] = [];
  const wanted = entries.filter((e) => {
    const reason = skipReason(e.name);
    if (reason && reason !== "folder") ignored.push({ name: e.name, reason });
    return reason === null;
  });
  let declared = 0;
  for (const e of wanted) {
    declared += e.size;
    if (declared > limits.maxUnpackedBytes) throw tooLarge(zipName, limits);
    // Tiny entries compress absurdly well when empty-ish; judge the ratio on real sizes only.
    if (e.size > 1024 * 1024 && e.size > e.packedSize * limits.maxRatio) {
      throw new StageError(
        "STEP_ZIP_TOO_LARGE",
        `${zipName}: ${e.name} unpacks ${Math.round(e.size / Math.max(1, e.packedSize))}× its packed size; at most ${limits.maxRatio}× is accepted`,
        { file: zipName, entry: e.name, maxRatio: limits.maxRatio },
      );
    }
  }

  const root = path.resolve(outDir);
  const written: string[] = [];
  for (const e of wanted) {
    const bytes = readZipEntry(data, e, zipName);
    const target = path.resolve(root, e.name);
    // Belt and braces: the resolved path must stay inside outDir.
    if (!target.startsWith(root + path.sep)) throw new StageError("STEP_ZIP_INVALID", `unsafe entry ${e.name} in ${zipName}`);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.writeFile(target, bytes);
    written.push(target);
  }
  return { written: written.sort(), ignored };
}

/** The STEP paths of unpackStepZip; `maxBytes` overrides the unpacked-size budget. */
export async function unzipStepFiles(zipPath: string, outDir: string, maxBytes?: number): Promise<string[]> {
  const limits = maxBytes === undefined ? DEFAULT_ZIP_LIMITS : { ...DEFAULT_ZIP_LIMITS, maxUnpackedBytes: maxBytes };
  return (await unpackStepZip(zipPath, outDir, limits)).written;
}

function tooLarge(zipName: string, limits: ZipLimits): StageError {
  return new StageError(
    "STEP_ZIP_TOO_LARGE",
    `${zipName} unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1024 / 1024)} MB of STEP files`,
    { file: zipName, maxBytes: limits.maxUnpackedBytes },
  );
}
