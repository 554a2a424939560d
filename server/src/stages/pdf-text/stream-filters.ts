// The stream filters pdfjs decodes for page content, decoded here too (with the predictors of
// Flate and LZW), so the budgets before pdfjs (decoded bytes, operators per page) also apply
// to content encoded with them: a Form XObject the raw reader skipped would otherwise reach
// pdfjs, whose getTextContent has no operator budget and starves the worker's timers.
// Every decoder stops at `cap` output bytes (BudgetExceeded); the caller turns that into
// PDF_TOO_COMPLEX. Damaged data ends decoding early, as pdfjs does.
import zlib from "node:zlib";

/** Output would pass `cap` bytes. */
export class BudgetExceeded extends Error {}

/** A growing byte buffer that refuses to pass `cap`. */
class Out {
  private buf: Uint8Array;
  length = 0;
  constructor(
    private readonly cap: number,
    hint: number,
  ) {
    this.buf = new Uint8Array(Math.max(16, Math.min(cap, hint)));
  }
  private room(n: number): void {
    if (this.length + n > this.cap) throw new BudgetExceeded();
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.min(this.cap, Math.max(this.length + n, this.buf.length * 2)));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  push(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }
  append(src: Uint8Array): void {
    this.room(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
  }
  repeat(b: number, n: number): void {
    this.room(n);
    this.buf.fill(b, this.length, this.length + n);
    this.length += n;
  }
  done(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export function asciiHexDecode(data: Uint8Array, cap: number): Uint8Array {
  const out = new Out(cap, data.length >> 1);
  let high = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    const v = hexValue(c);
    if (v < 0) continue; // whitespace, or junk pdfjs skips too
    if (high < 0) high = v;
    else {
      out.push((high << 4) | v);
      high = -1;
    }
  }
  if (high >= 0) out.push(high << 4);
  return out.done();
}

export function ascii85Decode(data: Uint8Array, cap: number): Uint8Array {
  const out = new Out(cap, data.length);
  const group: number[] = [];
  const flush = (n: number) => {
    let v = 0;
    for (let i = 0; i < 5; i++) v = v * 85 + (i < group.length ? group[i]! : 84);
    for (let i = 0; i < n; i++) out.push((v >>> (24 - 8 * i)) & 0xff);
    group.length = 0;
  };
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7e) break; // ~> ends the data
    if (isWs(c)) continue;
    if (c === 0x7a && group.length === 0) {
      out.repeat(0, 4); // z: four zero bytes
      continue;
    }
    if (c < 0x21 || c > 0x75) break; // damaged: stop, as pdfjs does
    group.push(c - 0x21);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return out.done();
}

export function runLengthDecode(data: Uint8Array, cap: number): Uint8Array {
  const out = new Out(cap, data.length * 2);
  let i = 0;
  while (i < data.length) {
    const n = data[i++]!;
    if (n === 128) break;
    if (n < 128) {
      out.append(data.subarray(i, i + n + 1));
      i += n + 1;
    } else {
      if (i >= data.length) break;
      out.repeat(data[i++]!, 257 - n);
    }
  }
  return out.done();
}

export function lzwDecode(data: Uint8Array, cap: number, earlyChange = 1): Uint8Array {
  const out = new Out(cap, data.length * 3);
  // Each dictionary entry: its prefix entry and last byte; strings rebuilt backwards.
  const prefix = new Int32Array(4096);
  const last = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    last[i] = i;
    length[i] = 1;
  }
  let next = 258;
  let width = 9;
  let prev = -1;
  let bits = 0;
  let acc = 0;
  let pos = 0;
  const scratch = new Uint8Array(4096);
  const write = (code: number): number => {
    let n = length[code]!;
    for (let c = code, k = n - 1; k >= 0; k--, c = prefix[c]!) scratch[k] = last[c]!;
    out.append(scratch.subarray(0, n));
    return scratch[0]!;
  };
  for (;;) {
    while (bits < width && pos < data.length) {
      acc = ((acc << 8) | data[pos++]!) >>> 0;
      bits += 8;
    }
    if (bits < width) break;
    const code = (acc >>> (bits - width)) & ((1 << width) - 1);
    bits -= width;
    acc &= (1 << bits) - 1;
    if (code === 256) {
      next = 258;
      width = 9;
      prev = -1;
      continue;
    }
    if (code === 257) break;
    let first: number;
    if (code < next && (code < 256 || code >= 258)) {
      first = write(code);
      if (prev >= 0 && next < 4096) {
        prefix[next] = prev;
        last[next] = first;
        length[next] = length[prev]! + 1;
        next++;
      }
    } else if (code === next && prev >= 0 && next < 4096) {
      // KwKwK: the code being defined is prev + prev's first byte.
      let c = prev;
      while (prefix[c]! >= 0) c = prefix[c]!;
      prefix[next] = prev;
      last[next] = last[c]!;
      length[next] = length[prev]! + 1;
      next++;
      write(code);
    } else {
      break; // damaged
    }
    prev = code;
    if (next + earlyChange >= 1 << width && width < 12) width++;
  }
  return out.done();
}

export interface PredictorParms {
  predictor: number;
  colors: number;
  bitsPerComponent: number;
  columns: number;
}

/** Undoes a TIFF (2) or PNG (10–15) predictor; output is never longer than the input. */
export function unpredict(data: Uint8Array, p: PredictorParms): Uint8Array {
  const bpp = Math.max(1, Math.ceil((p.colors * p.bitsPerComponent) / 8));
  const rowBytes = Math.ceil((p.colors * p.bitsPerComponent * p.columns) / 8);
  if (rowBytes <= 0) return new Uint8Array(0);
  if (p.predictor === 2) {
    const out = data.slice();
    if (p.bitsPerComponent !== 8) return out; // rare sub-byte TIFF differencing: left as is (a content stream never uses it)
    for (let row = 0; row + rowBytes <= out.length; row += rowBytes) {
      for (let i = row + bpp; i < row + rowBytes; i++) out[i] = (out[i]! + out[i - bpp]!) & 0xff;
    }
    return out;
  }
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    const up = dst - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const x = data[src + i]!;
      const a = i >= bpp ? out[dst + i - bpp]! : 0;
      const b = r > 0 ? out[up + i]! : 0;
      const c = r > 0 && i >= bpp ? out[up + i - bpp]! : 0;
      let v: number;
      switch (type) {
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4: {
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          v = x;
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

export type FilterKind = "flate" | "lzw" | "ahx" | "a85" | "rl";

/** One filter of a stream's /Filter list with what its /DecodeParms say. */
export interface DecodeStep {
  kind: FilterKind;
  /** LZW /EarlyChange (default 1). */
  earlyChange: number;
  /** Flate/LZW /Predictor > 1. */
  predictor: PredictorParms | null;
}

const KINDS: Record<string, FilterKind> = {
  FlateDecode: "flate",
  Fl: "flate",
  LZWDecode: "lzw",
  LZW: "lzw",
  ASCIIHexDecode: "ahx",
  AHx: "ahx",
  ASCII85Decode: "a85",
  A85: "a85",
  RunLengthDecode: "rl",
  RL: "rl",
};

/** The filter a name stands for, or null when this reader does not decode it (images, Crypt, unknown names). */
export function filterKind(name: string): FilterKind | null {
  return Object.hasOwn(KINDS, name) ? KINDS[name]! : null;
}

/** Decodes one step; zlib's own maxOutputLength stops a Flate bomb (not even outside the V8 heap does it grow). */
export function decodeStep(step: DecodeStep, data: Uint8Array, cap: number): Uint8Array {
  let out: Uint8Array;
  switch (step.kind) {
    case "flate":
      out = zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: cap });
      break;
    case "lzw":
      out = lzwDecode(data, cap, step.earlyChange);
      break;
    case "ahx":
      out = asciiHexDecode(data, cap);
      break;
    case "a85":
      out = ascii85Decode(data, cap);
      break;
    case "rl":
      out = runLengthDecode(data, cap);
      break;
  }
  return step.predictor && step.predictor.predictor > 1 ? unpredict(out, step.predictor) : out;
}
