// cancelJob and retryJob: conditional state changes, each atomic with its event.
import type { GraphQLError } from "graphql";
import type { JobFailureCode } from "../errors/job-failure-codes.js";
import { apiError } from "../graphql/errors.js";
import type { Db } from "../db/prisma.js";
import type { EventLog } from "../events/event-log.js";
import { STAGES, type StageName } from "../stages/types.js";
import type { Dispatcher } from "./dispatcher.js";

export interface CommandDeps {
  db: Db;
  events: EventLog;
  dispatcher: Dispatcher;
}

function conflict(message: string, status: string): GraphQLError {
  return apiError("JOB_STATE_CONFLICT", message, { status });
}

/**
 * QUEUED: cancelled at once. RUNNING: its worker task is aborted (here, or by the instance
 * running it, which polls the cancel flag); the terminal JOB_CANCELLED event follows.
 */
export async function cancelJob(deps: CommandDeps, jobId: string): Promise<void> {
  const job = await deps.db.job.findUniqueOrThrow({ where: { id: jobId } });
  if (job.status === "QUEUED") {
    const ev = await deps.events.append(
      jobId,
      { kind: "JOB_CANCELLED", level: "WARN", message: "Job cancelled before it started", data: { code: "CANCELLED" satisfies JobFailureCode } },
      async (tx) =>
        (
          await tx.job.updateMany({
            where: { id: jobId, status: "QUEUED" },
            data: {
              status: "CANCELLED",
              finishedAt: new Date(),
              errorCode: "CANCELLED" satisfies JobFailureCode,
              errorMessage: "Cancelled by request",
            },
          })
        ).count === 1,
    );
    if (ev) return;
    // Claimed in the meantime: cancel it as a running job.
  }
  const running = await deps.db.job.updateMany({ where: { id: jobId, status: "RUNNING" }, data: { cancelRequested: true } });
  if (running.count === 1) {
    deps.dispatcher.cancel(jobId);
    return;
  }
  const now = await deps.db.job.findUniqueOrThrow({ where: { id: jobId } });
  throw conflict(`Job ${jobId} is ${now.status} and cannot be cancelled`, now.status);
}

/**
 * Reopens a FAILED or CANCELLED job as a new attempt: it resumes from its first unfinished
 * stage, or from `fromStage` (that stage and all after it run again). The job keeps its id
 * and its event log continues (seq goes on from where it stopped).
 */
export async function retryJob(deps: CommandDeps, jobId: string, fromStage?: StageName): Promise<void> {
  const rerun = fromStage ? STAGES.slice(STAGES.indexOf(fromStage)) : [];
  const ev = await deps.events.append(
    jobId,
    {
      kind: "JOB_QUEUED",
      message: fromStage ? `Retry requested from ${fromStage}` : "Retry requested",
      data: { retry: true, fromStage: fromStage ?? null },
    },
    async (tx) => {
      const { count } = await tx.job.updateMany({
        where: { id: jobId, status: { in: ["FAILED", "CANCELLED"] } },
        data: { status: "QUEUED", finishedAt: null, errorCode: null, errorMessage: null, errorStage: null, cancelRequested: false, interruptions: 0 },
      });
      if (count !== 1) return false;
      await tx.stageRun.updateMany({ where: { jobId, status: { in: ["FAILED", "CANCELLED", "RUNNING"] } }, data: { status: "PENDING" } });
      if (rerun.length) {
        await tx.stageRun.updateMany({
          where: { jobId, stage: { in: rerun } },
          data: { status: "PENDING", result: null, resultVersion: null, summary: null },
        });
      }
      return true;
    },
    { reopen: true },
  );
  if (!ev) {
    const now = await deps.db.job.findUniqueOrThrow({ where: { id: jobId } });
    throw conflict(`Job ${jobId} is ${now.status}; only FAILED or CANCELLED jobs can be retried`, now.status);
  }
  deps.dispatcher.kick();
}
