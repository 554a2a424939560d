// Wires the parts: database (migrated), event log, worker pool, dispatcher, GraphQL over HTTP
// (Apollo + multipart uploads) and over WebSocket (graphql-ws) on the same port and path.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import graphqlUploadExpress from "graphql-upload/graphqlUploadExpress.mjs";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { loadConfig, type Config } from "./config.js";
import { createDb, ensureDatabaseDir } from "./db/prisma.js";
import { applyMigrations } from "./db/schema-engine.js";
import { EventLog } from "./events/event-log.js";
import { createJobBus } from "./events/pubsub.js";
import type { AppContext, Services } from "./graphql/context.js";
import { buildAppSchema } from "./graphql/schema.js";
import { artifactRoute } from "./http/artifacts.js";
import { Dispatcher, recoverInterruptedJobs } from "./jobs/dispatcher.js";
import { createStagePool } from "./pool/pool.js";

export interface RunningServer {
  url: string;
  /** ws://… for graphql-ws clients */
  wsUrl: string;
  config: Config;
  services: Services;
  close(): Promise<void>;
}

const MAX_ATTEMPTS = 3;

export async function startServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const config = loadConfig(overrides);
  ensureDatabaseDir(config.databaseUrl);
  await applyMigrations(config.databaseUrl);
  const db = createDb(config.databaseUrl);
  // WAL lets readers (queries, subscriptions) proceed while the event log writes.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  const bus = createJobBus();
  const events = new EventLog(db, bus);
  const pool = createStagePool(config.poolSize);
  const dispatcher = new Dispatcher(
    { db, events, pool, storageDir: config.storageDir },
    { instanceId: config.instanceId, maxConcurrentJobs: config.maxConcurrentJobs, pollMs: config.queuePollMs, maxAttempts: MAX_ATTEMPTS },
  );
  const services: Services = { db, events, bus, dispatcher, storageDir: config.storageDir };
  const recovered = await recoverInterruptedJobs(db, events, MAX_ATTEMPTS);
  if (recovered) console.log(`[manualforge] ${recovered} interrupted job(s) requeued or failed`);

  const schema = await buildAppSchema(bus);
  const app = express();
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const wsCleanup = useServer(
    {
      schema,
      context: (ctx): AppContext => ({ ...services, baseUrl: baseUrlOf(ctx.extra.request.headers.host, false) }),
    },
    wsServer,
  );
  const apollo = new ApolloServer<AppContext>({
    schema,
    csrfPrevention: true,
    introspection: !config.production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      config.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => { res.json({ ok: true }); });
  app.get("/artifacts/:jobId/:name", artifactRoute(db));
  app.use(
    "/graphql",
    graphqlUploadExpress({ maxFileSize: config.maxUploadBytes, maxFiles: config.maxUploadFiles }),
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: async ({ req }) => ({ ...services, baseUrl: baseUrlOf(req.headers.host, req.secure) }) }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const hostForUrl = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;
  dispatcher.start();

  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    wsUrl: `ws://${hostForUrl}:${port}/graphql`,
    config,
    services,
    close: () =>
      (closing ??= (async () => {
        await dispatcher.stop(true);
        await events.drain();
        await apollo.stop();
        await pool.destroy();
        await db.$disconnect();
      })()),
  };
}

function baseUrlOf(host: string | undefined, secure: boolean): string {
  return `${secure ? "https" : "http"}://${host ?? "localhost"}`;
}
