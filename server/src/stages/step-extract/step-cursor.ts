// The character-level cursor of the Part 21 reader: blanks, comments, keywords, strings and
// argument values. Kept apart from the record loop (step-entities.ts) so each stays small.

import type { StepValue } from "./step-values.js";

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

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
export const isNameChar = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
/** Characters of a number literal: 0-9 . e E + - */
const isNumberChar = (c: number) => (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;

/**
 * STEP_MAX_NESTING: parentheses nested in one record. Real files nest a few levels; hostile
 * ones nest 200,000, which would overflow the stack (a RangeError, not a code). Set per stage
 * run from its input (step-extract/index.ts).
 */
export const DEFAULT_STEP_NESTING = 64;
export const stepNesting = { max: DEFAULT_STEP_NESTING };

export class Cursor {
  pos = 0;
  private depth = 0;
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
    if (this.text.charCodeAt(this.pos) !== ch.charCodeAt(0)) this.fail(`expected '${ch}', found '${this.text[this.pos]}'`);
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
    const start = this.pos + 1;
    this.skipString();
    return this.text.slice(start, this.pos - 1);
  }

  /** Moves past a string (pos on the opening quote) without copying it out. */
  skipString(): void {
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
      this.pos = q + 1;
      return;
    }
  }

  // Next ';', quote and '/' at or after the position they were looked up from (text.length:
  // none), reused while pos stays within [from, at]: skipping a record then costs a few
  // indexOf (memchr) calls instead of a test on every character.
  private semiFrom = 0;
  private semiAt = -1;
  private quoteFrom = 0;
  private quoteAt = -1;
  private slashFrom = 0;
  private slashAt = -1;

  /** Skips one record body up to and including its ';' (strings and comments aware). */
  skipRecord(): void {
    const t = this.text;
    const n = t.length;
    for (;;) {
      const pos = this.pos;
      if (pos < this.semiFrom || pos > this.semiAt) {
        const i = t.indexOf(";", pos);
        this.semiFrom = pos;
        this.semiAt = i < 0 ? n : i;
      }
      if (pos < this.quoteFrom || pos > this.quoteAt) {
        const i = t.indexOf("'", pos);
        this.quoteFrom = pos;
        this.quoteAt = i < 0 ? n : i;
      }
      if (pos < this.slashFrom || pos > this.slashAt) {
        const i = t.indexOf("/", pos);
        this.slashFrom = pos;
        this.slashAt = i < 0 ? n : i;
      }
      const stop = Math.min(this.semiAt, this.quoteAt, this.slashAt);
      if (stop >= n) {
        this.pos = n;
        this.fail("record without ';'", true);
      }
      const c = t.charCodeAt(stop);
      this.pos = stop;
      if (c === 59) {
        this.pos++;
        return;
      }
      if (c === 39) {
        this.skipString();
        continue;
      }
      if (t.charCodeAt(stop + 1) === 42) {
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
      while (this.pos < this.text.length && isNumberChar(this.text.charCodeAt(this.pos))) this.pos++;
      const n = Number(this.text.slice(start, this.pos));
      if (Number.isNaN(n)) this.fail(`bad number '${this.text.slice(start, this.pos)}'`);
      return n;
    }
    const type = this.name();
    return { type, args: this.list() };
  }

  list(): StepValue[] {
    this.expect("(");
    if (this.depth >= stepNesting.max) this.fail(`lists nest more than ${stepNesting.max} levels deep (STEP_MAX_NESTING)`);
    this.depth++;
    try {
      return this.items();
    } finally {
      this.depth--;
    }
  }

  private items(): StepValue[] {
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
