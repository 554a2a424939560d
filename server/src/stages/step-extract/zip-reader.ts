// A small reader for uploaded .zip archives: the central directory is read by hand so that
// entry names can be decoded the way their writer meant (zip-names.ts) and every budget
// (zip-limits.ts) is checked before a byte is inflated. Inflating is node's zlib, capped at
// the size the entry declares, and checked against the entry's CRC.

import zlib from "node:zlib";
import { StageError } from "../types.js";
import type { ZipLimits } from "./zip-limits.js";
import { decodeEntryName } from "./zip-names.js";

export interface ZipEntry {
  /** Decoded, NFC-normalised name with "/" separators. */
  name: string;
  flags: number;
  method: number;
  crc: number;
  packedSize: number;
  size: number;
  localOffset: number;
}

export interface IgnoredEntry {
  name: string;
  reason: string;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32 = 0xffffffff;

const invalid = (zipName: string, why: string, details?: Record<string, unknown>) =>
  new StageError("STEP_ZIP_INVALID", `${zipName} is not a readable zip archive: ${why}`, { file: zipName, ...details });

/** True for entry names that could escape the output folder. */
export function unsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, "/");
  return n.startsWith("/") || /^[a-z]:/i.test(n) || n.split("/").includes("..") || n.includes("\0");
}

/** Lists the entries of `data`, checking names and the entry budget. */
export function listZipEntries(data: Uint8Array, zipName: string, limits: ZipLimits): ZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // The end record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw invalid(zipName, "no end of central directory record");
  let count = view.getUint16(eocd + 10, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || cdOffset === U32) && eocd >= 20 && view.getUint32(eocd - 20, true) === EOCD64_LOCATOR) {
    const at = Number(view.getBigUint64(eocd - 20 + 8, true));
    if (at + 56 > data.length || view.getUint32(at, true) !== EOCD64) throw invalid(zipName, "damaged ZIP64 end record");
    count = Number(view.getBigUint64(at + 32, true));
    cdOffset = Number(view.getBigUint64(at + 48, true));
  }
  if (count > limits.maxEntries) {
    throw new StageError("STEP_ZIP_TOO_LARGE", `${zipName} has ${count} entries; at most ${limits.maxEntries} are accepted`, {
      file: zipName,
      entries: count,
      maxEntries: limits.maxEntries,
    });
  }
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || view.getUint32(at, true) !== CENTRAL) throw invalid(zipName, `damaged central directory (entry ${i + 1})`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    let packedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    let localOffset = view.getUint32(at + 42, true);
    const rawName = data.subarray(at + 46, at + 46 + nameLen);
    const extra = data.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen);
    if (at + 46 + nameLen + extraLen > data.length) throw invalid(zipName, `damaged central directory (entry ${i + 1})`);
    if (size === U32 || packedSize === U32 || localOffset === U32) {
      // ZIP64 extra field (0x0001): the 64-bit values, in this order, for the fields set to ~0.
      const z = zip64Extra(extra);
      if (!z) throw invalid(zipName, `entry ${i + 1} lacks its ZIP64 sizes`);
      let k = 0;
      if (size === U32) size = z[k++] ?? NaN;
      if (packedSize === U32) packedSize = z[k++] ?? NaN;
      if (localOffset === U32) localOffset = z[k++] ?? NaN;
      if (![size, packedSize, localOffset].every(Number.isFinite)) throw invalid(zipName, `entry ${i + 1} has a short ZIP64 field`);
    }
    if (nameLen > limits.maxNameBytes) {
      throw new StageError("STEP_ZIP_INVALID", `${zipName} has an entry name of ${nameLen} bytes; at most ${limits.maxNameBytes} are accepted`, {
        file: zipName,
        nameBytes: nameLen,
      });
    }
    const name = decodeEntryName(rawName, flags, extra).replace(/\\/g, "/");
    if (unsafeEntryName(name)) {
      throw new StageError("STEP_ZIP_INVALID", `${zipName} has an unsafe entry name: ${name}`, { file: zipName, entry: name });
    }
    entries.push({ name, flags, method, crc, packedSize, size, localOffset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function zip64Extra(extra: Uint8Array): number[] | null {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      const out: number[] = [];
      for (let k = 0; k + 8 <= size && at + 4 + k + 8 <= extra.length; k += 8) out.push(Number(view.getBigUint64(at + 4 + k, true)));
      return out;
    }
    at += 4 + size;
  }
  return null;
}

/** Inflates one entry: at most its declared size, CRC-checked. */
export function readZipEntry(data: Uint8Array, entry: ZipEntry, zipName: string): Uint8Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = entry.localOffset;
  if (at + 30 > data.length || view.getUint32(at, true) !== LOCAL) throw invalid(zipName, `damaged entry ${entry.name}`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const packed = data.subarray(start, start + entry.packedSize);
  if (packed.length !== entry.packedSize) throw invalid(zipName, `entry ${entry.name} is truncated`);
  if (entry.flags & 1) throw invalid(zipName, `entry ${entry.name} is encrypted`, { entry: entry.name });
  let bytes: Uint8Array;
  if (entry.method === 0) bytes = packed;
  else if (entry.method === 8) {
    try {
      // maxOutputLength: a lying size header cannot make us inflate more than it declared.
      bytes = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
    } catch (err) {
      throw invalid(zipName, `entry ${entry.name} does not inflate: ${(err as Error).message}`, { entry: entry.name });
    }
  } else throw invalid(zipName, `entry ${entry.name} uses compression method ${entry.method} (only stored and deflate are read)`);
  if (bytes.length !== entry.size || zlib.crc32(bytes) !== entry.crc) {
    throw invalid(zipName, `entry ${entry.name} is damaged (size or CRC does not match)`, { entry: entry.name });
  }
  return bytes;
}
