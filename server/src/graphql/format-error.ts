// What a GraphQL error shows its caller, on HTTP and WebSocket alike: a stack trace only with
// DEBUG_ERRORS=1 (whatever NODE_ENV says), no server paths, and in production no "Did you
// mean" field suggestions. Unexpected (INTERNAL_SERVER_ERROR) errors are logged here in full.
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { clientMessage } from "../security/scrub.js";
import { withoutSuggestions } from "./query-limits.js";

export interface ErrorExposure {
  debugErrors: boolean;
  production: boolean;
}

export function formatErrorFor(o: ErrorExposure) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const extensions = { ...formatted.extensions };
    const original = error === undefined ? undefined : unwrapResolverError(error);
    const unexpected = original instanceof Error && !(original instanceof GraphQLError);
    if (extensions.code === "INTERNAL_SERVER_ERROR" || unexpected) console.error("[graphql]", original ?? formatted.message);
    if (!o.debugErrors) delete extensions.stacktrace;
    let message = clientMessage(formatted.message);
    if (o.production) message = withoutSuggestions(message);
    return { ...formatted, message, extensions };
  };
}
