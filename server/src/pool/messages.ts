// Messages a worker posts on its task's MessagePort, and what a task returns.
import type { MessagePort } from "node:worker_threads";
import type { JobFailureCode } from "../errors/job-failure-codes.js";
import type { LogLevel, StageName, StageInputs, StageOutputs } from "../stages/types.js";

export type WorkerMessage =
  | { type: "progress"; percent: number; message: string; data?: unknown }
  | { type: "log"; level: LogLevel; message: string; data?: unknown }
  /** Always the last message: the main thread waits for it before acting on the result. */
  | { type: "end" };

export interface StageTask<S extends StageName = StageName> {
  stage: S;
  input: StageInputs[S];
  port: MessagePort;
}

/** Failures are returned, not thrown, so the code survives the thread boundary. */
export type StageOutcome<S extends StageName = StageName> =
  { ok: true; result: StageOutputs[S] } | { ok: false; code: JobFailureCode; message: string; details?: unknown };

/** What every worker of a pool is started with (its workerData). */
export interface WorkerSettings {
  failpoints: string | null;
}
