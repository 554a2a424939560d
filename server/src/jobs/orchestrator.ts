// Runs one claimed job's stages on the pool, from the main thread: PDF_BOM, then PDF_DEEP and
// STEP_EXTRACT side by side, then MATCHING, then GENERATE. A stage already SUCCEEDED (from an
// earlier attempt) is not run again: its stored result is reused, so a job resumes from its
// first unfinished stage. Every event goes through the EventLog.
import path from "node:path";
import type { Db } from "../db/prisma.js";
import type { EventLog } from "../events/event-log.js";
import type { NewEvent } from "../events/event-types.js";
import type { WorkerMessage } from "../pool/messages.js";
import { runStageOnPool, type StagePool } from "../pool/pool.js";
import { PARALLEL_STAGES, type StageInputs, type StageName, type StageOutputs } from "../stages/types.js";
import { workDir } from "./job-paths.js";
import { summarise } from "./stage-summary.js";

export interface OrchestratorDeps {
  db: Db;
  events: EventLog;
  pool: StagePool;
  storageDir: string;
}

/** Thrown inside the orchestrator to end the job as FAILED/CANCELLED with a code. */
class JobStop extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly stage: StageName | null,
  ) {
    super(message);
  }
}

export async function runJob(deps: OrchestratorDeps, jobId: string, signal: AbortSignal): Promise<void> {
  const { db, events } = deps;
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { inputs: true, stages: true } });
  const done = new Map<StageName, unknown>();
  for (const s of job.stages) if (s.status === "SUCCEEDED" && s.result) done.set(s.stage as StageName, JSON.parse(s.result));
  await events.append(jobId, {
    kind: "JOB_STARTED",
    message: done.size ? `Attempt ${job.attempt}: resuming after ${[...done.keys()].join(", ")}` : `Attempt ${job.attempt}: started`,
    data: { attempt: job.attempt, resumedStages: [...done.keys()] },
  });

  const pdf = job.inputs.find((i) => i.role === "PDF");
  const steps = job.inputs.filter((i) => i.role === "STEP");
  const work = workDir(deps.storageDir, jobId);
  const parallel: Partial<Record<StageName, number>> = {};

  const stage = async <S extends StageName>(
    name: S,
    input: () => StageInputs[S],
    stageSignal: AbortSignal = signal,
  ): Promise<StageOutputs[S]> => {
    if (done.has(name)) return done.get(name) as StageOutputs[S];
    if (stageSignal.aborted) throw new JobStop("CANCELLED", "Job was cancelled", name);
    const started = new Date();
    if (PARALLEL_STAGES.includes(name)) parallel[name] = 0;
    await events.append(jobId, { kind: "STAGE_STARTED", stage: name, progress: 0, message: `${name} started` }, (tx) =>
      tx.stageRun.upsert({
        where: { jobId_stage: { jobId, stage: name } },
        create: { jobId, stage: name, status: "RUNNING", startedAt: started },
        update: { status: "RUNNING", startedAt: started, finishedAt: null, durationMs: null, progress: 0 },
      }),
    );
    const forwarded: Promise<unknown>[] = [];
    const onMessage = (m: Exclude<WorkerMessage, { type: "end" }>) => {
      forwarded.push(events.append(jobId, toEvent(name, m, parallel)));
    };
    const outcome = await runStageOnPool(deps.pool, name, input(), onMessage, stageSignal);
    await Promise.all(forwarded);
    const finished = new Date();
    const durationMs = finished.getTime() - started.getTime();
    if (!outcome.ok) {
      const code = stageSignal.aborted ? "CANCELLED" : outcome.code;
      await events.append(
        jobId,
        { kind: "STAGE_FAILED", stage: name, message: `${name} failed: ${outcome.message}`, level: "ERROR", data: { code, details: outcome.details ?? null } },
        (tx) => tx.stageRun.update({ where: { jobId_stage: { jobId, stage: name } }, data: { status: code === "CANCELLED" ? "CANCELLED" : "FAILED", finishedAt: finished, durationMs, message: outcome.message } }),
      );
      throw new JobStop(code, outcome.message, name);
    }
    const summary = summarise(name, outcome.result);
    if (PARALLEL_STAGES.includes(name)) parallel[name] = 100;
    await events.append(
      jobId,
      { kind: "STAGE_SUCCEEDED", stage: name, progress: 100, message: `${name} done in ${durationMs} ms`, data: { summary, durationMs, ...parallelData(name, parallel) } },
      (tx) =>
        tx.stageRun.update({
          where: { jobId_stage: { jobId, stage: name } },
          data: { status: "SUCCEEDED", progress: 100, finishedAt: finished, durationMs, result: JSON.stringify(outcome.result), summary: JSON.stringify(summary) },
        }),
    );
    return outcome.result;
  };

  try {
    if (!pdf || !steps.length) throw new JobStop("MISSING_INPUT", "The job needs one PDF and at least one STEP file", null);
    const bom = await stage("PDF_BOM", () => ({ pdfPath: pdf.storedPath }));
    // Both run at once on two workers; if one fails, the other is stopped, and the job ends
    // only after both have settled (so no stage event follows the terminal one).
    const sibling = new AbortController();
    const both = AbortSignal.any([signal, sibling.signal]);
    const [deep, step] = await bothSettled(
      firstFailureAborts(sibling, () => stage("PDF_DEEP", () => ({ pdfPath: pdf.storedPath }), both)),
      firstFailureAborts(sibling, () => stage("STEP_EXTRACT", () => ({ stepPaths: steps.map((s) => s.storedPath), workDir: work }), both)),
    );
    const matching = await stage("MATCHING", () => ({ bom, step }));
    const generated = await stage("GENERATE", () => ({ workDir: work, bom, deep, step, matching }));
    await events.append(
      jobId,
      { kind: "JOB_SUCCEEDED", progress: 100, message: `Manual ready: ${generated.stepCount} steps`, data: { artifacts: generated.artifacts.map((a) => a.name) } },
      async (tx) => {
        for (const a of generated.artifacts) {
          const row = { ...a, storedPath: path.join(work, a.name) };
          await tx.artifact.upsert({ where: { jobId_name: { jobId, name: a.name } }, create: { jobId, ...row }, update: row });
        }
        await tx.job.update({ where: { id: jobId }, data: { status: "SUCCEEDED", finishedAt: new Date(), claimedBy: null } });
      },
    );
  } catch (err) {
    const stop = err instanceof JobStop ? err : new JobStop("INTERNAL", (err as Error)?.message ?? String(err), null);
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
            errorCode: stop.code,
            errorMessage: stop.message,
            errorStage: stop.stage,
          },
        }),
    );
  }
}

/** Runs one of two sibling stages; its failure aborts the other one. */
async function firstFailureAborts<T>(sibling: AbortController, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    sibling.abort();
    throw err;
  }
}

/** Waits for both; rethrows the failure that came first (the cause, not the abort it caused). */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  let first: unknown = undefined;
  const note = (err: unknown) => {
    first ??= err;
    throw err;
  };
  const [ra, rb] = await Promise.allSettled([a.catch(note), b.catch(note)]);
  if (ra.status === "rejected" || rb.status === "rejected") throw first;
  return [ra.value, rb.value];
}

function parallelData(stage: StageName, parallel: Partial<Record<StageName, number>>) {
  if (!PARALLEL_STAGES.includes(stage)) return {};
  return { parallel: PARALLEL_STAGES.map((s) => ({ stage: s, percent: parallel[s] ?? 0 })) };
}

function toEvent(stage: StageName, m: Exclude<WorkerMessage, { type: "end" }>, parallel: Partial<Record<StageName, number>>): NewEvent {
  if (m.type === "log") return { kind: "LOG", stage, level: m.level, message: m.message, data: m.data ?? null };
  if (PARALLEL_STAGES.includes(stage)) parallel[stage] = m.percent;
  const extra = parallelData(stage, parallel);
  const data = m.data === undefined && !("parallel" in extra) ? null : { ...(m.data as object | undefined), ...extra };
  return { kind: "STAGE_PROGRESS", stage, progress: m.percent, message: m.message, data };
}
