// A tiny .zip writer for upload tests: every detail real archivers vary is a knob (raw name
// bytes, the UTF-8 flag, extra fields, stored or deflated, lying sizes or CRCs), so each way
// CAD tools and archivers write names can be reproduced byte for byte.

import zlib from "node:zlib";

export interface ZipSpec {
  /** Entry name as text (encoded as UTF-8) or as raw bytes. */
  name: string | Uint8Array;
  data: Uint8Array | string;
  /** Set general-purpose bit 11 (names are UTF-8). Default false, as Info-ZIP writes. */
  utf8Flag?: boolean;
  /** Extra field bytes (central and local). */
  extra?: Uint8Array;
  /** Deflate (default) or store. */
  store?: boolean;
  /** Overrides of what the headers declare. */
  declaredSize?: number;
  crc?: number;
}

const u8 = (s: string | Uint8Array) => (typeof s === "string" ? new TextEncoder().encode(s) : s);

/** Info-ZIP Unicode Path extra field (0x7075) giving `utf8Name` for the raw name `rawName`. */
export function unicodePathExtra(rawName: Uint8Array, utf8Name: string, crcOf = rawName): Uint8Array {
  const name = u8(utf8Name);
  const out = new Uint8Array(4 + 5 + name.length);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0x7075, true);
  v.setUint16(2, 5 + name.length, true);
  out[4] = 1;
  v.setUint32(5, zlib.crc32(crcOf), true);
  out.set(name, 9);
  return out;
}

/** CP437 bytes of a name using only ASCII and the few accented letters tests need. */
export function cp437(name: string): Uint8Array {
  const table: Record<string, number> = { ü: 0x81, é: 0x82, ä: 0x84, ö: 0x94, Ü: 0x9a, ñ: 0xa4 };
  return Uint8Array.from([...name].map((c) => table[c] ?? c.charCodeAt(0)));
}

export function makeZip(entries: ZipSpec[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = u8(e.name);
    const data = u8(e.data);
    const extra = e.extra ?? new Uint8Array(0);
    const packed = e.store ? data : zlib.deflateRawSync(data);
    const crc = e.crc ?? zlib.crc32(data);
    const size = e.declaredSize ?? data.length;
    const flags = e.utf8Flag ? 0x800 : 0;
    const method = e.store ? 0 : 8;

    const local = new Uint8Array(30 + name.length + extra.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, packed.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, extra.length, true);
    local.set(name, 30);
    local.set(extra, 30 + name.length);

    const central = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 0x031e, true); // made by Unix, as Info-ZIP
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, packed.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    central.set(extra, 46 + name.length);

    locals.push(local, packed);
    centrals.push(central);
    offset += local.length + packed.length;
  }
  const cdSize = centrals.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return Buffer.concat([...locals, ...centrals, end]);
}
