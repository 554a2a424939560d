// Age-based cleanup: finished jobs (SUCCEEDED, FAILED, CANCELLED) whose end is older than
// JOB_RETENTION_DAYS are deleted with their events, artifacts and files, every
// RETENTION_SWEEP_MS. Several instances may sweep one database: deleting twice is harmless.
import { FINAL_STATUSES } from "../events/event-types.js";
import { deleteJob, type DeleteDeps } from "./delete-job.js";

const FINAL = [...FINAL_STATUSES];
const BATCH = 200;

export interface RetentionOptions {
  /** 0 = keep forever. */
  retentionDays: number;
  sweepMs: number;
}

/** One sweep; resolves with how many jobs were deleted. */
export async function sweepOldJobs(deps: DeleteDeps, retentionDays: number, now = new Date()): Promise<number> {
  if (retentionDays <= 0) return 0;
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  let deleted = 0;
  for (;;) {
    const old = await deps.db.job.findMany({ where: { status: { in: FINAL }, finishedAt: { lt: before } }, select: { id: true }, take: BATCH });
    for (const { id } of old) if (await deleteJob(deps, id).catch(() => false)) deleted++;
    if (old.length < BATCH) return deleted;
  }
}

/** Sweeps now and then every `sweepMs`; stop() waits for a sweep in progress. */
export function startRetention(deps: DeleteDeps, opts: RetentionOptions): { stop(): Promise<void> } | null {
  if (opts.retentionDays <= 0 || opts.sweepMs <= 0) return null;
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = sweepOldJobs(deps, opts.retentionDays).catch((err) => console.error("[retention] sweep failed:", err));
  };
  sweep();
  const timer = setInterval(sweep, opts.sweepMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
