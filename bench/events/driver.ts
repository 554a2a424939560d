// Main-thread side of the event benchmarks: a piscina pool running emit-task.ts, fed through
// the real runStageOnPool plumbing into the real EventLog of a real server, for a job created
// directly in the database.
import { randomUUID } from "node:crypto";
import { Piscina } from "piscina";
import { runStageOnPool } from "../../server/src/pool/pool.js";
import type { BenchServer } from "../lib/server.js";
import { createRunningJob } from "../lib/server.js";
import type { EmitInput } from "./emit-task.js";

export function createEmitPool(): Piscina {
  return new Piscina({
    filename: new URL("./emit-task.ts", import.meta.url).href,
    minThreads: 1,
    maxThreads: 1,
    execArgv: ["--import", "@swc-node/register/esm-register"],
  });
}

/** A RUNNING job with its first event stored (so subscribers see an open, live log). */
export async function newJob(server: BenchServer): Promise<string> {
  const id = await createRunningJob(server, `bench-${randomUUID()}`);
  await server.services.events.append(id, { kind: "JOB_STARTED", message: "bench job" });
  return id;
}

/** Runs the emitter for `jobId`; resolves once every event is persisted and published. */
export async function emitEvents(server: BenchServer, pool: Piscina, jobId: string, input: EmitInput): Promise<void> {
  const { events } = server.services;
  const appended: Promise<unknown>[] = [];
  const outcome = await runStageOnPool(
    pool,
    "PDF_BOM",
    input as never,
    (m) => {
      if (m.type !== "progress") return;
      appended.push(events.append(jobId, { kind: "STAGE_PROGRESS", stage: "PDF_BOM", progress: m.percent, message: m.message, data: m.data }));
    },
    new AbortController().signal,
    600_000,
  );
  if (!outcome.ok) throw new Error(`emitter failed: ${outcome.message}`);
  await Promise.all(appended);
}

/** Closes the job's log (subscribers complete). */
export async function finishJob(server: BenchServer, jobId: string): Promise<void> {
  await server.services.events.append(jobId, { kind: "JOB_SUCCEEDED", message: "bench done" }, (tx) =>
    tx.job.update({ where: { id: jobId }, data: { status: "SUCCEEDED", finishedAt: new Date() } }),
  );
  server.services.events.release(jobId);
}

export const SUBSCRIPTION = `subscription ($jobId: ID!, $afterSeq: Int) {
  jobEvents(jobId: $jobId, afterSeq: $afterSeq) { seq kind progress message data }
}`;
