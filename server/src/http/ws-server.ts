// graphql-ws on the HTTP server's port and path: API-key check at connection time, a cap on
// concurrent subscriptions per socket, and the same validation rules as HTTP.
import type http from "node:http";
import { GraphQLError, specifiedRules, validate, type GraphQLSchema, type ValidationRule } from "graphql";
import { WebSocketServer } from "ws";
import type { Caller } from "../auth/api-keys.js";
import type { AppContext, Services } from "../graphql/context.js";
import { sharedSubscribe } from "../graphql/shared-subscribe.js";
import { serveGraphqlWs } from "./ws-transport.js";

export interface WsOptions {
  schema: GraphQLSchema;
  services: Services;
  rules: ValidationRule[];
  maxSubscriptionsPerConnection: number;
  keepAliveMs: number;
  highWaterMark: number;
}

/** What we keep per connection (graphql-ws adds socket and request). */
type Extra = {
  caller: Caller;
  active: Set<string>;
};

export function attachGraphqlWs(httpServer: http.Server, o: WsOptions) {
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const connections = new Set<Set<string>>(); // each open connection's active subscription ids (for /metrics)
  const cleanup = serveGraphqlWs<Record<string, unknown> | undefined, Extra & Record<PropertyKey, unknown>>(
    {
      schema: o.schema,
      subscribe: sharedSubscribe,
      validate: (schema, document) => validate(schema, document, [...specifiedRules, ...o.rules]),
      onConnect: (ctx) => {
        const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          ctx.extra.caller = o.services.apiKeys.identify(typeof auth === "string" ? auth : null);
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
        ctx.extra.active = new Set();
        connections.add(ctx.extra.active);
        return true;
      },
      onSubscribe: (ctx, id) => {
        const active = ctx.extra.active!;
        if (active.size >= o.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(`At most ${o.maxSubscriptionsPerConnection} subscriptions per connection`, {
              extensions: { code: "TOO_MANY_SUBSCRIPTIONS" },
            }),
          ];
        }
        active.add(id);
      },
      onComplete: (ctx, id) => {
        ctx.extra.active?.delete(id);
      },
      onClose: (ctx) => {
        if (ctx.extra.active) connections.delete(ctx.extra.active);
      },
      context: (ctx): AppContext => ({
        ...o.services,
        caller: ctx.extra.caller!,
        rateKey: ctx.extra.caller?.keyHash ?? ctx.extra.request.socket.remoteAddress ?? "ws",
        baseUrl: `http://${ctx.extra.request.headers.host ?? "localhost"}`,
      }),
    },
    wsServer,
    { keepAliveMs: o.keepAliveMs, highWaterMark: o.highWaterMark },
  );
  const subscriptions = () => [...connections].reduce((n, active) => n + active.size, 0);
  return { wsServer, subscriptions, dispose: () => cleanup.dispose() };
}
