// A small ISO 10303-21 (STEP "Part 21") reader. It scans the DATA section record by record
// and only fully parses the argument lists of the entity types the caller asks for, so that
// the thousands of CARTESIAN_POINTs of a big file cost one linear scan and no allocations.

import { Cursor, isNameChar } from "./step-cursor.js";
import { parseRecordBody, RecordIndex } from "./step-records.js";
import type { StepEntity, StepEntityPart, StepValue } from "./step-values.js";

export type { StepDerived, StepEntity, StepEntityPart, StepEnum, StepRef, StepTyped, StepValue } from "./step-values.js";

export interface StepFileData {
  /** FILE_NAME name from the HEADER, or null. */
  headerName: string | null;
  /** FILE_SCHEMA identifiers. */
  schemas: string[];
  /** Entities of the requested types, by id. */
  entities: Map<number, StepEntity>;
  /** Number of records in DATA (all types). */
  recordCount: number;
  /** Where each record starts, to parse further records by id without another scan. */
  records: RecordIndex;
}

export { decodeStepString, StepSyntaxError } from "./step-cursor.js";

export const MAGIC = "ISO-10303-21;";

/** True when the buffer starts (after an optional BOM and blanks) with `ISO-10303-21;`. */
export function looksLikeStep(head: string): boolean {
  return head
    .replace(/^\uFEFF/, "")
    .trimStart()
    .startsWith(MAGIC);
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
  const records = new RecordIndex(cur.text);
  const wantedList = [...wanted];
  const wantedHashes = new Set(wantedList.map(typeHash));
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
        // The id is read as digits (no substring); very long ones go through Number as before.
        let id = 0;
        for (let c = cur.peek(); c >= 48 && c <= 57; c = cur.peek()) {
          id = id * 10 + (c - 48);
          cur.pos++;
        }
        if (cur.pos - idStart > 15) id = Number(cur.text.slice(idStart, cur.pos));
        if (!Number.isInteger(id) || cur.pos === idStart) cur.fail("bad entity id");
        cur.expect("=");
        cur.skip();
        if (++recordCount % 8192 === 0) opts.onProgress?.(cur.pos / cur.text.length);
        const keep = ids.has(id);
        const recStart = cur.pos;
        records.add(id, recStart);
        if (cur.peek() === 40) {
          // Complex entity: parse only when one of its parts is wanted.
          cur.skipRecord();
          const body = cur.text.slice(recStart, cur.pos);
          if (!keep && !wantedList.some((w) => body.includes(w))) continue;
          cur.pos = recStart;
          const e = parseRecordBody(cur, id);
          if (keep || e.parts.some((p) => wanted.has(p.type))) entities.set(id, e);
          continue;
        }
        // Simple entity: hash the type name in place; only a possible match is sliced and
        // looked up, so the bulk of a big file (points, edges, faces) allocates nothing.
        let h = 0;
        let end = recStart;
        for (let c = cur.text.charCodeAt(end); isNameChar(c); c = cur.text.charCodeAt(++end)) {
          h = (Math.imul(h, 31) + (c >= 97 && c <= 122 ? c - 32 : c)) | 0;
        }
        if (keep || end === recStart || wantedHashes.has(h)) {
          const type = cur.name();
          if (keep || wanted.has(type)) {
            cur.pos = recStart;
            entities.set(id, parseRecordBody(cur, id));
            continue;
          }
        } else {
          cur.pos = end;
        }
        cur.skipRecord();
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
  return { headerName, schemas, entities, recordCount, records };
}

/** Hash of an entity type name, upper-cased (ASCII), as the DATA loop computes it in place. */
function typeHash(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h = (Math.imul(h, 31) + (c >= 97 && c <= 122 ? c - 32 : c)) | 0;
  }
  return h;
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
