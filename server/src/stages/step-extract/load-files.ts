// Reading the uploaded STEP files: .zip archives unpacked, each file checked and parsed once
// for its product structure and placements. Malformed input becomes a StageError here, before
// occt ever sees it.

import { isAscii } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import { StageError } from "../types.js";
import { PLACEMENT_TYPES, readPlacements, type Mat4 } from "./placements.js";
import { buildProductStructure, STRUCTURE_TYPES, type ProductStructure } from "./product-structure.js";
import { looksLikeStep, parseStepEntities, StepSyntaxError } from "./step-entities.js";
import { unzipStepFiles } from "./unzip-steps.js";

export interface LoadedFile {
  path: string;
  base: string;
  /** The file as read (a Buffer is a Uint8Array): handed to occt as it is, not copied. */
  bytes: Uint8Array;
  structure: ProductStructure;
  /** NAUO entity → placement in the parent (mm). */
  placements: Map<number, Mat4>;
}

const FIRST_PASS: ReadonlySet<string> = new Set([...STRUCTURE_TYPES, ...PLACEMENT_TYPES]);
const lower = (s: string) => s.toLowerCase();
const stem = (s: string) => lower(s).replace(/\.[^.]+$/, "");

/** Replaces every .zip in `paths` by the STEP files it holds (unpacked under workDir). */
export async function expandZips(paths: string[], workDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const [i, p] of paths.entries()) {
    if (!/\.zip$/i.test(p)) {
      out.push(p);
      continue;
    }
    const dir = path.join(workDir, "inputs-unzipped", paths.length > 1 ? String(i) : "");
    const files = await unzipStepFiles(p, dir);
    if (files.length === 0) {
      throw new StageError("STEP_INVALID", `${path.basename(p)} holds no .stp or .step file`, { file: path.basename(p) });
    }
    out.push(...files);
  }
  return out;
}

/** Reads and parses one file; `progress` gets the fraction parsed (0..1). */
export async function loadFile(file: string, progress: (fraction: number) => void): Promise<LoadedFile> {
  const base = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (err) {
    throw new StageError("STEP_INVALID", `${base} cannot be read: ${(err as Error).message}`, { file: base });
  }
  if (!looksLikeStep(bytes.subarray(0, 256).toString("latin1"))) {
    throw new StageError("STEP_INVALID", `${base} is not a STEP file (it does not start with ISO-10303-21;)`, {
      file: base,
    });
  }
  // Same string either way; for pure ASCII (most STEP files) latin1 skips UTF-8 decoding,
  // which costs ~130 ms on a 20 MB file.
  const text = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  try {
    // One pass for names, structure and the placement links; the axes are fetched by id.
    const data = parseStepEntities(text, FIRST_PASS, { onProgress: (f) => progress(f * 0.8) });
    const structure = buildProductStructure(data);
    const placements = readPlacements(data);
    progress(1);
    return { path: file, base, bytes, structure, placements };
  } catch (err) {
    if (err instanceof StepSyntaxError) {
      const what = err.truncated ? "is truncated or incomplete" : "is malformed";
      throw new StageError("STEP_INVALID", `${base} ${what}: ${err.message}`, {
        file: base,
        offset: err.offset,
        truncated: err.truncated,
      });
    }
    throw err;
  }
}

/** The uploaded file an external reference points to, matched by base name (case-insensitive). */
export function findUploaded(files: LoadedFile[], ref: string, self: LoadedFile): LoadedFile | undefined {
  return (
    files.find((f) => f !== self && lower(f.base) === lower(ref)) ??
    files.find((f) => f !== self && stem(f.base) === stem(ref))
  );
}

/** External references no uploaded file answers, by file name (deduplicated, case-insensitive). */
export function missingReferences(files: LoadedFile[]): string[] {
  const missing = new Map<string, string>();
  for (const f of files) {
    for (const ref of f.structure.externalFiles) if (!findUploaded(files, ref, f)) missing.set(lower(ref), ref);
  }
  return [...missing.values()];
}
