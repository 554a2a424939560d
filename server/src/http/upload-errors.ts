// Errors raised before GraphQL runs (malformed multipart, too many files, a file over the
// limit while parsing) answer in GraphQL's error shape with a code, never an HTML page.
import type { ErrorRequestHandler } from "express";
import type { ApiErrorCode } from "../errors/api-error-codes.js";
import { clientMessage } from "../security/scrub.js";
import { errFields, log } from "../ops/log.js";

export const graphqlHttpErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const status = typeof err?.status === "number" ? err.status : typeof err?.statusCode === "number" ? err.statusCode : 500;
  const code: ApiErrorCode =
    status === 413
      ? "PAYLOAD_TOO_LARGE"
      : status === 401
        ? "UNAUTHENTICATED"
        : status === 429
          ? "RATE_LIMITED"
          : status >= 500
            ? "INTERNAL_SERVER_ERROR"
            : "BAD_REQUEST";
  const message = status >= 500 ? "Internal server error" : clientMessage(String(err?.message ?? "Bad request"));
  if (status >= 500) log.error(errFields(err), "request failed");
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};
