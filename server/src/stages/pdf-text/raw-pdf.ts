// A minimal PDF object reader: just enough to reach each page's content streams and Form
// XObjects, so ruling lines can be read without pdfjs' full operator list (which costs about
// twice a getTextContent). Objects packed in object streams (PDF 1.5+: every Excel, Word and
// LibreOffice export) are read too, with every filter pdfjs decodes for content (and the
// Flate/LZW predictors, stream-filters.ts). Anything unusual (encryption, image filters)
// throws, and the caller falls back to pdfjs. What breaks a budget (pdf-limits.ts) throws
// StageError PDF_TOO_COMPLEX instead, which no caller swallows.
import { StageError } from "../types.js";
import { DEFAULT_PDF_LIMITS, pdfTooComplex, type PdfLimits } from "./pdf-limits.js";
import { BudgetExceeded, decodeStep, filterKind, type DecodeStep } from "./stream-filters.js";

export type PdfValue = number | boolean | null | string | PdfName | PdfRef | PdfValue[] | PdfDict;
export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(readonly num: number) {}
}
export type PdfDict = Map<string, PdfValue>;
export interface PdfStream {
  dict: PdfDict;
  readonly data: Uint8Array;
}

/** What one document has spent of its budgets. */
export class PdfBudget {
  decoded = 0;
  /** Operators left for the page being read (reset per page). */
  opsLeft: number;
  constructor(readonly limits: PdfLimits) {
    this.opsLeft = limits.maxOpsPerPage;
  }

  /** One decoding step (a filter, then its predictor), capped by the per-stream and the remaining per-document budget. */
  decode(step: DecodeStep, data: Uint8Array): Uint8Array {
    const left = this.limits.maxDecodedBytes - this.decoded;
    const cap = Math.max(1, Math.min(this.limits.maxStreamBytes, left));
    let out: Uint8Array;
    try {
      out = decodeStep(step, data, cap);
    } catch (err) {
      if ((err as { code?: string }).code !== "ERR_BUFFER_TOO_LARGE" && !(err instanceof BudgetExceeded)) throw err;
      throw cap < this.limits.maxStreamBytes
        ? pdfTooComplex(`its streams decode to more than ${this.limits.maxDecodedBytes} bytes (PDF_MAX_DECODED_BYTES)`)
        : pdfTooComplex(`a stream decodes to more than ${this.limits.maxStreamBytes} bytes (PDF_MAX_STREAM_BYTES)`);
    }
    this.decoded += out.length;
    return out;
  }

  /** Counts one content operator of the current page. */
  op(): void {
    if (--this.opsLeft < 0) throw pdfTooComplex(`a page runs more than ${this.limits.maxOpsPerPage} operators (PDF_MAX_OPS_PER_PAGE)`);
  }
}

/** Decoded on first use: most pages' content is never needed (no table candidate on them). */
export class RawStream implements PdfStream {
  #data: Uint8Array | null = null;
  constructor(
    readonly dict: PdfDict,
    private readonly encoded: Uint8Array,
    private readonly steps: DecodeStep[],
    private readonly budget: PdfBudget,
  ) {}

  /** Decoded bytes, kept (a Form XObject may be drawn many times). */
  get data(): Uint8Array {
    this.#data ??= this.read();
    return this.#data;
  }

  /** Decoded bytes, not kept: a page's content is read once, and the pages stay referenced. */
  read(): Uint8Array {
    if (this.#data) return this.#data;
    let data = this.encoded;
    for (const step of this.steps) data = this.budget.decode(step, data);
    return data;
  }
}

export interface RawPage {
  contents: RawStream[];
  resources: PdfDict | null;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

export class RawPdf {
  private readonly text: string;
  private readonly offsets = new Map<number, number>();
  private readonly cache = new Map<number, PdfValue | PdfStream>();
  /** Object number → its object stream and place in it; built on the first miss. */
  private packed: Map<number, { stream: number; at: number }> | null = null;
  readonly budget: PdfBudget;

  constructor(
    private readonly bytes: Uint8Array,
    limits: PdfLimits = DEFAULT_PDF_LIMITS,
  ) {
    this.budget = new PdfBudget(limits);
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    if (/\/Encrypt\b/.test(this.text)) throw new Error("encrypted PDF");
    // Later definitions win: that is what incremental updates mean.
    for (const m of this.text.matchAll(/(?<![\d])(\d+)\s+\d+\s+obj\b/g)) {
      this.offsets.set(Number(m[1]), m.index + m[0].length);
    }
  }

  /** Pages in document order, with inherited resources. */
  pages(): RawPage[] {
    const out: RawPage[] = [];
    this.walkPages((node, res) => {
      const c = node.get("Contents") ?? null;
      const list = Array.isArray(this.resolve(c)) ? (this.resolve(c) as PdfValue[]) : c ? [c] : [];
      out.push({ contents: list.map((r) => this.stream(r)), resources: res });
    });
    return out;
  }

  /**
   * The filter names of each page's content streams, read from their dictionaries without
   * decoding anything (so also for filters this reader or pdfjs cannot decode).
   */
  contentFilters(): string[][] {
    const out: string[][] = [];
    this.walkPages((node) => {
      const c = node.get("Contents") ?? null;
      const direct = c instanceof PdfRef ? this.streamDict(c.num) : null;
      const list = direct
        ? [c!]
        : ((): PdfValue[] => {
            const r = c instanceof PdfRef ? this.resolve(c) : c;
            return Array.isArray(r) ? r : [];
          })();
      const names: string[] = [];
      for (const r of list) {
        const dict = r instanceof PdfRef ? this.streamDict(r.num) : null;
        const f = dict ? this.resolve(dict.get("Filter") ?? null) : null;
        for (const x of Array.isArray(f) ? f : f ? [f] : []) names.push(x instanceof PdfName ? x.name : "?");
      }
      out.push(names);
    });
    return out;
  }

  /** The dictionary of stream object `num` (its data not read), or null when it is not a stream. */
  streamDict(num: number): PdfDict | null {
    const at = this.offsets.get(num);
    if (at === undefined) return null;
    const p = new Parser(this.bytes, at, this.budget.limits.maxNesting);
    const value = p.value();
    return value instanceof Map && p.keyword() === "stream" ? value : null;
  }

  /** Calls `leaf` for each page in document order, with its inherited resources. */
  private walkPages(leaf: (node: PdfDict, resources: PdfDict | null) => void): void {
    const roots = [...this.text.matchAll(/\/Root\s+(\d+)\s+\d+\s+R/g)];
    if (!roots.length) throw new Error("no /Root");
    const catalog = this.dict(new PdfRef(Number(roots[roots.length - 1][1])));
    // Each page-tree node once: a tree listing a node twice (or containing itself) would
    // otherwise expand to 2^depth pages.
    const seen = new Set<number>();
    const walk = (node: PdfDict, inherited: PdfDict | null, depth: number) => {
      if (depth > 32) throw new Error("page tree too deep");
      const res = this.dict(node.get("Resources") ?? null) ?? inherited;
      const kids = this.resolve(node.get("Kids") ?? null);
      if (Array.isArray(kids)) {
        for (const k of kids) {
          if (k instanceof PdfRef) {
            if (seen.has(k.num)) throw pdfTooComplex(`its page tree lists object ${k.num} more than once (a cycle or a shared node)`);
            seen.add(k.num);
          }
          walk(this.dict(k) ?? new Map(), res, depth + 1);
        }
        return;
      }
      leaf(node, res);
    };
    walk(this.dict(catalog?.get("Pages") ?? null) ?? new Map(), null, 0);
  }

  /**
   * Decodes every Flate stream of the file once, counting (not keeping) its bytes against the
   * budgets, and parses every object against the nesting budget. Objects this reader cannot
   * read are skipped (pdfjs judges them); a broken budget throws PDF_TOO_COMPLEX.
   */
  measureStreams(): void {
    // The page tree is checked on the way: every node is some node's kid at most once, and the
    // root never is; otherwise the tree has a cycle or a shared node (2^depth pages).
    const kids = new Set<number>();
    const root = this.pagesRootNum();
    for (const at of this.offsets.values()) {
      let value: PdfValue;
      const p = new Parser(this.bytes, at, this.budget.limits.maxNesting);
      try {
        value = p.value();
        const list = value instanceof Map ? value.get("Kids") : undefined;
        if (Array.isArray(list)) {
          for (const k of list) {
            if (!(k instanceof PdfRef)) continue;
            if (kids.has(k.num) || k.num === root)
              throw pdfTooComplex(`its page tree lists object ${k.num} more than once (a cycle or a shared node)`);
            kids.add(k.num);
          }
        }
        if (!(value instanceof Map) || p.keyword() !== "stream") continue;
      } catch (err) {
        if (err instanceof StageError) throw err;
        continue;
      }
      let stream: RawStream;
      try {
        stream = this.readStream(value, p.pos, true);
      } catch (err) {
        if (err instanceof StageError) throw err;
        continue;
      }
      try {
        stream.read();
      } catch (err) {
        if (err instanceof StageError) throw err; // a damaged stream is pdfjs' to judge
      }
    }
  }

  /** Object number of the catalog's /Pages, or -1. */
  private pagesRootNum(): number {
    try {
      const roots = [...this.text.matchAll(/\/Root\s+(\d+)\s+\d+\s+R/g)];
      if (!roots.length) return -1;
      const pages = this.dict(new PdfRef(Number(roots[roots.length - 1]![1])))?.get("Pages");
      return pages instanceof PdfRef ? pages.num : -1;
    } catch (err) {
      if (err instanceof StageError) throw err;
      return -1;
    }
  }

  resolve(v: PdfValue | PdfStream): PdfValue | PdfStream {
    if (!(v instanceof PdfRef)) return v;
    const hit = this.cache.get(v.num);
    if (hit !== undefined) return hit;
    const at = this.offsets.get(v.num);
    if (at === undefined) {
      const value = this.fromObjectStream(v.num);
      this.cache.set(v.num, value);
      return value;
    }
    const p = new Parser(this.bytes, at, this.budget.limits.maxNesting);
    const value = p.value();
    let out: PdfValue | PdfStream = value;
    if (value instanceof Map && p.keyword() === "stream") out = this.readStream(value, p.pos);
    this.cache.set(v.num, out);
    return out;
  }

  /** An object kept in an object stream (never a stream itself, by the PDF rules). */
  private fromObjectStream(num: number): PdfValue {
    this.packed ??= this.indexObjectStreams();
    const where = this.packed.get(num);
    if (!where) throw new Error(`object ${num} not found`);
    return new Parser(this.stream(new PdfRef(where.stream)).data, where.at, this.budget.limits.maxNesting).value();
  }

  /** Object streams are found by their /Type /ObjStm dictionaries; their headers say what they hold and where. */
  private indexObjectStreams(): Map<number, { stream: number; at: number }> {
    const out = new Map<number, { stream: number; at: number }>();
    for (const [num, at] of this.offsets) {
      // A cheap look before parsing: the dictionary must mention ObjStm.
      if (!this.text.slice(at, at + 300).includes("/ObjStm")) continue;
      const os = this.resolve(new PdfRef(num));
      if (!(os instanceof RawStream)) continue;
      const { dict } = os;
      const type = dict.get("Type");
      const n = dict.get("N");
      const first = dict.get("First");
      if (!(type instanceof PdfName) || type.name !== "ObjStm" || typeof n !== "number" || typeof first !== "number") continue;
      const head = new Parser(os.data, 0, this.budget.limits.maxNesting);
      for (let i = 0; i < n; i++) {
        const objNum = head.value();
        const off = head.value();
        if (typeof objNum !== "number" || typeof off !== "number") break;
        if (!out.has(objNum)) out.set(objNum, { stream: num, at: first + off });
      }
    }
    return out;
  }

  dict(v: PdfValue | PdfStream): PdfDict | null {
    const r = this.resolve(v);
    if (r instanceof Map) return r;
    return r && typeof r === "object" && "dict" in r ? r.dict : null;
  }

  stream(v: PdfValue | PdfStream): RawStream {
    const r = this.resolve(v);
    if (r instanceof RawStream) return r;
    throw new Error("expected a stream");
  }

  /** `measuring`: the steps this reader decodes are counted even before a filter it does not decode. */
  private readStream(dict: PdfDict, pos: number, measuring = false): RawStream {
    if (this.bytes[pos] === 0x0d) pos++;
    if (this.bytes[pos] === 0x0a) pos++;
    let len = this.resolve(dict.get("Length") ?? null);
    if (typeof len !== "number") {
      const end = this.text.indexOf("endstream", pos);
      if (end < 0) throw new Error("unterminated stream");
      len = end - pos;
    }
    const f = this.resolve(dict.get("Filter") ?? null);
    const filters = (Array.isArray(f) ? f : f ? [f] : []).map((x) => (x instanceof PdfName ? x.name : "?"));
    const dp = this.resolve(dict.get("DecodeParms") ?? dict.get("DP") ?? null);
    const steps: DecodeStep[] = [];
    for (const [i, name] of filters.entries()) {
      const kind = filterKind(name);
      // What this reader cannot decode is refused now, so openRaw() can fall back for the whole file.
      if (!kind) {
        if (measuring) break;
        throw new Error(`unsupported filter ${name}`);
      }
      const parms = this.dict((Array.isArray(dp) ? dp[i] : dp) ?? null);
      const num = (key: string, dflt: number) => {
        const v = this.resolve(parms?.get(key) ?? null);
        return typeof v === "number" && Number.isFinite(v) ? v : dflt;
      };
      const predictor = kind === "flate" || kind === "lzw" ? num("Predictor", 1) : 1;
      steps.push({
        kind,
        earlyChange: num("EarlyChange", 1),
        predictor:
          predictor > 1
            ? {
                predictor,
                colors: clamp(num("Colors", 1), 1, 32),
                bitsPerComponent: clamp(num("BitsPerComponent", 8), 1, 16),
                columns: clamp(num("Columns", 1), 1, 1 << 24),
              }
            : null,
      });
    }
    return new RawStream(dict, this.bytes.subarray(pos, pos + len), steps, this.budget);
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.floor(v)));

/** Tokeniser for PDF objects (also used by the content-stream reader for operands). */
export class Parser {
  private depth = 0;
  constructor(
    readonly b: Uint8Array,
    public pos: number,
    /** Arrays and dictionaries nested deeper than this are refused (PDF_TOO_COMPLEX), not a stack overflow. */
    private readonly maxNesting = DEFAULT_PDF_LIMITS.maxNesting,
  ) {}

  private enter(): void {
    if (++this.depth > this.maxNesting) throw pdfTooComplex(`objects nest more than ${this.maxNesting} levels deep (PDF_MAX_NESTING)`);
  }

  skipWs(): void {
    const b = this.b;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  /** A bare keyword (operator) or "" when the next token is not one. */
  keyword(): string {
    this.skipWs();
    const start = this.pos;
    while (this.pos < this.b.length && !WS.has(this.b[this.pos]) && !DELIM.has(this.b[this.pos])) this.pos++;
    return String.fromCharCode(...this.b.subarray(start, this.pos));
  }

  value(): PdfValue {
    this.skipWs();
    const b = this.b;
    const c = b[this.pos];
    if (c === 0x2f) {
      this.pos++;
      return new PdfName(this.keyword());
    }
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const d: PdfDict = new Map();
      this.enter();
      for (;;) {
        this.skipWs();
        if (b[this.pos] === 0x3e) {
          this.pos += 2;
          this.depth--;
          return d;
        }
        if (this.pos >= b.length) throw new Error("unterminated dict");
        const k = this.value();
        if (!(k instanceof PdfName)) throw new Error("dict key");
        d.set(k.name, this.value());
      }
    }
    if (c === 0x5b) {
      this.pos++;
      const a: PdfValue[] = [];
      this.enter();
      for (;;) {
        this.skipWs();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          this.depth--;
          return a;
        }
        if (this.pos >= b.length) throw new Error("unterminated array");
        a.push(this.value());
      }
    }
    if (c === 0x28 || c === 0x3c) {
      this.skipString();
      return "";
    }
    const word = this.keyword();
    if (word === "true" || word === "false") return word === "true";
    if (word === "null" || word === "") return null;
    const n = Number(word);
    if (!Number.isFinite(n)) return word;
    // "12 0 R" is a reference.
    const save = this.pos;
    const gen = this.keyword();
    if (/^\d+$/.test(gen) && this.keyword() === "R") return new PdfRef(n);
    this.pos = save;
    return n;
  }

  /** Skips a (literal) or <hex> string. */
  skipString(): void {
    const b = this.b;
    if (b[this.pos] === 0x3c) {
      while (this.pos < b.length && b[this.pos] !== 0x3e) this.pos++;
      this.pos++;
      return;
    }
    let depth = 0;
    for (; this.pos < b.length; this.pos++) {
      const c = b[this.pos];
      if (c === 0x5c) this.pos++;
      else if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) {
        this.pos++;
        return;
      }
    }
  }
}
