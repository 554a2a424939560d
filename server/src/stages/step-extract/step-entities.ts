// A small ISO 10303-21 (STEP "Part 21") reader. It scans the DATA section record by record
// and only fully parses the argument lists of the entity types the caller asks for, so that
// the thousands of CARTESIAN_POINTs of a big file cost one linear scan and no allocations.

/** `#123` inside an argument list. */
export interface StepRef {
  ref: number;
}
/** `.ENUM.` (also booleans `.T.` / `.F.`). */
export interface StepEnum {
  enum: string;
}
/** A typed parameter such as `LENGTH_MEASURE(5.)`. */
export interface StepTyped {
  type: string;
  args: StepValue[];
}
/** `*`: an attribute re-derived by a subtype. */
export interface StepDerived {
  derived: true;
}
/** `$` is null, strings are decoded JS strings. */
export type StepValue = null | number | string | StepRef | StepEnum | StepTyped | StepDerived | StepValue[];

export interface StepEntityPart {
  type: string;
  args: StepValue[];
}
export interface StepEntity {
  id: number;
  /** Type of a simple entity; for a complex entity `#1=(A()B());` the parts in file order. */
  parts: StepEntityPart[];
}

export interface StepFileData {
  /** FILE_NAME name from the HEADER, or null. */
  headerName: string | null;
  /** FILE_SCHEMA identifiers. */
  schemas: string[];
  /** Entities of the requested types, by id. */
  entities: Map<number, StepEntity>;
  /** Number of records in DATA (all types). */
  recordCount: number;
}

export class StepSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** True when the text simply stops early (no ENDSEC / unterminated record). */
    readonly truncated: boolean,
  ) {
    super(message);
    this.name = "StepSyntaxError";
  }
}

export const MAGIC = "ISO-10303-21;";

/** True when the buffer starts (after an optional BOM and blanks) with `ISO-10303-21;`. */
export function looksLikeStep(head: string): boolean {
  return head.replace(/^\uFEFF/, "").trimStart().startsWith(MAGIC);
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
const isNameChar = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string, truncated = false): never {
    throw new StepSyntaxError(`${message} at offset ${this.pos}`, this.pos, truncated);
  }

  /** Skips blanks and comments. */
  skip(): void {
    const t = this.text;
    for (;;) {
      while (this.pos < t.length && isSpace(t.charCodeAt(this.pos))) this.pos++;
      if (t.charCodeAt(this.pos) === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const end = t.indexOf("*/", this.pos + 2);
        if (end < 0) this.fail("unterminated comment", true);
        this.pos = end + 2;
        continue;
      }
      return;
    }
  }

  eof(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  expect(ch: string): void {
    this.skip();
    if (this.eof()) this.fail(`expected '${ch}' but the file ends`, true);
    if (this.text[this.pos] !== ch) this.fail(`expected '${ch}', found '${this.text[this.pos]}'`);
    this.pos++;
  }

  name(): string {
    this.skip();
    const start = this.pos;
    while (this.pos < this.text.length && isNameChar(this.text.charCodeAt(this.pos))) this.pos++;
    if (start === this.pos) {
      if (this.eof()) this.fail("expected a keyword but the file ends", true);
      this.fail(`expected a keyword, found '${this.text[this.pos]}'`);
    }
    return this.text.slice(start, this.pos).toUpperCase();
  }

  /** Raw string body (between the quotes, '' still doubled); pos is on the opening quote. */
  rawString(): string {
    const t = this.text;
    let i = this.pos + 1;
    for (;;) {
      const q = t.indexOf("'", i);
      if (q < 0) {
        this.pos = t.length;
        this.fail("unterminated string", true);
      }
      if (t.charCodeAt(q + 1) === 39) {
        i = q + 2;
        continue;
      }
      const raw = t.slice(this.pos + 1, q);
      this.pos = q + 1;
      return raw;
    }
  }

  /** Skips one record body up to and including its ';' (strings and comments aware). */
  skipRecord(): void {
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length) this.fail("record without ';'", true);
      const c = t.charCodeAt(this.pos);
      if (c === 59) {
        this.pos++;
        return;
      }
      if (c === 39) {
        this.rawString();
        continue;
      }
      if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        this.skip();
        continue;
      }
      this.pos++;
    }
  }

  value(): StepValue {
    this.skip();
    if (this.eof()) this.fail("argument list ends with the file", true);
    const c = this.peek();
    if (c === 39) return decodeStepString(this.rawString());
    if (c === 35) {
      this.pos++;
      const start = this.pos;
      while (this.pos < this.text.length && this.peek() >= 48 && this.peek() <= 57) this.pos++;
      return { ref: Number(this.text.slice(start, this.pos)) };
    }
    if (c === 36) {
      this.pos++;
      return null;
    }
    if (c === 42) {
      this.pos++;
      return { derived: true };
    }
    if (c === 46) {
      const end = this.text.indexOf(".", this.pos + 1);
      if (end < 0) this.fail("unterminated enumeration", true);
      const v = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { enum: v.toUpperCase() };
    }
    if (c === 40) return this.list();
    if (c === 34) {
      // Binary literal "0ABC": kept as its hex text.
      const end = this.text.indexOf('"', this.pos + 1);
      if (end < 0) this.fail("unterminated binary", true);
      const v = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return v;
    }
    if ((c >= 48 && c <= 57) || c === 45 || c === 43) {
      const start = this.pos;
      this.pos++;
      while (this.pos < this.text.length && /[0-9.eE+\-]/.test(this.text[this.pos]!)) this.pos++;
      const n = Number(this.text.slice(start, this.pos));
      if (Number.isNaN(n)) this.fail(`bad number '${this.text.slice(start, this.pos)}'`);
      return n;
    }
    const type = this.name();
    return { type, args: this.list() };
  }

  list(): StepValue[] {
    this.expect("(");
    const out: StepValue[] = [];
    this.skip();
    if (this.peek() === 41) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skip();
      if (this.eof()) this.fail("argument list ends with the file", true);
      const c = this.peek();
      this.pos++;
      if (c === 41) return out;
      if (c !== 44) {
        this.pos--;
        this.fail(`expected ',' or ')', found '${this.text[this.pos]}'`);
      }
    }
  }
}

/** Decodes '' and the \X\, \X2\..\X0\, \X4\..\X0\ and \S\ escapes of Part 21 strings. */
export function decodeStepString(raw: string): string {
  let s = raw.replace(/''/g, "'");
  if (!s.includes("\\")) return s;
  s = s.replace(/\\X2\\((?:[0-9A-Fa-f]{4})+)\\X0\\/g, (_m, hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))),
  );
  s = s.replace(/\\X4\\((?:[0-9A-Fa-f]{8})+)\\X0\\/g, (_m, hex: string) =>
    String.fromCodePoint(...(hex.match(/.{8}/g) ?? []).map((h) => parseInt(h, 16))),
  );
  s = s.replace(/\\X\\([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  s = s.replace(/\\S\\(.)/g, (_m, ch: string) => String.fromCharCode(ch.charCodeAt(0) + 128));
  return s.replace(/\\\\/g, "\\");
}

export interface ParseOptions {
  /** Also keep these entity ids whatever their type (second passes that follow references). */
  ids?: ReadonlySet<number>;
  /** Called now and then with the fraction of the text read (0..1). */
  onProgress?: (fraction: number) => void;
}

/**
 * Reads the HEADER and DATA sections. Only entities whose (any part's) type is in `wanted`
 * (or whose id is in `opts.ids`) are parsed and kept. Throws StepSyntaxError on malformed or
 * truncated text.
 */
export function parseStepEntities(text: string, wanted: ReadonlySet<string>, opts: ParseOptions = {}): StepFileData {
  const ids = opts.ids ?? new Set<number>();
  const cur = new Cursor(text.replace(/^\uFEFF/, ""));
  cur.skip();
  if (!cur.text.startsWith(MAGIC, cur.pos)) cur.fail(`file does not start with ${MAGIC}`);
  cur.pos += MAGIC.length;

  let headerName: string | null = null;
  const schemas: string[] = [];
  const entities = new Map<number, StepEntity>();
  let recordCount = 0;
  let sawData = false;

  for (;;) {
    cur.skip();
    if (cur.eof()) cur.fail("file ends before END-ISO-10303-21", true);
    const kw = cur.name();
    if (kw === "END-ISO-10303-21") break;
    cur.expect(";");
    if (kw === "HEADER") {
      // Header records look like entities without ids: NAME(args);
      for (;;) {
        const rec = cur.name();
        if (rec === "ENDSEC") {
          cur.expect(";");
          break;
        }
        const args = cur.list();
        cur.expect(";");
        if (rec === "FILE_NAME" && typeof args[0] === "string") headerName = args[0];
        if (rec === "FILE_SCHEMA" && Array.isArray(args[0])) {
          for (const s of args[0]) if (typeof s === "string") schemas.push(s);
        }
      }
    } else if (kw === "DATA") {
      sawData = true;
      for (;;) {
        cur.skip();
        if (cur.eof()) cur.fail("DATA section ends with the file (no ENDSEC)", true);
        if (cur.peek() !== 35) {
          const end = cur.name();
          if (end !== "ENDSEC") cur.fail(`expected an entity or ENDSEC, found ${end}`);
          cur.expect(";");
          break;
        }
        cur.pos++;
        const idStart = cur.pos;
        while (cur.peek() >= 48 && cur.peek() <= 57) cur.pos++;
        const id = Number(cur.text.slice(idStart, cur.pos));
        if (!Number.isInteger(id) || cur.pos === idStart) cur.fail("bad entity id");
        cur.expect("=");
        cur.skip();
        if (++recordCount % 8192 === 0) opts.onProgress?.(cur.pos / cur.text.length);
        const keep = ids.has(id);
        const recStart = cur.pos;
        if (cur.peek() === 40) {
          // Complex entity: parse only when one of its parts is wanted.
          cur.skipRecord();
          const body = cur.text.slice(recStart, cur.pos);
          if (!keep && ![...wanted].some((w) => body.includes(w))) continue;
          const end = cur.pos;
          cur.pos = recStart + 1;
          const parts: StepEntityPart[] = [];
          for (;;) {
            cur.skip();
            if (cur.peek() === 41) break;
            const type = cur.name();
            parts.push({ type, args: cur.list() });
          }
          cur.pos = end;
          if (keep || parts.some((p) => wanted.has(p.type))) entities.set(id, { id, parts });
        } else {
          const type = cur.name();
          if (keep || wanted.has(type)) {
            const args = cur.list();
            cur.expect(";");
            entities.set(id, { id, parts: [{ type, args }] });
          } else {
            cur.skipRecord();
          }
        }
      }
    } else {
      // Other sections (ANCHOR, REFERENCE, SIGNATURE of edition 3): skip to ENDSEC.
      const end = cur.text.indexOf("ENDSEC", cur.pos);
      if (end < 0) cur.fail(`${kw} section ends with the file`, true);
      cur.pos = end + "ENDSEC".length;
      cur.expect(";");
    }
  }
  if (!sawData) cur.fail("no DATA section");
  opts.onProgress?.(1);
  return { headerName, schemas, entities, recordCount };
}

// ---------- small accessors ----------

export function part(e: StepEntity | undefined, type: string): StepEntityPart | undefined {
  return e?.parts.find((p) => p.type === type);
}
export function typeOf(e: StepEntity | undefined): string | undefined {
  return e && e.parts.length === 1 ? e.parts[0]!.type : undefined;
}
export function refOf(v: StepValue | undefined): number | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) && "ref" in v ? v.ref : null;
}
export function refsOf(v: StepValue | undefined): number[] {
  if (!Array.isArray(v)) return [];
  return v.map(refOf).filter((r): r is number => r !== null);
}
export function strOf(v: StepValue | undefined): string {
  return typeof v === "string" ? v : "";
}
