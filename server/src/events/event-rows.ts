// How events become JobEvent rows and back (shared by the writer, event-log.ts, and the
// reader, event-stream.ts), and the SQLite writes of the event log's hot path.
import type { Db, SqliteConnection } from "../db/prisma.js";
import type { StoredEvent } from "./event-types.js";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function toRow(e: StoredEvent) {
  return {
    jobId: e.jobId,
    seq: e.seq,
    at: e.at,
    kind: e.kind,
    stage: e.stage,
    progress: e.progress,
    message: e.message,
    level: e.level,
    data: e.data == null ? null : JSON.stringify(e.data),
  };
}

/** Row from the JobEvent table → StoredEvent. */
export function fromRow(row: {
  jobId: string;
  seq: number;
  at: Date;
  kind: string;
  stage: string | null;
  progress: number | null;
  message: string;
  level: string | null;
  data: string | null;
}): StoredEvent {
  return {
    ...row,
    kind: row.kind as StoredEvent["kind"],
    stage: row.stage as StoredEvent["stage"],
    level: row.level as StoredEvent["level"],
    data: row.data == null ? null : JSON.parse(row.data),
  };
}

/** Rows per INSERT statement (9 parameters each; SQLite allows 32,766 per statement). */
const INSERT_CHUNK = 500;
const COLUMNS = `"jobId","seq","at","kind","stage","progress","message","level","data"`;
const insertSql = new Map<number, string>();

/**
 * SQLite, inside a Prisma transaction: the events as multi-row INSERTs, bypassing Prisma's
 * per-row query building (10-15× cheaper per row). Values are exactly those createMany writes.
 */
export async function insertRows(db: Pick<Tx, "$executeRawUnsafe">, events: StoredEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += INSERT_CHUNK) {
    const chunk = events.slice(i, i + INSERT_CHUNK);
    let sql = insertSql.get(chunk.length);
    if (!sql) {
      sql = `INSERT INTO "JobEvent" (${COLUMNS}) VALUES ${Array(chunk.length).fill("(?,?,?,?,?,?,?,?,?)").join(",")}`;
      if (chunk.length <= 64 || chunk.length === INSERT_CHUNK) insertSql.set(chunk.length, sql);
    }
    const args: unknown[] = [];
    for (const e of chunk) {
      const r = toRow(e);
      args.push(r.jobId, r.seq, r.at, r.kind, r.stage, r.progress, r.message, r.level, r.data);
    }
    await db.$executeRawUnsafe(sql, ...args);
  }
}

const prepared = new WeakMap<SqliteConnection, (events: StoredEvent[]) => void>();

/**
 * SQLite, outside any transaction: the events written synchronously on Prisma's own
 * better-sqlite3 connection with one prepared statement, in one transaction. Skips Prisma's
 * query pipeline (the statement is prepared once, not per call) and the promise round trips.
 * The values are the ones Prisma's adapter binds (its DateTime format: ISO with +00:00).
 */
export function insertRowsNow(conn: SqliteConnection, events: StoredEvent[]): void {
  let write = prepared.get(conn);
  if (!write) {
    const insert = conn.prepare(`INSERT INTO "JobEvent" (${COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)`);
    write = conn.transaction((rows: StoredEvent[]) => {
      for (const e of rows) {
        const data = e.data == null ? null : JSON.stringify(e.data);
        insert.run(e.jobId, e.seq, e.at.toISOString().replace("Z", "+00:00"), e.kind, e.stage, e.progress, e.message, e.level, data);
      }
    });
    prepared.set(conn, write);
  }
  write(events);
}
