// Public entry of the ManualForge SDK (Node and browser).
export { createManualForgeClient, endpointOf, fileFrom, type ClientOptions } from "./client.js";
export type { ErrorCatalogue, JobChange, JobCounts, JobEvent, JobPage, ManualForgeClient, WatchJobsOptions, WatchOptions } from "./types.js";
export { ManualForgeError, isUnreachable } from "./errors.js";
export {
  API_ERROR_CODES,
  BOM_NOTICE_CODES,
  ERROR_CODES,
  failureCodeText,
  JOB_FAILURE_CODES,
  SDK_ERROR_CODES,
  WARNING_CODES,
  type ApiErrorCode,
  type BomNoticeCode,
  type ErrorCode,
  type JobFailureCode,
  type WarningCode,
} from "./codes.js";
export { FINAL_STATUSES, TERMINAL_KINDS } from "./job-states.js";
export { watchJob } from "./watch.js";
export { watchJobs } from "./watch-jobs.js";
export { applyEvent, emptyView, STAGE_GROUPS, STAGES, summaryFigures, type JobView, type StageView } from "./stage-state.js";
export type {
  EventKind,
  JobDetailFragment as JobDetail,
  JobStatus,
  JobSummaryFragment as JobSummary,
  Stage,
  StageStatus,
  WarningSeverity,
} from "./generated/graphql.js";
export { verifyWebhook, type WebhookBody } from "./webhooks.js";
