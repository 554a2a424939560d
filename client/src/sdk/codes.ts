// The codes an SDK caller can branch on, as string-literal unions (typos fail to compile) and as
// arrays (for runtime checks). The unions are the schema's enums as codegen emits them: the
// server's catalogue (server/src/errors) → schema.graphql → generated/graphql.ts. Each array is
// checked against its union both ways at compile time (no code missing, none extra), and
// client/test/codes-agree.test.ts checks them against the server's catalogue.
// Error codes: ManualForgeError.code (ApiErrorCode + the SDK's own). Failure codes:
// Job.failureCode (ErrorCode). Warning codes: Job.warnings[].code (WarningCode); BOM notice
// codes: BomTable.notices[].code (BomNoticeCode).
import type { ApiErrorCode, BomNoticeCode, ErrorCode as FailureCodeEnum, WarningCode } from "./generated/graphql.js";
export type { ApiErrorCode, BomNoticeCode, WarningCode };

/** Compiles only when `Listed` holds every member of `All` (`satisfies` rules out extras). */
type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };

/** extensions.code of the server's GraphQL errors (the ApiErrorCode enum). */
export const API_ERROR_CODES = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "JOB_STATE_CONFLICT",
  "RATE_LIMITED",
  "SHUTTING_DOWN",
  "PAYLOAD_TOO_LARGE",
  "BAD_REQUEST",
  "TOO_MANY_SUBSCRIPTIONS",
  "TOO_MANY_OPERATIONS",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "GONE",
  "INTERNAL_SERVER_ERROR",
] as const satisfies readonly ApiErrorCode[];
const apiComplete: Complete<ApiErrorCode, (typeof API_ERROR_CODES)[number]> = true;

/** Codes the SDK itself gives a ManualForgeError (no GraphQL error from the server). */
export const SDK_ERROR_CODES = ["GRAPHQL_ERROR", "UNREACHABLE", "NETWORK"] as const;

/** ManualForgeError.code: the server's GraphQL error codes, then the SDK's own transport codes. */
export const ERROR_CODES = [...API_ERROR_CODES, ...SDK_ERROR_CODES] as const;
/** Any other `HTTP_<status>` is also possible (an HTTP error without a GraphQL body). */
export type ErrorCode = (typeof ERROR_CODES)[number] | `HTTP_${number}`;

/** Job.failureCode of a FAILED or CANCELLED job (the schema's ErrorCode enum; UNKNOWN: a code this SDK's schema lacks). */
export type JobFailureCode = FailureCodeEnum;
export const JOB_FAILURE_CODES = [
  "CANCELLED",
  "INTERRUPTED",
  "MISSING_INPUT",
  "INTERNAL",
  "STAGE_TIMEOUT",
  "STAGE_CRASHED",
  "WORKER_CRASHED",
  "WORKER_OUT_OF_MEMORY",
  "PDF_READ_FAILED",
  "PDF_INVALID",
  "PDF_ENCRYPTED",
  "PDF_NO_PAGES",
  "PDF_TOO_MANY_PAGES",
  "PDF_TOO_COMPLEX",
  "PDF_UNSUPPORTED_FILTER",
  "NO_TEXT_LAYER",
  "PDF_RENDER_FAILED",
  "OCR_FAILED",
  "OCR_TIMEOUT",
  "STEP_INVALID",
  "STEP_PARSE_FAILED",
  "STEP_NO_SOLIDS",
  "STEP_TOO_COMPLEX",
  "STEP_EXTERNAL_REFERENCES_MISSING",
  "STEP_ZIP_INVALID",
  "STEP_ZIP_TOO_LARGE",
  "STEP_BAD_MESH_QUALITY",
  "WORKDIR_UNAVAILABLE",
  "UNKNOWN",
] as const satisfies readonly JobFailureCode[];
const failureComplete: Complete<JobFailureCode, (typeof JOB_FAILURE_CODES)[number]> = true;
void apiComplete;
void failureComplete;

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

export const BOM_NOTICE_CODES = [
  "BOM_NOT_FOUND",
  "DUPLICATE_PAGES",
  "NON_NUMERIC_QUANTITY",
  "LOW_CONFIDENCE_ROWS",
  "OCR_LOW_CONFIDENCE",
] as const satisfies readonly BomNoticeCode[];

/** The failure code to show for a job: its failureCode, or for UNKNOWN the code as the server stored it. */
export function failureCodeText(job: { failureCode: JobFailureCode | null; errorCode: string | null }): string | null {
  if (!job.failureCode) return null;
  return job.failureCode === "UNKNOWN" ? `UNKNOWN (${job.errorCode ?? "?"})` : job.failureCode;
}
