// Claims QUEUED jobs from the database (QUEUED → RUNNING in one conditional update, so two
// server instances never run the same job) and runs them, up to maxConcurrentJobs at once.
// Woken right after an upload, and by a poll for jobs queued by other instances.
import type { Db } from "../db/prisma.js";
import type { EventLog } from "../events/event-log.js";
import { runJob, type OrchestratorDeps } from "./orchestrator.js";

export interface DispatcherOptions {
  instanceId: string;
  maxConcurrentJobs: number;
  pollMs: number;
  /** Attempts after which an interrupted job fails with INTERRUPTED instead of resuming. */
  maxAttempts: number;
}

export class Dispatcher {
  private readonly running = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  private timer: NodeJS.Timeout | null = null;
  private claiming = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: OrchestratorDeps & { events: EventLog },
    private readonly opts: DispatcherOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.opts.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Look for work now. Safe to call often: claims never overlap. */
  kick(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = true;
    void this.claimLoop()
      .catch((err) => console.error("[dispatcher] claim failed:", err))
      .finally(() => {
        this.claiming = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Abort a job running on this instance. Returns false when it is not running here. */
  cancel(jobId: string): boolean {
    const r = this.running.get(jobId);
    if (!r) return false;
    r.abort.abort();
    return true;
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  /** Stop claiming; wait for running jobs (aborted when `abort` is true). */
  async stop(abort = false): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (abort) for (const r of this.running.values()) r.abort.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.promise));
  }

  private async claimLoop(): Promise<void> {
    while (!this.stopped && this.running.size < this.opts.maxConcurrentJobs) {
      const jobId = await this.claimOne();
      if (!jobId) return;
      const abort = new AbortController();
      const promise = runJob(this.deps, jobId, abort.signal)
        .catch((err) => console.error(`[dispatcher] job ${jobId} crashed:`, err))
        .finally(() => {
          this.running.delete(jobId);
          this.kick();
        });
      this.running.set(jobId, { promise, abort });
    }
  }

  private async claimOne(): Promise<string | null> {
    const { db } = this.deps;
    for (;;) {
      const next = await db.job.findFirst({ where: { status: "QUEUED" }, orderBy: { createdAt: "asc" }, select: { id: true } });
      if (!next) return null;
      // The conditional update is the claim: only one instance's update matches.
      const { count } = await db.job.updateMany({
        where: { id: next.id, status: "QUEUED" },
        data: { status: "RUNNING", claimedBy: this.opts.instanceId, attempt: { increment: 1 }, startedAt: new Date() },
      });
      if (count === 1) return next.id;
    }
  }
}

/**
 * After a crash or kill, jobs this database still shows RUNNING have no worker. Put them back
 * in the queue (they resume from their first unfinished stage), or fail them with INTERRUPTED
 * when they have used up their attempts. Single-instance recovery: with several instances
 * sharing a database, only jobs of instances known to be gone may be recovered.
 */
export async function recoverInterruptedJobs(db: Db, events: EventLog, maxAttempts: number): Promise<number> {
  const stuck = await db.job.findMany({ where: { status: "RUNNING" }, select: { id: true, attempt: true } });
  for (const job of stuck) {
    if (job.attempt >= maxAttempts) {
      await events.append(
        job.id,
        { kind: "JOB_FAILED", level: "ERROR", message: `Interrupted ${job.attempt} times; giving up`, data: { code: "INTERRUPTED" } },
        (tx) =>
          tx.job.update({
            where: { id: job.id },
            data: { status: "FAILED", finishedAt: new Date(), claimedBy: null, errorCode: "INTERRUPTED", errorMessage: `Interrupted ${job.attempt} times` },
          }),
      );
    } else {
      await events.append(
        job.id,
        { kind: "LOG", level: "WARN", message: `Server restarted during attempt ${job.attempt}; the job is queued to resume` },
        (tx) =>
          tx.stageRun
            .updateMany({ where: { jobId: job.id, status: "RUNNING" }, data: { status: "PENDING" } })
            .then(() => tx.job.update({ where: { id: job.id }, data: { status: "QUEUED", claimedBy: null } })),
      );
    }
  }
  return stuck.length;
}
