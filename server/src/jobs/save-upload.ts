// Accepts one uploaded file for a job: its magic bytes for the role it was sent as, not empty,
// received whole; then it is moved into the job's inputs folder.
import fs from "node:fs";
import path from "node:path";
import { GraphQLError } from "graphql";
import { badInput } from "../graphql/errors.js";
import type { IncomingUpload } from "../http/incoming-upload.js";

export type InputRole = "PDF" | "STEP";

/** What a file of each role may start with. */
const MAGIC: Record<InputRole, { starts: string[]; label: string; skipWhitespace: boolean }> = {
  PDF: { starts: ["%PDF-"], label: "a PDF (it must start with %PDF-)", skipWhitespace: false },
  // A multi-file assembly may come as one .zip of STEP files.
  STEP: {
    starts: ["ISO-10303-21;", "PK\x03\x04"],
    label: "a STEP file (it must start with ISO-10303-21;) or a .zip of STEP files",
    skipWhitespace: true,
  },
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
  const cleaned = tailWithinBytes(
    base
      .replace(/[^\p{L}\p{N}._ -]/gu, "_")
      .replace(/^\.+/, "")
      .trim(),
    MAX_NAME_BYTES,
  );
  return cleaned || "upload";
}

/**
 * File systems limit a name to 255 bytes, not characters: 90 CJK characters are 270 bytes.
 * The stored name is `<role>-<n>-` plus this, which keeps 120 bytes (the end, with the extension).
 */
const MAX_NAME_BYTES = 120;

function tailWithinBytes(name: string, maxBytes: number): string {
  const chars = Array.from(name); // whole code points: never half a surrogate pair
  let bytes = 0;
  let i = chars.length;
  while (i > 0 && bytes + Buffer.byteLength(chars[i - 1]!) <= maxBytes) bytes += Buffer.byteLength(chars[--i]!);
  return chars.slice(i).join("").replace(/^\.+/, "").trim();
}

/** A BAD_USER_INPUT for a file that did not arrive whole; `name` is null if its part never began. */
function receiveError(err: unknown, role: InputRole, name: string | null): GraphQLError {
  const e = err as Error & { status?: number };
  if (e instanceof GraphQLError) return e;
  const file = name ? `"${name}"` : `An uploaded ${role} file`;
  const extra = name ? { file: name } : {};
  if (e.status === 413) return badInput(`${file} is larger than the upload limit`, { ...extra, reason: "TOO_LARGE" });
  // The multipart parser refused the request before this part began (e.g. a malformed header).
  if (!name) return badInput(`${file} could not be read: ${e.message}`, { reason: "MALFORMED_UPLOAD" });
  return badInput(`${file} could not be received: ${e.message}`, { ...extra, reason: "UPLOAD_FAILED" });
}

/**
 * Checks an upload's first bytes as soon as they arrive, waits for the rest (already being
 * written to a staging file, hashed on the way) and moves it into `dir`. On any problem the
 * staged file is removed and a BAD_USER_INPUT error names the file.
 */
export async function saveUpload(upload: IncomingUpload, role: InputRole, dir: string, index: number): Promise<SavedFile> {
  let originalName: string | null = null;
  try {
    const { filename } = await upload.info();
    originalName = filename.replace(/\0/g, "").slice(0, 255) || `(unnamed ${role} file)`;
    const wrongType = badInput(`"${originalName}" is not ${MAGIC[role].label}`, { file: originalName, reason: "WRONG_TYPE" });
    const verdict = headVerdict((await upload.head()).toString("latin1"), role);
    if (verdict === "bad") throw wrongType; // at once: no need to wait for the rest of a wrong file
    const { size, sha256 } = await upload.received();
    if (size === 0) throw badInput(`"${originalName}" is empty`, { file: originalName, reason: "EMPTY" });
    if (verdict !== "ok") throw wrongType;
    const storedPath = path.join(dir, `${role.toLowerCase()}-${index}-${safeFileName(originalName)}`);
    await fs.promises.mkdir(dir, { recursive: true });
    await upload.moveTo(storedPath);
    return { role, originalName, storedPath, size, sha256 };
  } catch (err) {
    await upload.discard();
    throw receiveError(err, role, originalName);
  }
}
