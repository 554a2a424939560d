// Reading the uploaded STEP files: .zip archives unpacked, each file checked and parsed once
// for its product structure and placements. Malformed input becomes a StageError here, before
// occt ever sees it.

import { isAscii, isUtf8 } from "node:buffer";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StageError } from "../types.js";
import { PLACEMENT_TYPES, readPlacements, type Mat4 } from "./placements.js";
import { buildProductStructure, STRUCTURE_TYPES, type ProductStructure } from "./product-structure.js";
import { looksLikeStep, parseStepEntities, StepSyntaxError } from "./step-entities.js";
import { unpackStepZip } from "./unzip-steps.js";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zip-limits.js";

export interface LoadedFile {
  path: string;
  base: string;
  /** The file as read (a Buffer is a Uint8Array): handed to occt as it is, not copied. */
  bytes: Uint8Array;
  structure: ProductStructure;
  /** NAUO entity → placement in the parent (mm). */
  placements: Map<number, Mat4>;
  /** Base names of other uploads with the same bytes (counted once, found by any name). */
  aliases: string[];
}

/** An entry of an uploaded zip that was not unpacked, and why. */
export interface IgnoredUpload {
  zip: string;
  name: string;
  reason: string;
}

const FIRST_PASS: ReadonlySet<string> = new Set([...STRUCTURE_TYPES, ...PLACEMENT_TYPES]);
/**
 * A file name as references compare it: base name only (Windows or POSIX folders dropped),
 * Unicode NFC (macOS writes NFD), case folded.
 */
export const refKey = (s: string) => path.win32.basename(path.posix.basename(s)).normalize("NFC").toLowerCase();
const stem = (s: string) => refKey(s).replace(/\.[^.]+$/, "");

/** Replaces every .zip in `paths` by the STEP files it holds (unpacked under workDir). */
export async function expandZips(
  paths: string[],
  workDir: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ paths: string[]; ignored: IgnoredUpload[] }> {
  const out: string[] = [];
  const ignored: IgnoredUpload[] = [];
  for (const [i, p] of paths.entries()) {
    if (!/\.zip$/i.test(p)) {
      out.push(p);
      continue;
    }
    const dir = path.join(workDir, "inputs-unzipped", paths.length > 1 ? String(i) : "");
    const zip = path.basename(p);
    const unpacked = await unpackStepZip(p, dir, limits);
    if (unpacked.written.length === 0) {
      throw new StageError("STEP_INVALID", `${zip} holds no .stp or .step file`, { file: zip, ignored: unpacked.ignored });
    }
    out.push(...unpacked.written);
    ignored.push(...unpacked.ignored.map((e) => ({ zip, ...e })));
  }
  return { paths: out, ignored };
}

/** Reads one upload's bytes; a typed error when it cannot be read. */
export async function readUpload(file: string): Promise<Buffer> {
  try {
    return await fs.promises.readFile(file);
  } catch (err) {
    const base = path.basename(file);
    throw new StageError("STEP_INVALID", `${base} cannot be read: ${(err as Error).message}`, { file: base });
  }
}

/** Content hash used to count a file uploaded twice (alone and inside a zip) once. */
export const contentHash = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

/** Parses one file's bytes; `progress` gets the fraction parsed (0..1). */
export async function loadFile(file: string, progress: (fraction: number) => void, preRead?: Buffer): Promise<LoadedFile> {
  const base = path.basename(file);
  const bytes = preRead ?? (await readUpload(file));
  if (!looksLikeStep(bytes.subarray(0, 256).toString("latin1"))) {
    throw new StageError("STEP_INVALID", `${base} is not a STEP file (it does not start with ISO-10303-21;)`, {
      file: base,
    });
  }
  // Same string either way; for pure ASCII (most STEP files) latin1 skips UTF-8 decoding,
  // which costs ~130 ms on a 20 MB file.
  // Part 21 is ASCII with escapes, but some exporters write names raw: UTF-8, or a Windows
  // code page (read as Latin-1 rather than replaced by U+FFFD).
  const text = isAscii(bytes) || !isUtf8(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  try {
    // One pass for names, structure and the placement links; the axes are fetched by id.
    const data = parseStepEntities(text, FIRST_PASS, { onProgress: (f) => progress(f * 0.8) });
    const structure = buildProductStructure(data);
    const placements = readPlacements(data);
    progress(1);
    return { path: file, base, bytes, structure, placements, aliases: [] };
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

const namesOf = (f: LoadedFile) => [f.base, ...f.aliases];

/**
 * The uploaded file an external reference points to, matched by base name case-insensitively
 * and Unicode-normalised (the reference's \X2\ escapes are decoded by the STEP reader), then
 * by name without extension (".STEP" referenced, ".stp" uploaded).
 */
export function findUploaded(files: LoadedFile[], ref: string, self: LoadedFile): LoadedFile | undefined {
  const key = refKey(ref);
  const refStem = stem(ref);
  return (
    files.find((f) => f !== self && namesOf(f).some((n) => refKey(n) === key)) ??
    files.find((f) => f !== self && namesOf(f).some((n) => stem(n) === refStem))
  );
}

/** External references no uploaded file answers, by file name (deduplicated, case-insensitive). */
export function missingReferences(files: LoadedFile[]): string[] {
  const missing = new Map<string, string>();
  for (const f of files) {
    for (const ref of f.structure.externalFiles) if (!findUploaded(files, ref, f)) missing.set(refKey(ref), ref);
  }
  return [...missing.values()];
}
