// Runs one stage of a job on the pool with its events: STAGE_STARTED, the worker's progress
// and log lines, then STAGE_SUCCEEDED (with the stored result, in the same transaction) or
// STAGE_FAILED. PDF_DEEP / STEP_EXTRACT progress events also carry both parallel percents.
import type { Db } from "../db/prisma.js";
import type { EventLog } from "../events/event-log.js";
import type { NewEvent } from "../events/event-types.js";
import type { WorkerMessage } from "../pool/messages.js";
import { runStageOnPool, type StagePool } from "../pool/pool.js";
import { PARALLEL_STAGES, type StageInputs, type StageName, type StageOutputs } from "../stages/types.js";
import { clientMessage, scrubPaths } from "../security/scrub.js";
import { summarise } from "./stage-summary.js";
import { RESULT_VERSIONS } from "./stored-results.js";
import { JobRequeue, JobStop, STOP_SHUTDOWN } from "./stop-reasons.js";

export interface StageRunnerDeps {
  db: Db;
  events: EventLog;
  pool: StagePool;
  stageTimeoutMs: number;
}

/** Where both parallel stages stand, shared by the two stage runs of one job. */
export type ParallelState = Partial<Record<StageName, number>>;

export async function runOneStage<S extends StageName>(
  deps: StageRunnerDeps,
  jobId: string,
  name: S,
  input: StageInputs[S],
  signal: AbortSignal,
  parallel: ParallelState,
): Promise<StageOutputs[S]> {
  const { events } = deps;
  const where = { jobId_stage: { jobId, stage: name } };
  const started = new Date();
  if (PARALLEL_STAGES.includes(name)) parallel[name] = 0;
  await events.append(jobId, { kind: "STAGE_STARTED", stage: name, progress: 0, message: `${name} started` }, (tx) =>
    tx.stageRun.upsert({
      where,
      create: { jobId, stage: name, status: "RUNNING", startedAt: started },
      update: {
        status: "RUNNING",
        startedAt: started,
        finishedAt: null,
        durationMs: null,
        progress: 0,
        message: null,
        errorCode: null,
        result: null,
        resultVersion: null,
        summary: null,
      },
    }),
  );
  const forwarded: Promise<unknown>[] = [];
  const onMessage = (m: Exclude<WorkerMessage, { type: "end" }>) => {
    forwarded.push(events.append(jobId, toEvent(name, m, parallel)));
  };
  const outcome = await runStageOnPool(deps.pool, name, input, onMessage, signal, deps.stageTimeoutMs);
  // Whatever produced it (worker, pool, timeout), a failure reaches clients as one line without server paths.
  if (!outcome.ok) outcome.message = clientMessage(outcome.message);
  await Promise.all(forwarded);
  const finished = new Date();
  const durationMs = finished.getTime() - started.getTime();

  if (!outcome.ok) {
    // Stopped for a shutdown: not a failure; the stage reruns when the job resumes.
    if (signal.aborted && signal.reason === STOP_SHUTDOWN) throw new JobRequeue(name);
    const code = signal.aborted && outcome.code === "CANCELLED" ? "CANCELLED" : outcome.code;
    await events.append(
      jobId,
      {
        kind: "STAGE_FAILED",
        stage: name,
        message: `${name} failed: ${outcome.message}`,
        level: "ERROR",
        data: { code, details: outcome.details ?? null, durationMs },
      },
      (tx) =>
        tx.stageRun.update({
          where,
          data: {
            status: code === "CANCELLED" ? "CANCELLED" : "FAILED",
            finishedAt: finished,
            durationMs,
            message: outcome.message,
            errorCode: code,
          },
        }),
    );
    throw new JobStop(code, outcome.message, name);
  }
  const summary = summarise(name, outcome.result);
  if (PARALLEL_STAGES.includes(name)) parallel[name] = 100;
  await events.append(
    jobId,
    {
      kind: "STAGE_SUCCEEDED",
      stage: name,
      progress: 100,
      message: `${name} done in ${durationMs} ms`,
      data: { summary, durationMs, ...parallelData(name, parallel) },
    },
    (tx) =>
      tx.stageRun.update({
        where,
        data: {
          status: "SUCCEEDED",
          progress: 100,
          finishedAt: finished,
          durationMs,
          result: JSON.stringify(outcome.result),
          resultVersion: RESULT_VERSIONS[name],
          summary: JSON.stringify(summary),
        },
      }),
  );
  return outcome.result;
}

function parallelData(stage: StageName, parallel: ParallelState) {
  if (!PARALLEL_STAGES.includes(stage)) return {};
  return { parallel: PARALLEL_STAGES.map((s) => ({ stage: s, percent: parallel[s] ?? 0 })) };
}

function toEvent(stage: StageName, m: Exclude<WorkerMessage, { type: "end" }>, parallel: ParallelState): NewEvent {
  if (m.type === "log") return { kind: "LOG", stage, level: m.level, message: scrubPaths(m.message), data: m.data ?? null };
  // Stages may report fractions; events carry whole percents.
  if (PARALLEL_STAGES.includes(stage)) parallel[stage] = Math.max(0, Math.min(100, Math.round(m.percent)));
  const extra = parallelData(stage, parallel);
  const data = m.data === undefined && !("parallel" in extra) ? null : { ...(m.data as object | undefined), ...extra };
  return { kind: "STAGE_PROGRESS", stage, progress: m.percent, message: m.message, data };
}
