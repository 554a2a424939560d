// Typed GraphQL errors: clients branch on extensions.code.
import { GraphQLError } from "graphql";

export function badInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...extra } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} not found`, { extensions: { code: "NOT_FOUND", id } });
}
