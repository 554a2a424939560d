// Streams one uploaded file to disk, hashing it on the way and checking its first bytes.
// On any problem the partial file is removed and a BAD_USER_INPUT error names the file.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FileUpload } from "graphql-upload/Upload.mjs";
import { badInput } from "../graphql/errors.js";

export type InputRole = "PDF" | "STEP";

/** What a file of each role may start with. */
const MAGIC: Record<InputRole, { starts: string[]; label: string; skipWhitespace: boolean }> = {
  PDF: { starts: ["%PDF-"], label: "a PDF (it must start with %PDF-)", skipWhitespace: false },
  // A multi-file assembly may come as one .zip of STEP files.
  STEP: { starts: ["ISO-10303-21;", "PK\x03\x04"], label: "a STEP file (it must start with ISO-10303-21;) or a .zip of STEP files", skipWhitespace: true },
};

function headVerdict(head: string, role: InputRole): "ok" | "bad" | "undecided" {
  const m = MAGIC[role];
  const start = m.skipWhitespace ? head.trimStart() : head;
  if (m.starts.some((s) => start.startsWith(s))) return "ok";
  return m.starts.some((s) => s.startsWith(start)) ? "undecided" : "bad";
}

export interface SavedFile {
  role: InputRole;
  originalName: string;
  storedPath: string;
  size: number;
  sha256: string;
}

/** A safe file name for disk: no directories, no control characters, bounded length. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[^\p{L}\p{N}._ -]/gu, "_").replace(/^\.+/, "").trim().slice(-120);
  return cleaned || "upload";
}

export async function saveUpload(
  upload: Promise<FileUpload> | FileUpload,
  role: InputRole,
  dir: string,
  index: number,
): Promise<SavedFile> {
  let file: FileUpload;
  try {
    file = await upload;
  } catch (err) {
    // The multipart parser refused this part (e.g. a malformed header).
    throw badInput(`An uploaded ${role} file could not be read: ${(err as Error).message}`, { reason: "MALFORMED_UPLOAD" });
  }
  const originalName = (file.filename ?? "").replace(/\0/g, "").slice(0, 255) || `(unnamed ${role} file)`;
  const storedPath = path.join(dir, `${role.toLowerCase()}-${index}-${safeFileName(originalName)}`);
  const hash = createHash("sha256");
  const magic = MAGIC[role];
  let size = 0;
  let head = "";
  const check = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      hash.update(chunk);
      if (head.length < 64) {
        head += chunk.subarray(0, 64).toString("latin1");
        if (headVerdict(head, role) === "bad") return cb(badInput(`"${originalName}" is not ${magic.label}`, { file: originalName, reason: "WRONG_TYPE" }));
      }
      cb(null, chunk);
    },
  });
  await fs.promises.mkdir(dir, { recursive: true });
  try {
    await pipeline(file.createReadStream(), check, fs.createWriteStream(storedPath, { flags: "wx" }));
    if (size === 0) throw badInput(`"${originalName}" is empty`, { file: originalName, reason: "EMPTY" });
    if (headVerdict(head, role) !== "ok") throw badInput(`"${originalName}" is not ${magic.label}`, { file: originalName, reason: "WRONG_TYPE" });
  } catch (err) {
    await fs.promises.rm(storedPath, { force: true });
    const e = err as Error & { extensions?: unknown; status?: number };
    if (e.extensions) throw err;
    // graphql-upload aborts the stream with a 413-status error past MAX_UPLOAD_BYTES.
    if (e.status === 413 || /exceeds|too large/i.test(e.message)) {
      throw badInput(`"${originalName}" is larger than the upload limit`, { file: originalName, reason: "TOO_LARGE" });
    }
    throw badInput(`"${originalName}" could not be received: ${e.message}`, { file: originalName, reason: "UPLOAD_FAILED" });
  }
  return { role, originalName, storedPath, size, sha256: hash.digest("hex") };
}
