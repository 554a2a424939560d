// How a run of a job ends, each as one event plus the job row change in one transaction.
import path from "node:path";
import type { EventLog } from "../events/event-log.js";
import type { GenerateResult } from "../stages/types.js";
import { clientMessage } from "../security/scrub.js";
import { JobRequeue, JobStop } from "./stop-reasons.js";

export async function endSucceeded(events: EventLog, jobId: string, work: string, generated: GenerateResult): Promise<void> {
  await events.append(
    jobId,
    {
      kind: "JOB_SUCCEEDED",
      progress: 100,
      message: `Manual ready: ${generated.stepCount} steps`,
      data: { artifacts: generated.artifacts.map((a) => a.name) },
    },
    async (tx) => {
      for (const a of generated.artifacts) {
        const row = { ...a, storedPath: path.join(work, a.name) };
        await tx.artifact.upsert({ where: { jobId_name: { jobId, name: a.name } }, create: { jobId, ...row }, update: row });
      }
      await tx.job.update({ where: { id: jobId }, data: { status: "SUCCEEDED", finishedAt: new Date(), claimedBy: null } });
    },
  );
}

export async function endStopped(events: EventLog, jobId: string, err: unknown): Promise<void> {
  if (err instanceof JobRequeue)
    return requeue(events, jobId, `Server shutting down during ${err.stage ?? "the job"}; the job will resume on restart`);
  if (!(err instanceof JobStop)) console.error("[jobs] job", jobId, "stopped by an unexpected error:", err);
  const stop = err instanceof JobStop ? err : new JobStop("INTERNAL", clientMessage((err as Error)?.message ?? String(err)), null);
  const cancelled = stop.code === "CANCELLED";
  await events.append(
    jobId,
    {
      kind: cancelled ? "JOB_CANCELLED" : "JOB_FAILED",
      stage: stop.stage,
      level: cancelled ? "WARN" : "ERROR",
      message: cancelled ? "Job cancelled" : `Job failed in ${stop.stage ?? "setup"}: ${stop.message}`,
      data: { code: stop.code },
    },
    (tx) =>
      tx.job.update({
        where: { id: jobId },
        data: {
          status: cancelled ? "CANCELLED" : "FAILED",
          finishedAt: new Date(),
          claimedBy: null,
          cancelRequested: false,
          errorCode: stop.code,
          errorMessage: stop.message,
          errorStage: stop.stage,
        },
      }),
  );
}

/** Back to QUEUED, keeping finished stages, so the next claim resumes where this one stopped. */
export async function requeue(events: EventLog, jobId: string, message: string): Promise<void> {
  await events.append(jobId, { kind: "LOG", level: "WARN", message }, async (tx) => {
    await tx.stageRun.updateMany({ where: { jobId, status: "RUNNING" }, data: { status: "PENDING" } });
    await tx.job.update({ where: { id: jobId }, data: { status: "QUEUED", claimedBy: null } });
  });
}
