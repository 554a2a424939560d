// Why a running job's AbortSignal fired (signal.reason), and how the orchestrator stops a job.
import type { JobFailureCode } from "../errors/job-failure-codes.js";
import type { StageName } from "../stages/types.js";

export const STOP_CANCEL = "cancel";
export const STOP_SHUTDOWN = "shutdown";

/** Thrown inside the orchestrator to end a job with a code (FAILED, or CANCELLED). */
export class JobStop extends Error {
  constructor(
    readonly code: JobFailureCode,
    message: string,
    readonly stage: StageName | null,
  ) {
    super(message);
  }
}

/**
 * Thrown inside the orchestrator when the server shuts down: not an ending but a pause. The job
 * goes back to the queue with its finished stages kept, and resumes on the next claim.
 */
export class JobRequeue extends Error {
  constructor(readonly stage: StageName | null) {
    super("server shutting down");
  }
}
