// Where every DATA record starts, noted during the one scan of the file, so that following
// references later (placements → axes → points) parses just those records instead of scanning
// the whole text again.

import { Cursor } from "./step-cursor.js";
import type { StepEntity, StepEntityPart } from "./step-values.js";

export class RecordIndex {
  /** id → offset + 1 of the record body (0: no record); ids of real files are dense. */
  private dense = new Int32Array(4096);
  /** Ids far beyond the record count, so one huge id does not allocate a huge array. */
  private readonly sparse = new Map<number, number>();
  private count = 0;

  /** `text` is the scanned text (without BOM): offsets point into it. */
  constructor(readonly text: string) {}

  add(id: number, offset: number): void {
    this.count++;
    if (id >= this.dense.length && id <= 2 * (this.count + 4096)) {
      const grown = new Int32Array(Math.max(id + 1, 2 * this.dense.length));
      grown.set(this.dense);
      this.dense = grown;
    }
    if (id < this.dense.length) this.dense[id] = offset + 1;
    else this.sparse.set(id, offset);
  }

  /** Offset of the record body (what follows `#id=`), or -1. A repeated id gives the last. */
  offsetOf(id: number): number {
    const d = id < this.dense.length ? this.dense[id]! : 0;
    return d ? d - 1 : (this.sparse.get(id) ?? -1);
  }

  /** The records of `ids` found in the file, parsed whatever their type, in file order. */
  parse(ids: Iterable<number>): Map<number, StepEntity> {
    const found: Array<[number, number]> = [];
    for (const id of ids) {
      const at = this.offsetOf(id);
      if (at >= 0) found.push([at, id]);
    }
    found.sort((a, b) => a[0] - b[0]);
    const cur = new Cursor(this.text);
    const out = new Map<number, StepEntity>();
    for (const [at, id] of found) {
      cur.pos = at;
      out.set(id, parseRecordBody(cur, id));
    }
    return out;
  }
}

/**
 * Parses one record body (cursor on what follows `#id=`, blanks skipped) up to and including
 * its ';'. A complex entity `(A(..)B(..))` gives its parts in file order.
 */
export function parseRecordBody(cur: Cursor, id: number): StepEntity {
  if (cur.peek() === 40) {
    const start = cur.pos;
    cur.skipRecord();
    const end = cur.pos;
    cur.pos = start + 1;
    const parts: StepEntityPart[] = [];
    for (;;) {
      cur.skip();
      if (cur.peek() === 41) break;
      const type = cur.name();
      parts.push({ type, args: cur.list() });
    }
    cur.pos = end;
    return { id, parts };
  }
  const type = cur.name();
  const args = cur.list();
  cur.expect(";");
  return { id, parts: [{ type, args }] };
}
