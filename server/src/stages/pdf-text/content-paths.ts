// Reads only the path operators of a page's content streams (and of the Form XObjects it
// draws) and returns the straight axis-aligned strokes in PDF user space. Text, images and
// colours are skipped without being decoded, which keeps this far cheaper than an operator list.
import { Parser, PdfName, type PdfDict, type RawPdf, type RawPage } from "./raw-pdf.js";

/** A straight segment in user space. */
export type Segment = [x0: number, y0: number, x1: number, y1: number];
type Matrix = [number, number, number, number, number, number];

const REGULAR = 0;
const WHITE = 1;
const DELIM_C = 2;
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = WHITE;
for (const c of "()<>[]{}/%") CLASS[c.charCodeAt(0)] = DELIM_C;
const OP1 = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** A filled rectangle thinner than this is a line drawn as a fill (common in CAD exports). */
const THIN_FILL = 2.5;

function mul(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function pageSegments(pdf: RawPdf, page: RawPage): Segment[] {
  const out: Segment[] = [];
  const data = page.contents.length === 1 ? page.contents[0] : concat(page.contents);
  runContent(pdf, data, page.resources, IDENTITY, out, 0);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 0x0a; // streams split at token boundaries need a separator
    at += p.length + 1;
  }
  return out;
}

function runContent(pdf: RawPdf, data: Uint8Array, res: PdfDict | null, base: Matrix, out: Segment[], depth: number) {
  const p = new Parser(data, 0);
  const stack: Matrix[] = [];
  let ctm = base;
  // Operand stack: only the last few numbers matter, so a small ring-free buffer suffices.
  const nums = new Float64Array(16);
  let nn = 0;
  let name: string | null = null;
  // Current path in user space: only axis-aligned segments are kept (flat x0,y0,x1,y1 runs);
  // rectangles are kept apart so a thin filled one can count as a line.
  let segs: number[] = [];
  let rects: number[] = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const tx = (x: number, y: number) => ctm[0] * x + ctm[2] * y + ctm[4];
  const ty = (x: number, y: number) => ctm[1] * x + ctm[3] * y + ctm[5];
  const seg = (x0: number, y0: number, x1: number, y1: number) => {
    if (Math.abs(x1 - x0) < 0.5 || Math.abs(y1 - y0) < 0.5) segs.push(x0, y0, x1, y1);
  };
  const clear = () => {
    segs = [];
    rects = [];
  };
  const paint = (stroke: boolean) => {
    if (stroke) {
      for (let i = 0; i < segs.length; i += 4) out.push([segs[i], segs[i + 1], segs[i + 2], segs[i + 3]]);
      for (let k = 0; k < rects.length; k += 8) {
        for (let i = 0; i < 8; i += 2) out.push([rects[k + i], rects[k + i + 1], rects[k + ((i + 2) % 8)], rects[k + ((i + 3) % 8)]]);
      }
    } else {
      for (let k = 0; k < rects.length; k += 8) thinFill(rects.slice(k, k + 8), out);
    }
    clear();
  };
  const b = data;
  const len = b.length;
  while (p.pos < len) {
    let c = b[p.pos];
    const cls = CLASS[c];
    if (cls === WHITE) {
      p.pos++;
      continue;
    }
    if (c === 0x25) {
      while (p.pos < len && b[p.pos] !== 0x0a && b[p.pos] !== 0x0d) p.pos++;
      continue;
    }
    // Operands we do not need (strings, arrays, dicts) are skipped in place.
    if (c === 0x28 || (c === 0x3c && b[p.pos + 1] !== 0x3c)) {
      p.skipString();
      continue;
    }
    if (c === 0x2f) {
      p.pos++;
      name = p.keyword();
      continue;
    }
    if (cls === DELIM_C) {
      p.pos += c === 0x3c || c === 0x3e ? 2 : 1;
      continue;
    }
    // Numbers parsed in place: most of a drawing's content stream is coordinates.
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x2b) {
      let sign = 1;
      if (c === 0x2d || c === 0x2b) {
        if (c === 0x2d) sign = -1;
        c = b[++p.pos];
      }
      let v = 0;
      while (c >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        c = b[++p.pos];
      }
      if (c === 0x2e) {
        let f = 0.1;
        c = b[++p.pos];
        while (c >= 0x30 && c <= 0x39) {
          v += (c - 0x30) * f;
          f *= 0.1;
          c = b[++p.pos];
        }
      }
      if (nn < 16) nums[nn++] = sign * v;
      else {
        nums.copyWithin(0, 1);
        nums[15] = sign * v;
      }
      continue;
    }
    const s0 = p.pos;
    while (p.pos < len && CLASS[b[p.pos]] === REGULAR) p.pos++;
    const n = p.pos - s0;
    const word =
      n === 1 ? OP1[b[s0]] : n === 2 ? String.fromCharCode(b[s0], b[s0 + 1]) : String.fromCharCode(...b.subarray(s0, p.pos));
    if (word === "BT") {
      p.pos = skipText(b, p.pos);
      nn = 0;
      continue;
    }
    const k = nn;
    switch (word) {
      case "q":
        stack.push(ctm);
        break;
      case "Q":
        ctm = stack.pop() ?? ctm;
        break;
      case "cm":
        if (k >= 6) ctm = mul(Array.from(nums.subarray(k - 6, k)) as Matrix, ctm);
        break;
      case "m":
        sx = cx = tx(nums[k - 2], nums[k - 1]);
        sy = cy = ty(nums[k - 2], nums[k - 1]);
        break;
      case "l": {
        const x = tx(nums[k - 2], nums[k - 1]);
        const y = ty(nums[k - 2], nums[k - 1]);
        seg(cx, cy, x, y);
        cx = x;
        cy = y;
        break;
      }
      case "c":
      case "v":
      case "y":
        // Curves are never table rules: only the current point moves.
        cx = tx(nums[k - 2], nums[k - 1]);
        cy = ty(nums[k - 2], nums[k - 1]);
        break;
      case "h":
        seg(cx, cy, sx, sy);
        cx = sx;
        cy = sy;
        break;
      case "re": {
        const [x, y, w, h] = [nums[k - 4], nums[k - 3], nums[k - 2], nums[k - 1]];
        rects.push(tx(x, y), ty(x, y), tx(x + w, y), ty(x + w, y), tx(x + w, y + h), ty(x + w, y + h), tx(x, y + h), ty(x, y + h));
        sx = cx = tx(x, y);
        sy = cy = ty(x, y);
        break;
      }
      case "s":
      case "b":
      case "b*":
        seg(cx, cy, sx, sy); // these close the path first
        paint(true);
        break;
      case "S":
      case "B":
      case "B*":
        paint(true);
        break;
      case "f":
      case "F":
      case "f*":
        paint(false);
        break;
      case "n":
        clear();
        break;
      case "BI": {
        // Inline image: binary data up to "EI".
        const end = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf("EI", p.pos, "latin1");
        p.pos = end < 0 ? b.length : end + 2;
        break;
      }
      case "Do":
        if (name && depth < 6) drawForm(pdf, res, name, ctm, out, depth);
        break;
    }
    nn = 0;
  }
}

function drawForm(pdf: RawPdf, res: PdfDict | null, name: string, ctm: Matrix, out: Segment[], depth: number) {
  const xobjects = pdf.dict(res?.get("XObject") ?? null);
  const ref = xobjects?.get(name);
  if (!ref) return;
  const form = pdf.stream(ref);
  const subtype = form.dict.get("Subtype");
  if (!(subtype instanceof PdfName) || subtype.name !== "Form") return;
  const m = pdf.resolve(form.dict.get("Matrix") ?? null);
  const matrix = Array.isArray(m) && m.length === 6 && m.every((v) => typeof v === "number") ? (m as Matrix) : IDENTITY;
  const formRes = pdf.dict(form.dict.get("Resources") ?? null) ?? res;
  runContent(pdf, form.data, formRes, mul(matrix, ctm), out, depth + 1);
}

/** A filled thin rectangle becomes its centre line. */
function thinFill(r: number[], out: Segment[]): void {
  const xs = [r[0], r[2], r[4], r[6]];
  const ys = [r[1], r[3], r[5], r[7]];
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  if (y1 - y0 < THIN_FILL && x1 - x0 > y1 - y0) out.push([x0, (y0 + y1) / 2, x1, (y0 + y1) / 2]);
  else if (x1 - x0 < THIN_FILL && y1 - y0 > x1 - x0) out.push([(x0 + x1) / 2, y0, (x0 + x1) / 2, y1]);
}

/** Position after the "ET" closing a text object (no path operators can occur inside). */
function skipText(b: Uint8Array, pos: number): number {
  const p = new Parser(b, pos);
  const len = b.length;
  while (p.pos < len) {
    const c = b[p.pos];
    if (c === 0x28 || (c === 0x3c && b[p.pos + 1] !== 0x3c)) {
      p.skipString();
      continue;
    }
    if (
      c === 0x45 &&
      b[p.pos + 1] === 0x54 &&
      CLASS[b[p.pos - 1]] !== REGULAR &&
      (p.pos + 2 >= len || CLASS[b[p.pos + 2]] !== REGULAR)
    ) {
      return p.pos + 2;
    }
    p.pos++;
  }
  return len;
}
