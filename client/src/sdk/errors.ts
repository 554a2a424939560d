// One error type for SDK callers, with a code they can branch on: the server's GraphQL error code
// (NOT_FOUND, BAD_USER_INPUT, UNAUTHENTICATED…) or UNREACHABLE / HTTP_<status> / NETWORK.
import type { CombinedError } from "@urql/core";
import type { ErrorCode } from "./codes.js";

export class ManualForgeError extends Error {
  override name = "ManualForgeError";
  constructor(
    message: string,
    /** One of ERROR_CODES (or HTTP_<status>); a newer server may send a code this SDK does not list. */
    readonly code: ErrorCode | (string & {}),
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Network failures that mean "nobody is listening there" rather than a bad answer. */
const SOCKET_CODES = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|ETIMEDOUT/;
const UNREACHABLE = new RegExp(`${SOCKET_CODES.source}|Failed to fetch|fetch failed|NetworkError`, "i");

function causeText(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { message?: string; code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code) parts.push(e.code);
    if (e.message) parts.push(e.message);
  }
  return parts.join(" ");
}

export function unreachable(url: string, cause: unknown): ManualForgeError {
  const text = causeText(cause);
  const why = text.match(SOCKET_CODES)?.[0] ?? text.match(UNREACHABLE)?.[0] ?? "no answer";
  return new ManualForgeError(
    `Cannot reach the ManualForge server at ${url} (${why}). Is it running? Pass --server or set MANUALFORGE_SERVER.`,
    "UNREACHABLE",
    { cause },
  );
}

export function isUnreachable(err: unknown): boolean {
  return UNREACHABLE.test(causeText(err));
}

/** urql's CombinedError → ManualForgeError, keeping the server's code. */
export function fromCombinedError(error: CombinedError, url: string): ManualForgeError {
  const gqlError = error.graphQLErrors[0];
  if (gqlError) {
    const code = typeof gqlError.extensions?.code === "string" ? gqlError.extensions.code : "GRAPHQL_ERROR";
    return new ManualForgeError(error.graphQLErrors.map((e) => e.message).join("; "), code, { cause: error });
  }
  const net = error.networkError;
  if (net && isUnreachable(net)) return unreachable(url, net);
  const status = (error.response as { status?: number } | undefined)?.status;
  if (status && status >= 400)
    return new ManualForgeError(
      `HTTP ${status} from ${url}: ${net?.message ?? error.message}`,
      status === 401 ? "UNAUTHENTICATED" : `HTTP_${status}`,
      { cause: error },
    );
  return new ManualForgeError(net?.message ?? error.message, "NETWORK", { cause: error });
}
