// THE path of every job event: assign the next seq, persist, then publish.
// Appends made in one tick are written in one transaction (with any state changes that must
// land together with them, e.g. a stage result with its STAGE_SUCCEEDED event), then published
// in seq order. Flushes never overlap, so per-job order is the order of append() calls.
import { sqliteConnectionOf, type Db, type Provider } from "../db/prisma.js";
import { insertRows, insertRowsNow, toRow } from "./event-rows.js";
import { isTerminal, type NewEvent, type StoredEvent } from "./event-types.js";
import type { JobBus } from "./pubsub.js";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/**
 * State written in the same transaction as the event (e.g. job status, stage result).
 * Returning `false` withdraws the event: nothing of it is written (conditional transitions
 * such as "cancel only if still QUEUED" use this to stay atomic).
 */
export type SideEffect = (tx: Tx) => Promise<unknown>;

export interface EventLogOptions {
  /**
   * Default sqlite. postgresql: several instances may write one job's log, so the job row is
   * locked before its last seq is read; SQLite gets the raw multi-row INSERT fast path.
   */
  provider?: Provider;
}

export interface AppendOptions {
  /** Append to a log that a terminal event closed (a retry reopening the job). */
  reopen?: boolean;
}

/**
 * Most events written and published by one flush. A worker can post tens of thousands of
 * events while the main thread is busy, and they all arrive at once; published in one go they
 * would pile up in every live subscriber's queue (which past its bound falls back to re-reading
 * the stored log) and hold the event loop. Smaller flushes let subscribers send each batch
 * before the next one is written.
 */
const FLUSH_MAX_EVENTS = 1000;

/** Kinds after which `jobUpdated` subscribers are told to re-read the job. */
const UPDATES_JOB = new Set(["JOB_QUEUED", "JOB_STARTED", "STAGE_STARTED", "STAGE_SUCCEEDED", "STAGE_FAILED"]);

interface Pending {
  jobId: string;
  event: NewEvent;
  sideEffect?: SideEffect;
  reopen: boolean;
  resolve: (e: StoredEvent | null) => void;
  reject: (err: unknown) => void;
}

/** Raised to the caller when the log write fails; the events of that batch were not stored. */
export class EventLogWriteError extends Error {}

export class EventLog {
  private pending: Pending[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private scheduled = false;
  /**
   * Last seq per job, cached only for jobs this instance runs (see own/release): any other
   * job may be written by another instance sharing the database, so its seq is read fresh
   * inside the transaction.
   */
  private lastSeq = new Map<string, number>();
  private readonly owned = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly bus: JobBus,
    private readonly opts: EventLogOptions = {},
  ) {
    this.sqlite = opts.provider !== "postgresql";
  }

  /** SQLite: events are written with one raw multi-row INSERT (see insertRows). */
  private readonly sqlite: boolean;

  /** Told of every event this instance stored, after it is published (logs, metrics, webhooks). */
  private readonly observers: ((e: StoredEvent) => void)[] = [];

  observe(fn: (e: StoredEvent) => void): void {
    this.observers.push(fn);
  }

  /**
   * Appends an event. Resolves with the stored event once it is persisted and published, or
   * with null when nothing was written: the job's log is closed by a terminal event, or the
   * side effect withdrew the event.
   */
  append(jobId: string, event: NewEvent, sideEffect?: SideEffect, opts: AppendOptions = {}): Promise<StoredEvent | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ jobId, event, sideEffect, reopen: opts.reopen ?? false, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: lets every message already queued on worker ports this
    // tick join the same transaction.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flushing.then(() => this.flush());
    });
  }

  /** This instance now runs the job: its seq may be cached. */
  own(jobId: string): void {
    this.owned.add(jobId);
  }

  /** This instance no longer runs the job. */
  release(jobId: string): void {
    this.owned.delete(jobId);
    this.lastSeq.delete(jobId);
  }

  /** Resolves when everything appended so far is stored and published. */
  async drain(): Promise<void> {
    while (this.pending.length || this.scheduled) {
      await new Promise((r) => setImmediate(r));
      await this.flushing;
    }
    await this.flushing;
  }

  private async flush(): Promise<void> {
    // At most FLUSH_MAX_EVENTS per flush; the rest goes in the next one, after a turn of the
    // event loop (see FLUSH_MAX_EVENTS).
    const batch = this.pending.splice(0, FLUSH_MAX_EVENTS);
    if (!batch.length) return;
    try {
      await this.write(batch);
    } finally {
      if (this.pending.length) this.schedule();
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const before = new Map(this.lastSeq);
    const accepted: { p: Pending; stored: StoredEvent }[] = [];
    const refused: Pending[] = [];
    try {
      // Fast path (the hot one: a running job's progress and log lines): no side effect, no
      // terminal event, every job's seq cached, so nothing needs reading first: the rows are
      // written in one synchronous transaction on Prisma's own connection.
      if (this.sqlite && batch.every((p) => !p.sideEffect && !isTerminal(p.event.kind) && (this.lastSeq.get(p.jobId) ?? -1) !== -1)) {
        for (const p of batch) {
          const stored = toStored(p.jobId, this.lastSeq.get(p.jobId)! + 1, p.event);
          this.lastSeq.set(p.jobId, stored.seq);
          accepted.push({ p, stored });
        }
        const rows = accepted.map(({ stored }) => stored);
        const conn = sqliteConnectionOf(this.db);
        // Not while a Prisma transaction is open on the connection: the rows would join it.
        if (conn && !conn.inTransaction) insertRowsNow(conn, rows);
        else await this.db.$transaction(async (tx) => insertRows(tx, rows));
      } else
        await this.db.$transaction(async (tx) => {
          for (const p of batch) {
            const last = await this.loadLastSeq(tx, p.jobId, p.reopen);
            // State first: an event may be the first thing written about a job (JOB_QUEUED
            // creates the job row its event refers to).
            if (last === null || (p.sideEffect && (await p.sideEffect(tx)) === false)) {
              refused.push(p);
              continue;
            }
            const stored = toStored(p.jobId, last + 1, p.event);
            this.lastSeq.set(p.jobId, isTerminal(stored.kind) ? -1 : stored.seq);
            accepted.push({ p, stored });
          }
          if (accepted.length) {
            if (this.sqlite)
              await insertRows(
                tx,
                accepted.map(({ stored }) => stored),
              );
            else await tx.jobEvent.createMany({ data: accepted.map(({ stored }) => toRow(stored)) });
          }
        });
    } catch (err) {
      this.lastSeq = before;
      const wrapped = new EventLogWriteError(`event log write failed: ${(err as Error).message}`, { cause: err });
      for (const p of batch) p.reject(wrapped);
      return;
    }
    for (const { p, stored } of accepted) {
      if (!this.owned.has(p.jobId) || (this.lastSeq.get(p.jobId) === -1 && isTerminal(stored.kind))) this.lastSeq.delete(p.jobId);
      this.bus.publish("job:event", p.jobId, stored);
      if (UPDATES_JOB.has(stored.kind) || isTerminal(stored.kind)) {
        this.bus.publish("job:updated", p.jobId, { jobId: p.jobId });
      }
      // A status moves only with an event that carries state (side effect) or a job-level kind.
      if (p.sideEffect || stored.kind.startsWith("JOB_")) this.bus.publish("jobs:changed", { jobId: p.jobId });
      p.resolve(stored);
      for (const fn of this.observers) {
        try {
          fn(stored);
        } catch {
          // an observer never breaks the log
        }
      }
    }
    for (const p of refused) p.resolve(null);
  }

  /** Last seq of an open log; null when the log is closed (terminal event stored). */
  private async loadLastSeq(tx: Tx, jobId: string, reopen: boolean): Promise<number | null> {
    const cached = this.lastSeq.get(jobId);
    if (cached !== undefined && cached !== -1) return cached;
    if (cached === -1 && !reopen) return null;
    // Serialises writers of one job across instances (the job row may not exist yet for JOB_QUEUED).
    if (this.opts.provider === "postgresql") await tx.$queryRaw`SELECT 1 FROM "Job" WHERE id = ${jobId} FOR UPDATE`;
    const last = await tx.jobEvent.findFirst({ where: { jobId }, orderBy: { seq: "desc" }, select: { seq: true, kind: true } });
    if (last && isTerminal(last.kind) && !reopen) return null;
    return last?.seq ?? 0;
  }
}

function toStored(jobId: string, seq: number, e: NewEvent): StoredEvent {
  return {
    jobId,
    seq,
    at: new Date(),
    kind: e.kind,
    stage: e.stage ?? null,
    progress: e.progress == null ? null : Math.max(0, Math.min(100, Math.round(e.progress))),
    message: e.message,
    level: e.level ?? null,
    data: e.data ?? null,
  };
}
