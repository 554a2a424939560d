// A job's events after `afterSeq`: first what is stored, then live ones, with no gap and no
// duplicate at the seam. The live listener is attached before the log is read, and any gap
// seen in the live feed (a slow subscriber's overflow, another instance's publish order) is
// refilled from the stored log, so the stored log is always the source of truth.
import type { Db } from "../db/prisma.js";
import { fromRow } from "./event-rows.js";
import { isTerminal, type StoredEvent } from "./event-types.js";
import type { JobBus } from "./pubsub.js";
import { stoppable } from "./stoppable.js";

const PAGE = 500;
/** Live events a subscriber may hold before we drop them and re-read the stored log. */
const MAX_QUEUED = 10_000;

export async function readEvents(db: Db, jobId: string, afterSeq: number, limit = PAGE): Promise<StoredEvent[]> {
  const rows = await db.jobEvent.findMany({
    where: { jobId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map(fromRow);
}

/** Queue of live events for one subscriber, fed by its bus subscription. */
class LiveQueue {
  private items: StoredEvent[] = [];
  private wake: (() => void) | null = null;
  overflowed = false;
  closed = false;

  push(e: StoredEvent): void {
    if (this.items.length >= MAX_QUEUED) {
      this.items = [];
      this.overflowed = true;
    } else this.items.push(e);
    this.wake?.();
  }
  close(): void {
    this.closed = true;
    this.wake?.();
  }
  async take(): Promise<StoredEvent | "overflow" | null> {
    for (;;) {
      if (this.overflowed) {
        this.overflowed = false;
        return "overflow";
      }
      const next = this.items.shift();
      if (next) return next;
      if (this.closed) return null;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = null;
    }
  }
}

export interface StreamOptions {
  db: Db;
  bus: JobBus;
  jobId: string;
  afterSeq: number;
  /** Whether the job already ended (its terminal event is then stored). */
  isJobFinished: () => Promise<boolean>;
  signal?: AbortSignal;
}

/** The job's events after `afterSeq`; leaving (return()) takes effect at once, even while idle. */
export function streamJobEvents(o: StreamOptions): AsyncIterableIterator<StoredEvent> {
  return stoppable((stop) => eventsOf({ ...o, signal: o.signal ? AbortSignal.any([o.signal, stop]) : stop }));
}

async function* eventsOf(o: StreamOptions): AsyncGenerator<StoredEvent> {
  const queue = new LiveQueue();
  const unsubscribe = o.bus.subscribe("job:event", o.jobId, (e) => queue.push(e));
  const onAbort = () => queue.close();
  o.signal?.addEventListener("abort", onAbort);
  let last = o.afterSeq;
  try {
    // Replay until the stored log is exhausted. Returns true when the log ends with a terminal
    // event (a retry may reopen a log after a terminal event, so only the last one counts).
    let lastKind = "";
    const replay = async function* (): AsyncGenerator<StoredEvent, boolean> {
      for (;;) {
        const page = await readEvents(o.db, o.jobId, last);
        for (const e of page) {
          yield e;
          last = e.seq;
          lastKind = e.kind;
        }
        if (page.length < PAGE) return isTerminal(lastKind);
      }
    };
    if (yield* replay()) return;
    // A finished job publishes nothing more: whatever is stored is everything.
    if (await o.isJobFinished()) {
      yield* replay();
      return;
    }
    for (;;) {
      const next = await queue.take();
      if (next === null) return;
      if (next === "overflow" || next.seq > last + 1) {
        if (yield* replay()) return;
        if (next === "overflow") continue;
      }
      if (next.seq <= last) continue;
      yield next;
      last = next.seq;
      if (isTerminal(next.kind)) return;
    }
  } finally {
    unsubscribe();
    o.signal?.removeEventListener("abort", onAbort);
  }
}
