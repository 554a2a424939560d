// The jobsChanged feed: status changes and deletions of a subscriber's jobs, from the bus's
// jobs:changed notices. A notice only names a job: its row is read fresh (the stored state is
// what is sent), and a status already sent for a job is not sent again.
import type { JobBus, JobsChangedNotice } from "./pubsub.js";
import { stoppable, whenAborted } from "./stoppable.js";

/** Jobs a subscriber remembers the last status of; beyond this the oldest are forgotten. */
const MAX_REMEMBERED = 10_000;

export interface ChangeOptions<T extends { id: string; status: string }> {
  bus: JobBus;
  /** The job's row when the subscriber may see it, else null. */
  read: (jobId: string) => Promise<T | null>;
  /** Whether a deleted job, owned by `ownerKey`, was one the subscriber may see. */
  maySee: (ownerKey: string | null) => boolean;
}

/** A job with a new status (its row), or a deleted one (row null). */
export interface JobChangeOf<T> {
  jobId: string;
  row: T | null;
}

/**
 * The changes, until left (return() takes effect at once). The subscription starts now, not
 * when the first value is asked for, so a change made right after this call is not missed.
 */
export function streamJobChanges<T extends { id: string; status: string }>(o: ChangeOptions<T>): AsyncIterableIterator<JobChangeOf<T>> {
  return stoppable((stop) => changesOf(o, stop));
}

function changesOf<T extends { id: string; status: string }>(o: ChangeOptions<T>, stop: AbortSignal): AsyncGenerator<JobChangeOf<T>> {
  const notices: JobsChangedNotice[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = o.bus.subscribeAll("jobs:changed", (notice) => {
    notices.push(notice);
    wake?.();
  });
  stop.addEventListener("abort", unsubscribe, { once: true }); // also when the generator never started
  const stopped = whenAborted(stop);
  const seen = new Map<string, string>(); // jobId → last status sent
  return (async function* () {
    try {
      for (;;) {
        const notice = notices.shift();
        if (!notice) {
          await Promise.race([new Promise<void>((r) => (wake = r)), stopped]);
          wake = null;
          if (stop.aborted) return;
          continue;
        }
        if (notice.deleted) {
          if (!o.maySee(notice.deleted.ownerKey)) continue;
          seen.delete(notice.jobId);
          yield { jobId: notice.jobId, row: null };
          continue;
        }
        const row = await o.read(notice.jobId);
        if (!row || seen.get(row.id) === row.status) continue;
        seen.delete(row.id);
        seen.set(row.id, row.status);
        if (seen.size > MAX_REMEMBERED) seen.delete(seen.keys().next().value!);
        yield { jobId: row.id, row };
      }
    } finally {
      unsubscribe();
    }
  })();
}
