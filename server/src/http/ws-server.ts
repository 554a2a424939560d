// graphql-ws on the HTTP server's port and path: the Origin checked on the upgrade (a foreign
// browser origin gets 403 before any WebSocket exists), API-key check at connection time, the
// same parse/validation limits and error exposure as HTTP, a cap on concurrent subscriptions
// per socket and one on queries/mutations in flight (their results wait for slow readers).
import type http from "node:http";
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { WebSocketServer } from "ws";
import type { Caller } from "../auth/api-keys.js";
import type { ApiErrorCode } from "../errors/api-error-codes.js";
import { apiError } from "../graphql/errors.js";
import type { AppContext, Services } from "../graphql/context.js";
import { sharedSubscribe } from "../graphql/shared-subscribe.js";
import type { OriginPolicy } from "../security/origins.js";
import type { ExecutionGate } from "../graphql/execution-gate.js";
import { serveGraphqlWs } from "./ws-transport.js";

export interface WsOptions {
  /** Shared with HTTP: operations running at once in the server. */
  gate: ExecutionGate;
  schema: GraphQLSchema;
  services: Services;
  rules: ValidationRule[];
  parseOptions: { maxTokens: number };
  origins: OriginPolicy;
  formatError: (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError;
  maxSubscriptionsPerConnection: number;
  keepAliveMs: number;
  highWaterMark: number;
  maxWaitingBytes: number;
  /** Queries and mutations running or waiting to be sent on one socket; more are refused (TOO_MANY_OPERATIONS). */
  maxOperationsInFlight: number;
}

/** What we keep per connection (graphql-ws adds socket and request). */
type Extra = {
  caller: Caller;
  /** Slots of the execution gate held by this socket's operations, by operation id. */
  slots: Map<string, () => void>;
  active: Set<string>;
  /** Queries and mutations not yet completed (their results may be waiting for a slow reader). */
  inFlight: Set<string>;
};

export function attachGraphqlWs(httpServer: http.Server, o: WsOptions) {
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    // Browsers send Origin on every WebSocket and no CORS rule applies to them: without this any
    // page the user visits could drive a local server (cross-site WebSocket hijacking).
    verifyClient: (info, done) => (o.origins.allows(info.req.headers.origin, info.req) ? done(true) : done(false, 403, "Origin not allowed")),
  });
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => o.formatError(e.toJSON(), e));
  const connections = new Set<Set<string>>(); // each open connection's active subscription ids (for /metrics)
  const cleanup = serveGraphqlWs<Record<string, unknown> | undefined, Extra & Record<PropertyKey, unknown>>(
    {
      schema: o.schema,
      subscribe: sharedSubscribe,
      onConnect: (ctx) => {
        const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          ctx.extra.caller = o.services.apiKeys.identify(typeof auth === "string" ? auth : null);
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
        ctx.extra.active = new Set();
        ctx.extra.inFlight = new Set();
        ctx.extra.slots = new Map();
        connections.add(ctx.extra.active);
        return true;
      },
      onSubscribe: async (ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const active = ctx.extra.active!;
        if (active.size >= o.maxSubscriptionsPerConnection) {
          return [apiError("TOO_MANY_SUBSCRIPTIONS", `At most ${o.maxSubscriptionsPerConnection} subscriptions per connection`)];
        }
        // Parsed with the token limit and validated with the HTTP rules (depth, aliases, cost, introspection).
        let document: DocumentNode;
        try {
          document = parse(payload.query, o.parseOptions);
        } catch (err) {
          // The same code Apollo gives a parse failure over HTTP.
          return [withCode("GRAPHQL_PARSE_FAILED")(err instanceof GraphQLError ? err : new GraphQLError(String((err as Error)?.message ?? err)))];
        }
        const op = getOperationAST(document, payload.operationName);
        // Each result of a client that reads nothing waits in memory: only so many queries at once.
        // Checked before validating: a burst of 100 costly documents is refused for the price of parsing them.
        const inFlight = ctx.extra.inFlight!;
        const query = op?.operation !== "subscription";
        if (query) {
          if (inFlight.size >= o.maxOperationsInFlight) {
            return [
              apiError(
                "TOO_MANY_OPERATIONS",
                `At most ${o.maxOperationsInFlight} queries and mutations at once per connection (WS_MAX_OPERATIONS_IN_FLIGHT); wait for a result first`,
              ),
            ];
          }
          inFlight.add(id);
        }
        // Counted before waiting for a slot: a burst of subscribes all see the ones ahead of them.
        active.add(id);
        // Validation costs time too: it waits for a slot like execution, which then keeps it until onOperation.
        const release = await o.gate.acquire();
        const refuse = (errors: readonly GraphQLError[]) => {
          release();
          inFlight.delete(id);
          active.delete(id);
          return errors;
        };
        const errors = validate(o.schema, document, [...specifiedRules, ...o.rules]);
        if (errors.length) return refuse(errors.map(withCode("GRAPHQL_VALIDATION_FAILED")));
        // Belt and braces behind the upgrade check: a mutation needs a key or a browser origin we allow.
        if (op?.operation === "mutation" && !ctx.extra.caller?.keyHash && !o.origins.allows(ctx.extra.request.headers.origin, ctx.extra.request)) {
          return refuse([apiError("FORBIDDEN", "Mutations over WebSocket need an API key or an allowed origin")]);
        }
        ctx.extra.slots!.set(id, release);
        return { schema: o.schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onOperation: (ctx, id) => {
        ctx.extra.slots?.get(id)?.();
        ctx.extra.slots?.delete(id);
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: format(result.errors) } : undefined),
      onComplete: (ctx, id) => {
        ctx.extra.slots?.get(id)?.(); // (already freed in onOperation unless it never ran)
        ctx.extra.slots?.delete(id);
        ctx.extra.active?.delete(id);
        ctx.extra.inFlight?.delete(id);
      },
      onClose: (ctx) => {
        if (ctx.extra.active) connections.delete(ctx.extra.active);
        // An operation that failed outside graphql (the socket closed on it) never reached onOperation.
        for (const release of ctx.extra.slots?.values() ?? []) release();
        ctx.extra.slots?.clear();
      },
      context: (ctx): AppContext => ({
        ...o.services,
        caller: ctx.extra.caller!,
        rateKey: ctx.extra.caller?.keyHash ?? ctx.extra.request.socket.remoteAddress ?? "ws",
        baseUrl: `http://${ctx.extra.request.headers.host ?? "localhost"}`,
      }),
    },
    wsServer,
    { keepAliveMs: o.keepAliveMs, highWaterMark: o.highWaterMark, maxWaitingBytes: o.maxWaitingBytes },
  );
  const subscriptions = () => [...connections].reduce((n, active) => n + active.size, 0);
  return { wsServer, subscriptions, gate: o.gate, waitingBytes: () => cleanup.waitingBytes(), dispose: () => cleanup.dispose() };
}

function withCode(code: ApiErrorCode) {
  return (e: GraphQLError) =>
    e.extensions.code
      ? e
      : new GraphQLError(e.message, {
          nodes: e.nodes,
          source: e.source,
          positions: e.positions,
          path: e.path,
          originalError: e.originalError,
          extensions: { ...e.extensions, code },
        });
}
