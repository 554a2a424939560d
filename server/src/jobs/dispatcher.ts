// Claims QUEUED jobs from the database (QUEUED → RUNNING in one conditional update, so two
// server instances never run the same job) and runs them, up to maxConcurrentJobs at once.
// Woken right after an upload, and by a poll for jobs queued by other instances.
import type { Db } from "../db/prisma.js";
import type { EventLog } from "../events/event-log.js";
import type { JobFailureCode } from "../errors/job-failure-codes.js";
import { runJob, type OrchestratorDeps } from "./orchestrator.js";
import { STOP_CANCEL, STOP_SHUTDOWN } from "./stop-reasons.js";
import { errFields, log } from "../ops/log.js";

export interface DispatcherOptions {
  instanceId: string;
  maxConcurrentJobs: number;
  pollMs: number;
  /** Interruptions (crash, kill) after which a job fails with INTERRUPTED instead of resuming. */
  maxInterruptions: number;
  /** A RUNNING job whose heartbeat is older than this has lost its instance: requeue it. */
  leaseMs: number;
}

export class Dispatcher {
  private readonly running = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  private timer: NodeJS.Timeout | null = null;
  private claiming = false;
  private again = false;
  private stopped = false;
  private readonly deps: OrchestratorDeps;

  constructor(
    deps: Omit<OrchestratorDeps, "draining" | "instanceId">,
    private readonly opts: DispatcherOptions,
  ) {
    this.deps = { ...deps, draining: () => this.stopped, instanceId: opts.instanceId };
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.pollMs);
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
      .catch((err) => log.error(errFields(err), "claim failed"))
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

  private async tick(): Promise<void> {
    try {
      await this.heartbeat();
      await this.honourCancelRequests();
      await recoverJobs(this.deps.db, this.deps.events, this.opts.maxInterruptions, {
        heartbeatBefore: new Date(Date.now() - this.opts.leaseMs),
      });
    } catch (err) {
      log.error(errFields(err), "queue poll failed");
    }
    this.kick();
  }

  /** Tells other instances that the jobs this one runs are still alive. */
  private async heartbeat(): Promise<void> {
    if (!this.running.size) return;
    await this.deps.db.job.updateMany({
      where: { id: { in: [...this.running.keys()] }, status: "RUNNING", claimedBy: this.opts.instanceId },
      data: { heartbeatAt: new Date() },
    });
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
        .catch((err) => log.error({ jobId, ...errFields(err) }, "job crashed"))
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
        data: { status: "RUNNING", claimedBy: this.opts.instanceId, heartbeatAt: new Date(), attempt: { increment: 1 }, startedAt: new Date() },
      });
      if (count === 1) return next.id;
    }
  }
}

/**
 * Jobs left RUNNING by an instance that is gone have no worker. Put them back in the queue
 * (they resume from their first unfinished stage), or fail them with INTERRUPTED when they
 * were interrupted too often. Which jobs: those claimed by `claimedBy` (an instance restarting
 * under its own INSTANCE_ID knows its old claims are dead) or whose heartbeat is older than
 * `heartbeatBefore` (another instance died). Each change is conditional on the row still
 * being the same stale claim, so two instances never recover a job twice.
 */
export async function recoverJobs(
  db: Db,
  events: EventLog,
  maxInterruptions: number,
  which: { claimedBy?: string; heartbeatBefore?: Date },
): Promise<number> {
  const stale = await db.job.findMany({
    where: {
      status: "RUNNING",
      OR: [
        ...(which.claimedBy ? [{ claimedBy: which.claimedBy }] : []),
        ...(which.heartbeatBefore ? [{ heartbeatAt: { lt: which.heartbeatBefore } }, { heartbeatAt: null }] : []),
      ],
    },
    select: { id: true, interruptions: true, claimedBy: true, heartbeatAt: true },
  });
  let recovered = 0;
  for (const job of stale) {
    const interruptions = job.interruptions + 1;
    const still = { id: job.id, status: "RUNNING", claimedBy: job.claimedBy, heartbeatAt: job.heartbeatAt };
    const giveUp = interruptions >= maxInterruptions;
    const ev = await events.append(
      job.id,
      giveUp
        ? {
            kind: "JOB_FAILED",
            level: "ERROR",
            message: `Interrupted ${interruptions} times (server crash or kill); giving up`,
            data: { code: "INTERRUPTED" satisfies JobFailureCode },
          }
        : { kind: "LOG", level: "WARN", message: `The server running this job stopped (interruption ${interruptions}); the job is queued to resume` },
      async (tx) => {
        const { count } = await tx.job.updateMany({
          where: still,
          data: giveUp
            ? {
                status: "FAILED",
                finishedAt: new Date(),
                claimedBy: null,
                interruptions,
                errorCode: "INTERRUPTED" satisfies JobFailureCode,
                errorMessage: `Interrupted ${interruptions} times`,
              }
            : { status: "QUEUED", claimedBy: null, interruptions },
        });
        if (count !== 1) return false;
        await tx.stageRun.updateMany({
          where: { jobId: job.id, status: "RUNNING" },
          data: giveUp ? { status: "FAILED", message: "interrupted", errorCode: "INTERRUPTED" satisfies JobFailureCode } : { status: "PENDING" },
        });
        return true;
      },
    );
    if (ev) recovered++;
  }
  return recovered;
}
