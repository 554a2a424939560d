// Claims QUEUED jobs from the database (QUEUED → RUNNING in one conditional update, so two
// server instances never run the same job) and runs them, up to maxConcurrentJobs at once.
// Woken right after an upload, and by a poll for jobs queued by other instances.
import type { Db } from "../db/prisma.js";
import type { EventLog } from "../events/event-log.js";
import { requeue } from "./job-endings.js";
import { runJob, type OrchestratorDeps } from "./orchestrator.js";
import { STOP_CANCEL, STOP_SHUTDOWN } from "./stop-reasons.js";

export interface DispatcherOptions {
  instanceId: string;
  maxConcurrentJobs: number;
  pollMs: number;
  /** Interruptions (crash, kill) after which a job fails with INTERRUPTED instead of resuming. */
  maxInterruptions: number;
}

export class Dispatcher {
  private readonly running = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  private timer: NodeJS.Timeout | null = null;
  private claiming = false;
  private again = false;
  private stopped = false;
  private readonly deps: OrchestratorDeps;

  constructor(
    deps: Omit<OrchestratorDeps, "draining">,
    private readonly opts: DispatcherOptions,
  ) {
    this.deps = { ...deps, draining: () => this.stopped };
  }

  start(): void {
    this.timer = setInterval(() => {
      this.kick();
      void this.honourCancelRequests().catch((err) => console.error("[dispatcher] cancel poll failed:", err));
    }, this.opts.pollMs);
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
    r.abort.abort(STOP_CANCEL);
    return true;
  }

  /** cancelJob received by another instance sets a flag; the instance running the job obeys. */
  private async honourCancelRequests(): Promise<void> {
    if (!this.running.size) return;
    const flagged = await this.deps.db.job.findMany({
      where: { id: { in: [...this.running.keys()] }, cancelRequested: true },
      select: { id: true },
    });
    for (const { id } of flagged) this.cancel(id);
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  /**
   * Stop claiming. Running jobs finish the stage they are in (no new stage starts) and go back
   * to the queue; stages still running after `graceMs` are stopped and rerun on resume.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const all = Promise.allSettled([...this.running.values()].map((r) => r.promise));
    const timer = setTimeout(() => {
      for (const r of this.running.values()) r.abort.abort(STOP_SHUTDOWN);
    }, graceMs);
    await all;
    clearTimeout(timer);
  }

  private async claimLoop(): Promise<void> {
    while (!this.stopped && this.running.size < this.opts.maxConcurrentJobs) {
      const jobId = await this.claimOne();
      if (!jobId) return;
      const abort = new AbortController();
      this.deps.events.own(jobId);
      const promise = runJob(this.deps, jobId, abort.signal)
        .catch((err) => console.error(`[dispatcher] job ${jobId} crashed:`, err))
        .finally(() => {
          this.deps.events.release(jobId);
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
 * when they were interrupted too often. Single-instance recovery: with several instances
 * sharing a database, only jobs of instances known to be gone may be recovered.
 */
export async function recoverInterruptedJobs(db: Db, events: EventLog, maxInterruptions: number): Promise<number> {
  const stuck = await db.job.findMany({ where: { status: "RUNNING" }, select: { id: true, interruptions: true } });
  for (const job of stuck) {
    const interruptions = job.interruptions + 1;
    if (interruptions >= maxInterruptions) {
      await events.append(
        job.id,
        { kind: "JOB_FAILED", level: "ERROR", message: `Interrupted ${interruptions} times (server crash or kill); giving up`, data: { code: "INTERRUPTED" } },
        async (tx) => {
          await tx.stageRun.updateMany({ where: { jobId: job.id, status: "RUNNING" }, data: { status: "FAILED", message: "interrupted" } });
          await tx.job.update({
            where: { id: job.id },
            data: { status: "FAILED", finishedAt: new Date(), claimedBy: null, interruptions, errorCode: "INTERRUPTED", errorMessage: `Interrupted ${interruptions} times` },
          });
        },
      );
    } else {
      await requeue(events, job.id, `The server stopped during this job (interruption ${interruptions}); it is queued to resume`, true);
    }
  }
  return stuck.length;
}
