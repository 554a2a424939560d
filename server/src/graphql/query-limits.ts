// Limits every operation meets before it runs, on HTTP (Apollo) and WebSocket (graphql-ws) alike:
// tokens (checked while parsing, so a huge document is never fully parsed), depth, aliases and
// cost (graphql-armor), and introspection where it is off. Each breach is a validation error
// (GRAPHQL_VALIDATION_FAILED), not a throw (which Apollo would turn into a 500).
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext, type ValidationRule } from "graphql";
import type { Config } from "../config.js";

type Limits = Pick<Config, "maxQueryDepth" | "maxQueryAliases" | "maxQueryCost" | "maxQueryTokens" | "introspection">;

const report = [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)];

export function queryRules(c: Limits): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: c.maxQueryDepth, exposeLimits: true, propagateOnRejection: false, onReject: report }),
    maxAliasesRule({ n: c.maxQueryAliases, exposeLimits: true, propagateOnRejection: false, onReject: report }),
    costLimitRule({ maxCost: c.maxQueryCost, exposeLimits: true, propagateOnRejection: false, onReject: report }),
  ];
  if (!c.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/** graphql's parse() options: stop lexing past MAX_QUERY_TOKENS. */
export function parseOptions(c: Limits): { maxTokens: number } {
  return { maxTokens: c.maxQueryTokens };
}

/** "Did you mean …?" names fields a caller did not ask for; in production they are cut (as Apollo's plugin does). */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, "");
}
