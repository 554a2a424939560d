// Why a running job's AbortSignal fired (signal.reason).
export const STOP_CANCEL = "cancel";
export const STOP_SHUTDOWN = "shutdown";

/** Thrown inside the orchestrator to end a job with a code. */
export class JobStop extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly stage: string | null,
  ) {
    super(message);
  }
}
