// Typed GraphQL errors: clients branch on extensions.code, one of the catalogue's ApiErrorCodes.
import { GraphQLError } from "graphql";
import type { ApiErrorCode } from "../errors/api-error-codes.js";

export function apiError(code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export function badInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return apiError("BAD_USER_INPUT", message, extra);
}

export function notFound(what: string, id: string): GraphQLError {
  return apiError("NOT_FOUND", `${what} ${id} not found`, { id });
}
