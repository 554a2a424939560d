// The codes an SDK caller can branch on, as string-literal unions (typos fail to compile) and as
// arrays (for runtime checks). Error codes: ManualForgeError.code. Failure codes: Job.errorCode.
// Warning codes: Job.warnings[].code (the schema's WarningCode enum); BOM notice codes:
// BomTable.notices[].code (BomNoticeCode).
import type { BomNoticeCode, WarningCode } from "./generated/graphql.js";
export type { BomNoticeCode, WarningCode };

/** ManualForgeError.code: the server's GraphQL error codes, then the SDK's own transport codes. */
export const ERROR_CODES = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "JOB_STATE_CONFLICT",
  "RATE_LIMITED",
  "SHUTTING_DOWN",
  "PAYLOAD_TOO_LARGE",
  "TOO_MANY_SUBSCRIPTIONS",
  "GRAPHQL_VALIDATION_FAILED",
  "INTERNAL_SERVER_ERROR",
  "GRAPHQL_ERROR",
  "UNREACHABLE",
  "NETWORK",
] as const;
/** Any other `HTTP_<status>` is also possible (an HTTP error without a GraphQL body). */
export type ErrorCode = (typeof ERROR_CODES)[number] | `HTTP_${number}`;

/** Job.errorCode of a FAILED or CANCELLED job (also in the terminal event's data.code). */
export const JOB_FAILURE_CODES = [
  "STAGE_TIMEOUT",
  "STAGE_CRASHED",
  "WORKER_CRASHED",
  "WORKER_OUT_OF_MEMORY",
  "INTERRUPTED",
  "CANCELLED",
] as const;
/** Stages also fail with their own input codes (e.g. a PDF that is not a PDF), hence `string`. */
export type JobFailureCode = (typeof JOB_FAILURE_CODES)[number] | (string & {});

export const WARNING_CODES = [
  "BOM_NOT_FOUND",
  "DOCUMENTS_DISAGREE",
  "DUPLICATE_PAGES",
  "LOW_CONFIDENCE_ROWS",
  "LOW_MATCH_RATE",
  "NON_NUMERIC_QUANTITY",
  "OCR_LOW_CONFIDENCE",
  "QUANTITY_MISMATCH",
] as const satisfies readonly WarningCode[];

export const BOM_NOTICE_CODES = ["BOM_NOT_FOUND", "DUPLICATE_PAGES", "NON_NUMERIC_QUANTITY", "LOW_CONFIDENCE_ROWS", "OCR_LOW_CONFIDENCE"] as const satisfies readonly BomNoticeCode[];
