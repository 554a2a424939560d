// GraphQL enums shared by several types.
import { registerEnumType } from "type-graphql";

export enum JobStatus {
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
}
registerEnumType(JobStatus, { name: "JobStatus", description: "Lifecycle of a job. SUCCEEDED, FAILED and CANCELLED are final." });

export enum Stage {
  PDF_BOM = "PDF_BOM",
  PDF_DEEP = "PDF_DEEP",
  STEP_EXTRACT = "STEP_EXTRACT",
  MATCHING = "MATCHING",
  GENERATE = "GENERATE",
}
registerEnumType(Stage, {
  name: "Stage",
  description: "Pipeline stages, in order. PDF_DEEP and STEP_EXTRACT run at the same time.",
});

export enum StageStatus {
  PENDING = "PENDING",
  RUNNING = "RUNNING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
}
registerEnumType(StageStatus, { name: "StageStatus" });

export enum EventKind {
  JOB_QUEUED = "JOB_QUEUED",
  JOB_STARTED = "JOB_STARTED",
  STAGE_STARTED = "STAGE_STARTED",
  STAGE_PROGRESS = "STAGE_PROGRESS",
  STAGE_SUCCEEDED = "STAGE_SUCCEEDED",
  STAGE_FAILED = "STAGE_FAILED",
  LOG = "LOG",
  JOB_SUCCEEDED = "JOB_SUCCEEDED",
  JOB_FAILED = "JOB_FAILED",
  JOB_CANCELLED = "JOB_CANCELLED",
}
registerEnumType(EventKind, {
  name: "EventKind",
  description: "What a job event reports. JOB_SUCCEEDED, JOB_FAILED and JOB_CANCELLED are terminal: nothing follows them.",
});

export enum LogLevel {
  DEBUG = "DEBUG",
  INFO = "INFO",
  WARN = "WARN",
  ERROR = "ERROR",
}
registerEnumType(LogLevel, { name: "LogLevel" });
