// The shape of one entry in a job's event log.
import type { LogLevel, StageName } from "../stages/types.js";

export const EVENT_KINDS = [
  "JOB_QUEUED",
  "JOB_STARTED",
  "STAGE_STARTED",
  "STAGE_PROGRESS",
  "STAGE_SUCCEEDED",
  "STAGE_FAILED",
  "LOG",
  "JOB_SUCCEEDED",
  "JOB_FAILED",
  "JOB_CANCELLED",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * After one of these, a job's log is closed: nothing more is appended (until a retry reopens
 * it). The SDK keeps the same sets (client/src/sdk/job-states.ts; a test checks they agree).
 */
export const TERMINAL_KINDS: ReadonlySet<EventKind> = new Set(["JOB_SUCCEEDED", "JOB_FAILED", "JOB_CANCELLED"]);

/** The job statuses the terminal events leave a job in: nothing more happens to it. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

export interface NewEvent {
  kind: EventKind;
  stage?: StageName | null;
  progress?: number | null;
  message: string;
  level?: LogLevel | null;
  data?: unknown;
}

export interface StoredEvent {
  jobId: string;
  seq: number;
  at: Date;
  kind: EventKind;
  stage: StageName | null;
  progress: number | null;
  message: string;
  level: LogLevel | null;
  data: unknown;
}

export function isTerminal(kind: string): boolean {
  return TERMINAL_KINDS.has(kind as EventKind);
}

export function isFinalStatus(status: string): boolean {
  return FINAL_STATUSES.has(status);
}
