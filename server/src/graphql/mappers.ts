// Database rows and stored stage results → GraphQL objects.
import type { StoredEvent } from "../events/event-types.js";
import type { Db } from "../db/prisma.js";
import type { AppContext } from "./context.js";
import type { StageName, StageOutputs } from "../stages/types.js";
import type { Job } from "./types/job.type.js";
import type { JobWarning } from "./types/job-quality.type.js";
import { toErrorCode } from "./types/error-codes.type.js";
import { readOcrLanguages } from "../jobs/ocr-languages.js";
import { parseWarnings } from "../jobs/quality/raise-warnings.js";
import type { JobEvent, StageProgress } from "./types/job-event.type.js";
import type { EventKind, JobStatus, LogLevel, Stage } from "./types/enums.js";

type JobRow = NonNullable<Awaited<ReturnType<Db["job"]["findUnique"]>>>;

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    status: row.status as JobStatus,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt ?? undefined,
    finishedAt: row.finishedAt ?? undefined,
    attempt: row.attempt,
    errorCode: row.errorCode ?? undefined,
    failureCode: toErrorCode(row.errorCode),
    errorMessage: row.errorMessage ?? undefined,
    errorStage: (row.errorStage as Stage | null) ?? undefined,
    needsReview: row.needsReview,
    ocrLanguages: readOcrLanguages(row.ocrLanguages),
    warnings: parseWarnings(row.warnings) as unknown as JobWarning[],
  };
}

export function toJobEvent(e: StoredEvent): JobEvent {
  const parallel = (e.data as { parallel?: StageProgress[] } | null)?.parallel ?? null;
  return {
    jobId: e.jobId,
    seq: e.seq,
    at: e.at,
    kind: e.kind as EventKind,
    stage: e.stage as Stage | null,
    progress: e.progress,
    message: e.message,
    level: e.level as LogLevel | null,
    data: e.data,
    parallel,
  };
}

// One read and parse per stage per Job object: bom, bomTable, parts, assemblyTree, matches…
// of the same job in one response share it. A fresh snapshot (new Job object) reads again.
const resultsOf = new WeakMap<Job, Map<StageName, Promise<unknown>>>();

/** A finished stage's stored result, or null when it has not succeeded (yet). */
export function stageResult<S extends StageName>(db: Db, job: Job, stage: S): Promise<StageOutputs[S] | null> {
  let results = resultsOf.get(job);
  if (!results) resultsOf.set(job, (results = new Map()));
  let result = results.get(stage);
  if (!result) {
    result = db.stageRun
      .findUnique({ where: { jobId_stage: { jobId: job.id, stage } }, select: { result: true, status: true } })
      .then((row) => (row?.status === "SUCCEEDED" && row.result ? JSON.parse(row.result) : null));
    results.set(stage, result);
  }
  return result as Promise<StageOutputs[S] | null>;
}

/** Absolute download URL; with API keys on it carries a token valid for this file only. */
export function artifactUrl(ctx: Pick<AppContext, "baseUrl" | "apiKeys">, jobId: string, name: string): string {
  const url = `${ctx.baseUrl}/artifacts/${encodeURIComponent(jobId)}/${encodeURIComponent(name)}`;
  return ctx.apiKeys.enabled ? `${url}?token=${ctx.apiKeys.artifactToken(jobId, name)}` : url;
}
