// The jobUpdated feed: a job's state now, then a fresh read after every change notice on the
// bus, until the job is final. Notices only wake the loop (several while a read is running
// cost one more read), so a subscriber always ends on the stored state.
import { isFinalStatus } from "./event-types.js";
import type { JobBus } from "./pubsub.js";
import { stoppable, whenAborted } from "./stoppable.js";

export interface SnapshotOptions<T extends { status: string }> {
  bus: JobBus;
  jobId: string;
  /** The job's current state (throws when it is gone or no longer the caller's). */
  read: () => Promise<T>;
}

/** The job's snapshots; leaving (return()) takes effect at once, even while idle. */
export function streamJobSnapshots<T extends { status: string }>(o: SnapshotOptions<T>): AsyncIterableIterator<T> {
  return stoppable((stop) => snapshotsOf(o, stop));
}

async function* snapshotsOf<T extends { status: string }>(o: SnapshotOptions<T>, stop: AbortSignal): AsyncGenerator<T> {
  let wake: (() => void) | null = null;
  let dirty = false;
  const unsubscribe = o.bus.subscribe("job:updated", o.jobId, () => {
    dirty = true;
    wake?.();
  });
  const stopped = whenAborted(stop);
  try {
    for (;;) {
      dirty = false;
      const job = await o.read();
      yield job;
      if (isFinalStatus(job.status)) return;
      if (!dirty) await Promise.race([new Promise<void>((r) => (wake = r)), stopped]);
      wake = null;
      if (stop.aborted) return;
    }
  } finally {
    unsubscribe();
  }
}
