// Reads only the path operators of a page's content streams (and of the Form XObjects it
// draws) and returns the straight axis-aligned strokes in PDF user space. Text, images and
// colours are skipped without being decoded, which keeps this far cheaper than an operator list.
import { Floats } from "./floats.js";
import { pdfTooComplex } from "./pdf-limits.js";
import { PdfName, type PdfDict, type RawPdf, type RawPage } from "./raw-pdf.js";

/** A straight segment in user space. */
export type Segment = [x0: number, y0: number, x1: number, y1: number];
type Matrix = [number, number, number, number, number, number];

const REGULAR = 0;
const WHITE = 1;
const DELIM_C = 2;
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = WHITE;
for (const c of "()<>[]{}/%") CLASS[c.charCodeAt(0)] = DELIM_C;
/** Bytes where skipText() has something to check: a string start, or the E of "ET". */
const TEXT_STOP = new Uint8Array(256);
for (const c of "(<E") TEXT_STOP[c.charCodeAt(0)] = 1;

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

/** mul() of the six operands of a "cm" (from `o` in `n`) with `m`, without copying them out first. */
function concatOperands(n: Float64Array, o: number, m: Matrix): Matrix {
  const a = n[o];
  const b = n[o + 1];
  const c = n[o + 2];
  const d = n[o + 3];
  const e = n[o + 4];
  const f = n[o + 5];
  return [a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2], c * m[1] + d * m[3], e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5]];
}

/** The page's straight strokes, flat: x0, y0, x1, y1 of each segment in turn. */
export function pageSegments(pdf: RawPdf, page: RawPage): Float64Array {
  const out = new Floats();
  pdf.budget.opsLeft = pdf.budget.limits.maxOpsPerPage;
  const data = page.contents.length === 1 ? page.contents[0].read() : concat(page.contents.map((s) => s.read()));
  runContent(pdf, data, page.resources, IDENTITY, out, 0);
  return out.values();
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

// Operators are compared as small integer codes (first two bytes), never as strings: every
// page of a drawing has thousands of them and only a handful matter.
const op = (s: string) => s.charCodeAt(0) | (s.length > 1 ? s.charCodeAt(1) << 8 : 0);
const OP_q = op("q");
const OP_Q = op("Q");
const OP_cm = op("cm");
const OP_m = op("m");
const OP_l = op("l");
const OP_c = op("c");
const OP_v = op("v");
const OP_y = op("y");
const OP_h = op("h");
const OP_re = op("re");
const OP_s = op("s");
const OP_b = op("b");
const OP_bstar = op("b*");
const OP_S = op("S");
const OP_B = op("B");
const OP_Bstar = op("B*");
const OP_f = op("f");
const OP_F = op("F");
const OP_fstar = op("f*");
const OP_n = op("n");
const OP_BI = op("BI");
const OP_Do = op("Do");
const OP_BT = op("BT");

function runContent(pdf: RawPdf, data: Uint8Array, res: PdfDict | null, base: Matrix, out: Floats, depth: number) {
  const budget = pdf.budget;
  const stack: Matrix[] = [];
  let ctm = base;
  // Operand stack: only the last few numbers matter, so a small ring-free buffer suffices.
  const nums = new Float64Array(16);
  let nn = 0;
  // Last name operand, as a byte range: decoded only when an XObject is drawn with it.
  let nameStart = 0;
  let nameEnd = 0;
  // Current path in user space: only axis-aligned segments are kept (flat x0,y0,x1,y1 runs);
  // rectangles are kept apart so a thin filled one can count as a line.
  const segs = new Floats();
  const rects = new Floats();
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const tx = (x: number, y: number) => ctm[0] * x + ctm[2] * y + ctm[4];
  const ty = (x: number, y: number) => ctm[1] * x + ctm[3] * y + ctm[5];
  const seg = (x0: number, y0: number, x1: number, y1: number) => {
    if (Math.abs(x1 - x0) < 0.5 || Math.abs(y1 - y0) < 0.5) segs.push4(x0, y0, x1, y1);
  };
  const clear = () => {
    segs.n = 0;
    rects.n = 0;
  };
  const paint = (stroke: boolean) => {
    const s = segs.a;
    const r = rects.a;
    if (stroke) {
      for (let i = 0; i < segs.n; i += 4) out.push4(s[i], s[i + 1], s[i + 2], s[i + 3]);
      for (let k = 0; k < rects.n; k += 8) {
        for (let i = 0; i < 8; i += 2) out.push4(r[k + i], r[k + i + 1], r[k + ((i + 2) % 8)], r[k + ((i + 3) % 8)]);
      }
    } else {
      for (let k = 0; k < rects.n; k += 8) thinFill(r, k, out);
    }
    clear();
  };
  const b = data;
  const len = b.length;
  let pos = 0;
  while (pos < len) {
    let c = b[pos];
    const cls = CLASS[c];
    if (cls === WHITE) {
      pos++;
      continue;
    }
    if (c === 0x25) {
      pos = skipComment(b, pos);
      continue;
    }
    // Operands we do not need (strings, arrays, dicts) are skipped in place.
    if (c === 0x28 || (c === 0x3c && b[pos + 1] !== 0x3c)) {
      pos = skipString(b, pos);
      continue;
    }
    if (c === 0x2f) {
      // Like Parser.keyword(): white space and comments may sit between "/" and the name.
      pos++;
      while (pos < len) {
        const d = b[pos];
        if (CLASS[d] === WHITE) pos++;
        else if (d === 0x25) pos = skipComment(b, pos);
        else break;
      }
      nameStart = pos;
      while (pos < len && CLASS[b[pos]] === REGULAR) pos++;
      nameEnd = pos;
      continue;
    }
    if (cls === DELIM_C) {
      pos += c === 0x3c || c === 0x3e ? 2 : 1;
      continue;
    }
    // Numbers parsed in place: most of a drawing's content stream is coordinates.
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x2b) {
      let sign = 1;
      if (c === 0x2d || c === 0x2b) {
        if (c === 0x2d) sign = -1;
        c = b[++pos];
      }
      let v = 0;
      while (c >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        c = b[++pos];
      }
      if (c === 0x2e) {
        let f = 0.1;
        c = b[++pos];
        while (c >= 0x30 && c <= 0x39) {
          v += (c - 0x30) * f;
          f *= 0.1;
          c = b[++pos];
        }
      }
      if (nn < 16) nums[nn++] = sign * v;
      else {
        nums.copyWithin(0, 1);
        nums[15] = sign * v;
      }
      continue;
    }
    const s0 = pos;
    while (pos < len && CLASS[b[pos]] === REGULAR) pos++;
    // Longer words are never one of the operators below (code 0 matches no case).
    const code = pos - s0 === 1 ? b[s0] : pos - s0 === 2 ? b[s0] | (b[s0 + 1] << 8) : 0;
    if (code === OP_BT) {
      pos = skipText(b, pos);
      nn = 0;
      continue;
    }
    const k = nn;
    if (code !== 0) budget.op();
    switch (code) {
      case OP_q:
        stack.push(ctm);
        break;
      case OP_Q:
        ctm = stack.pop() ?? ctm;
        break;
      case OP_cm:
        if (k >= 6) ctm = concatOperands(nums, k - 6, ctm);
        break;
      case OP_m:
        sx = cx = tx(nums[k - 2], nums[k - 1]);
        sy = cy = ty(nums[k - 2], nums[k - 1]);
        break;
      case OP_l: {
        const x = tx(nums[k - 2], nums[k - 1]);
        const y = ty(nums[k - 2], nums[k - 1]);
        seg(cx, cy, x, y);
        cx = x;
        cy = y;
        break;
      }
      case OP_c:
      case OP_v:
      case OP_y:
        // Curves are never table rules: only the current point moves.
        cx = tx(nums[k - 2], nums[k - 1]);
        cy = ty(nums[k - 2], nums[k - 1]);
        break;
      case OP_h:
        seg(cx, cy, sx, sy);
        cx = sx;
        cy = sy;
        break;
      case OP_re: {
        const x = nums[k - 4];
        const y = nums[k - 3];
        const w = nums[k - 2];
        const h = nums[k - 1];
        rects.push4(tx(x, y), ty(x, y), tx(x + w, y), ty(x + w, y));
        rects.push4(tx(x + w, y + h), ty(x + w, y + h), tx(x, y + h), ty(x, y + h));
        sx = cx = tx(x, y);
        sy = cy = ty(x, y);
        break;
      }
      case OP_s:
      case OP_b:
      case OP_bstar:
        seg(cx, cy, sx, sy); // these close the path first
        paint(true);
        break;
      case OP_S:
      case OP_B:
      case OP_Bstar:
        paint(true);
        break;
      case OP_f:
      case OP_F:
      case OP_fstar:
        paint(false);
        break;
      case OP_n:
        clear();
        break;
      case OP_BI: {
        // Inline image: binary data up to "EI".
        const end = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf("EI", pos, "latin1");
        pos = end < 0 ? b.length : end + 2;
        break;
      }
      case OP_Do:
        if (nameEnd > nameStart) {
          drawForm(pdf, res, String.fromCharCode(...b.subarray(nameStart, nameEnd)), ctm, out, depth);
        }
        break;
    }
    nn = 0;
  }
}

function skipComment(b: Uint8Array, pos: number): number {
  while (pos < b.length && b[pos] !== 0x0a && b[pos] !== 0x0d) pos++;
  return pos;
}

/** Position after a (literal) or <hex> string starting at `pos` (same rules as Parser.skipString). */
function skipString(b: Uint8Array, pos: number): number {
  const len = b.length;
  if (b[pos] === 0x3c) {
    while (pos < len && b[pos] !== 0x3e) pos++;
    return pos + 1;
  }
  let depth = 0;
  for (; pos < len; pos++) {
    const c = b[pos];
    if (c === 0x5c) pos++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return pos + 1;
  }
  return pos;
}

function drawForm(pdf: RawPdf, res: PdfDict | null, name: string, ctm: Matrix, out: Floats, depth: number) {
  const xobjects = pdf.dict(res?.get("XObject") ?? null);
  const ref = xobjects?.get(name);
  if (!ref) return;
  const form = pdf.stream(ref);
  const subtype = form.dict.get("Subtype");
  if (!(subtype instanceof PdfName) || subtype.name !== "Form") return;
  if (drawing.has(form)) throw pdfTooComplex("a Form XObject draws itself (a cycle)");
  if (depth >= pdf.budget.limits.maxFormDepth) {
    throw pdfTooComplex(`Form XObjects nest more than ${pdf.budget.limits.maxFormDepth} levels deep (PDF_MAX_FORM_DEPTH)`);
  }
  const m = pdf.resolve(form.dict.get("Matrix") ?? null);
  const matrix = Array.isArray(m) && m.length === 6 && m.every((v) => typeof v === "number") ? (m as Matrix) : IDENTITY;
  const formRes = pdf.dict(form.dict.get("Resources") ?? null) ?? res;
  drawing.add(form);
  try {
    runContent(pdf, form.data, formRes, mul(matrix, ctm), out, depth + 1);
  } finally {
    drawing.delete(form);
  }
}

/** Forms being drawn right now (the current Do chain): one met again is a cycle. */
const drawing = new Set<object>();

/** A filled thin rectangle (the 8 numbers of `r` from `k`) becomes its centre line. */
function thinFill(r: Float64Array, k: number, out: Floats): void {
  const xs = [r[k], r[k + 2], r[k + 4], r[k + 6]];
  const ys = [r[k + 1], r[k + 3], r[k + 5], r[k + 7]];
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  if (y1 - y0 < THIN_FILL && x1 - x0 > y1 - y0) out.push4(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
  else if (x1 - x0 < THIN_FILL && y1 - y0 > x1 - x0) out.push4((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
}

/** Position after the "ET" closing a text object (no path operators can occur inside). */
function skipText(b: Uint8Array, pos: number): number {
  const len = b.length;
  while (pos < len) {
    // Most of a text object is glyph codes and numbers: step over them with one lookup each.
    while (pos < len && !TEXT_STOP[b[pos]]) pos++;
    if (pos >= len) break;
    const c = b[pos];
    if (c === 0x28 || (c === 0x3c && b[pos + 1] !== 0x3c)) {
      pos = skipString(b, pos);
      continue;
    }
    if (c === 0x45 && b[pos + 1] === 0x54 && CLASS[b[pos - 1]] !== REGULAR && (pos + 2 >= len || CLASS[b[pos + 2]] !== REGULAR)) {
      return pos + 2;
    }
    pos++;
  }
  return len;
}
