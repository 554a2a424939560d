// pdfjs has no operator budget of its own: getTextContent runs a Form XObject's content again
// for every Do that draws it, so forms drawing the next one 20 times, 8 levels deep, keep a
// worker busy for minutes from a 2 KB file. Before pdfjs sees a page, this counts the operators
// it would run (Form XObjects included, each distinct form tokenised once and its count
// multiplied by how often it is drawn) against PDF_MAX_OPS_PER_PAGE, and refuses form cycles
// and nesting past PDF_MAX_FORM_DEPTH, all as PDF_TOO_COMPLEX.
import { pdfTooComplex } from "./pdf-limits.js";
import { PdfName, PdfRef, type PdfDict, type RawPage, type RawPdf, type RawStream } from "./raw-pdf.js";
import { StageError } from "../types.js";

const WS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of "()<>[]{}/%") DELIM[c.charCodeAt(0)] = 1;

interface Scan {
  /** Operators of this stream itself. */
  ops: number;
  /** XObject names drawn with Do, once per Do. */
  draws: string[];
}

/** Operators and Do names of one content stream (strings, names, numbers, inline image data skipped). */
function scan(b: Uint8Array, cap: number): Scan {
  const draws: string[] = [];
  let ops = 0;
  let lastName = "";
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (WS[c]) {
      i++;
    } else if (c === 0x25) {
      while (i < n && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    } else if (c === 0x28) {
      let depth = 0;
      for (; i < n; i++) {
        const d = b[i];
        if (d === 0x5c) i++;
        else if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
      }
      i++;
    } else if (c === 0x3c && b[i + 1] !== 0x3c) {
      while (i < n && b[i] !== 0x3e) i++;
      i++;
    } else if (c === 0x2f) {
      const s = ++i;
      while (i < n && !WS[b[i]!] && !DELIM[b[i]!]) i++;
      lastName = String.fromCharCode(...b.subarray(s, Math.min(i, s + 127)));
    } else if (DELIM[c]) {
      i += c === 0x3c || c === 0x3e ? (b[i + 1] === c ? 2 : 1) : 1;
    } else {
      const s = i;
      while (i < n && !WS[b[i]!] && !DELIM[b[i]!]) i++;
      const first = b[s]!;
      // Numbers and true/false/null are operands; anything else is an operator.
      if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) continue;
      const len = i - s;
      if ((len === 4 && (first === 0x74 || first === 0x6e)) || (len === 5 && first === 0x66)) {
        const w = String.fromCharCode(...b.subarray(s, i));
        if (w === "true" || w === "null" || w === "false") continue;
      }
      if (++ops > cap) return { ops, draws };
      if (len === 2 && first === 0x44 && b[s + 1] === 0x6f)
        draws.push(lastName); // Do
      else if (len === 2 && first === 0x49 && b[s + 1] === 0x44) {
        // ID: inline image data up to a whitespace-delimited EI
        i++;
        while (i < n && !(b[i] === 0x45 && b[i + 1] === 0x49 && WS[b[i - 1]!] && (i + 2 >= n || WS[b[i + 2]!]))) i++;
      }
    }
  }
  return { ops, draws };
}

/**
 * Throws PDF_TOO_COMPLEX when a page would run more operators than allowed, or forms cycle or
 * nest too deep. Returns false when some page or Form XObject could not be read here (pdfjs
 * may still draw it): its operators were not counted, so the caller must budget pdfjs itself.
 */
export function checkPageOperators(pdf: RawPdf): boolean {
  let complete = true;
  const { maxOpsPerPage: max, maxFormDepth } = pdf.budget.limits;
  // Per form and resources it resolves names in: its total operator count (itself + forms drawn).
  const totals = new Map<RawStream, Map<PdfDict | null, number>>();
  const drawing = new Set<RawStream>();

  const total = (data: Uint8Array, res: PdfDict | null, depth: number): number => {
    const s = scan(data, max);
    let sum = s.ops;
    if (sum > max) return sum;
    const xobjects = s.draws.length ? pdf.dict(res?.get("XObject") ?? null) : null;
    for (const name of s.draws) {
      const ref = xobjects?.get(name);
      if (!ref) continue;
      let form: RawStream;
      try {
        form = pdf.stream(ref);
      } catch (err) {
        if (err instanceof StageError) throw err;
        // An image (a filter only pdfjs decodes) draws no operators; anything else was not counted.
        const sub = ref instanceof PdfRef ? pdf.streamDict(ref.num)?.get("Subtype") : undefined;
        if (!(sub instanceof PdfName && sub.name === "Image")) complete = false;
        continue;
      }
      const subtype = form.dict.get("Subtype");
      if (!(subtype instanceof PdfName) || subtype.name !== "Form") continue;
      if (drawing.has(form)) throw pdfTooComplex("a Form XObject draws itself (a cycle)");
      if (depth >= maxFormDepth) throw pdfTooComplex(`Form XObjects nest more than ${maxFormDepth} levels deep (PDF_MAX_FORM_DEPTH)`);
      const formRes = pdf.dict(form.dict.get("Resources") ?? null) ?? res;
      const memo = totals.get(form) ?? new Map<PdfDict | null, number>();
      totals.set(form, memo);
      let t = memo.get(formRes);
      if (t === undefined) {
        drawing.add(form);
        try {
          t = total(form.data, formRes, depth + 1);
        } finally {
          drawing.delete(form);
        }
        memo.set(formRes, t);
      }
      sum += t;
      if (sum > max) return sum;
    }
    return sum;
  };

  let pages: RawPage[];
  try {
    pages = pdf.pages();
  } catch (err) {
    if (err instanceof StageError) throw err;
    return false; // a page tree or content this reader cannot walk
  }
  for (const [i, page] of pages.entries()) {
    let parts: Uint8Array[];
    try {
      parts = page.contents.map((c) => c.read());
    } catch (err) {
      if (err instanceof StageError) throw err;
      complete = false; // damaged data: pdfjs reads what it can of it, uncounted here
      continue;
    }
    const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts.flatMap((p) => [p, Buffer.from("\n")]));
    if (total(data, page.resources, 0) > max) {
      throw pdfTooComplex(`page ${i + 1} runs more than ${max} operators, Form XObjects included (PDF_MAX_OPS_PER_PAGE)`);
    }
  }
  return complete;
}
