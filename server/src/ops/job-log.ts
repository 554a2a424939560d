// Job lifecycle and stage timings in the log, from the stored event log (every event passes
// through EventLog, so nothing is missed and nothing is logged that was not stored).
import type { StoredEvent } from "../events/event-types.js";
import { log } from "./log.js";

const LIFECYCLE = new Set([
  "JOB_QUEUED",
  "JOB_STARTED",
  "STAGE_STARTED",
  "STAGE_SUCCEEDED",
  "STAGE_FAILED",
  "JOB_SUCCEEDED",
  "JOB_FAILED",
  "JOB_CANCELLED",
]);

export function logJobEvent(e: StoredEvent): void {
  const data = (e.data ?? {}) as { code?: string; durationMs?: number };
  if (LIFECYCLE.has(e.kind)) {
    const fields = { jobId: e.jobId, seq: e.seq, event: e.kind, stage: e.stage ?? undefined, durationMs: data.durationMs, code: data.code };
    const failed = e.kind === "JOB_FAILED" || e.kind === "STAGE_FAILED";
    (failed ? log.error : log.info)(fields, e.message);
  } else if (e.kind === "LOG" && (e.level === "ERROR" || e.level === "WARN")) {
    (e.level === "ERROR" ? log.error : log.warn)({ jobId: e.jobId, seq: e.seq, event: e.kind, stage: e.stage ?? undefined }, e.message);
  }
}
