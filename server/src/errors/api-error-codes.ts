// Every extensions.code a GraphQL error from this server can carry (ours and Apollo Server's),
// one line each; the artifact download route answers with the same codes. Throwers take an
// ApiErrorCode, so an unlisted code does not compile; GraphQL serves the list as the
// ApiErrorCode enum (Query.errorCodes), the README's table is checked against it.

export const API_ERROR_CODE_INFO = {
  BAD_USER_INPUT: "An argument is wrong: a rejected upload (extensions.reason, the file named), an unknown OCR language, a bad filter or cursor.",
  NOT_FOUND: "No such job (or artifact), or not one the caller's API key may see.",
  UNAUTHENTICATED: "API keys are on and the request has no valid key (HTTP 401).",
  FORBIDDEN: "A mutation over WebSocket without an API key or an allowed origin.",
  JOB_STATE_CONFLICT: "The job's status does not allow this (e.g. deleting a RUNNING job); extensions.status says which it is.",
  RATE_LIMITED: "Too many uploads from this caller; wait a minute (HTTP 429).",
  SHUTTING_DOWN: "The server is shutting down and takes no new job; try again shortly (HTTP 503).",
  PAYLOAD_TOO_LARGE: "The request is past an upload limit (files per request, size) (HTTP 413).",
  BAD_REQUEST: "The HTTP request is malformed (bad multipart body, missing CSRF preflight header).",
  TOO_MANY_SUBSCRIPTIONS: "The WebSocket connection has as many subscriptions open as allowed.",
  TOO_MANY_OPERATIONS:
    "The WebSocket connection has as many queries and mutations unanswered as allowed (WS_MAX_OPERATIONS_IN_FLIGHT); wait for a result.",
  GRAPHQL_PARSE_FAILED: "The query is not valid GraphQL syntax (or has too many tokens).",
  GRAPHQL_VALIDATION_FAILED: "The query does not fit the schema or is past a depth / alias / cost limit.",
  OPERATION_RESOLUTION_FAILURE: "The request names an operation the document does not contain.",
  PERSISTED_QUERY_NOT_FOUND: "An automatic persisted query hash the server does not know; send the query text.",
  GONE: "An artifact's file is missing on the server (artifact downloads, HTTP 410).",
  INTERNAL_SERVER_ERROR: "An unexpected server error (a bug; logged in full on the server).",
} as const satisfies Record<string, string>;

export type ApiErrorCode = keyof typeof API_ERROR_CODE_INFO;

/** Every API error code, in catalogue order. */
export const API_ERROR_CODES = Object.keys(API_ERROR_CODE_INFO) as ApiErrorCode[];
