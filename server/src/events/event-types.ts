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

/** After one of these, a job's log is closed: nothing more is appended. */
export const TERMINAL_KINDS: ReadonlySet<EventKind> = new Set(["JOB_SUCCEEDED", "JOB_FAILED", "JOB_CANCELLED"]);

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
