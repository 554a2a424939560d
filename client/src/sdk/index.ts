// Public entry of the ManualForge SDK (Node and browser).
export { createManualForgeClient, endpointOf, fileFrom, type ClientOptions, type JobEvent, type JobPage, type ManualForgeClient } from "./client.js";
export { ManualForgeError, isUnreachable } from "./errors.js";
export { ERROR_CODES, JOB_FAILURE_CODES, WARNING_CODES, type ErrorCode, type JobFailureCode, type WarningCode } from "./codes.js";
export { TERMINAL_KINDS, watchJob, type WatchOptions } from "./watch.js";
export { applyEvent, emptyView, STAGE_GROUPS, STAGES, summaryFigures, type JobView, type StageView } from "./stage-state.js";
export type {
  EventKind,
  JobDetailFragment as JobDetail,
  JobStatus,
  JobSummaryFragment as JobSummary,
  Stage,
  StageStatus,
} from "./generated/graphql.js";
export { verifyWebhook, type WebhookBody } from "./webhooks.js";
