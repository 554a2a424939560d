// Wires the parts: database (migrated), event log, worker pool, dispatcher, GraphQL over HTTP
// (Apollo + multipart uploads) and over WebSocket (graphql-ws) on the same port and path.
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import express from "express";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createApiKeys } from "./auth/api-keys.js";
import { loadConfig, type Config } from "./config.js";
import { createDb, ensureDatabaseDir, providerOf, tuneDatabase } from "./db/prisma.js";
import { startWalCheckpointer } from "./db/wal-checkpointer.js";
import { applyMigrations } from "./db/schema-engine.js";
import { EventLog } from "./events/event-log.js";
import { createJobBus } from "./events/pubsub.js";
import { connectRedisTarget } from "./events/redis-target.js";
import type { AppContext, Services } from "./graphql/context.js";
import { buildAppSchema } from "./graphql/schema.js";
import { artifactRoute } from "./http/artifacts.js";
import { graphqlMultipart } from "./http/graphql-multipart.js";
import { graphqlHttpErrors } from "./http/upload-errors.js";
import { webAppHandler } from "./http/web-app.js";
import { attachGraphqlWs } from "./http/ws-server.js";
import { Dispatcher, recoverJobs } from "./jobs/dispatcher.js";
import { createStagePool } from "./pool/pool.js";

export interface RunningServer {
  url: string;
  /** ws://… for graphql-ws clients */
  wsUrl: string;
  config: Config;
  services: Services;
  /**
   * Graceful stop: refuse new uploads, let running stages finish for up to
   * `config.shutdownGraceMs` (jobs then go back to the queue), close sockets (1001), close the pool and database.
   */
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const config = loadConfig(overrides);
  ensureDatabaseDir(config.databaseUrl);
  await applyMigrations(config.databaseUrl);
  const db = createDb(config.databaseUrl);
  await tuneDatabase(db, config.databaseUrl);
  const checkpointer = startWalCheckpointer(config.databaseUrl, config.walCheckpointMs);
  const redis = config.redisUrl ? await connectRedisTarget(config.redisUrl) : null;
  const bus = createJobBus(redis?.target);
  const events = new EventLog(db, bus, { provider: providerOf(config.databaseUrl) });
  const pool = createStagePool({ size: config.poolSize, maxMemoryMb: config.workerMaxMemoryMb });
  const dispatcher = new Dispatcher(
    { db, events, pool, storageDir: config.storageDir, stageTimeoutMs: config.stageTimeoutMs, meshQuality: config.meshQuality, maxPdfPages: config.maxPdfPages, ocr: { languages: config.ocrLanguages, maxPages: config.ocrMaxPages, maxPixels: config.ocrMaxPixels, timeoutMs: config.stageTimeoutMs } },
    {
      instanceId: config.instanceId,
      maxConcurrentJobs: config.maxConcurrentJobs,
      pollMs: config.queuePollMs,
      maxInterruptions: config.maxInterruptions,
      leaseMs: config.leaseMs,
    },
  );
  let accepting = true;
  const apiKeys = createApiKeys(config.apiKeys);
  const services: Services = {
    db,
    events,
    bus,
    dispatcher,
    storageDir: config.storageDir,
    apiKeys,
    uploadLimiter: new RateLimiterMemory({ points: config.uploadsPerMinute, duration: 60 }),
    accepting: () => accepting,
  };
  // Our own claims from before a restart are dead: resume those jobs now, not after the lease.
  const recovered = await recoverJobs(db, events, config.maxInterruptions, { claimedBy: config.instanceId });
  if (recovered) console.log(`[manualforge] ${recovered} interrupted job(s) requeued or failed`);

  const schema = await buildAppSchema(bus);
  // Reported as a validation error (GRAPHQL_VALIDATION_FAILED), not thrown (which Apollo turns into a 500).
  const rules = [
    maxDepthRule({ n: config.maxQueryDepth, exposeLimits: true, propagateOnRejection: false, onReject: [(ctx, err) => ctx?.reportError(err)] }),
  ];
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  // Longer than clients' and load balancers' idle timeouts, so the server never closes an idle
  // keep-alive connection just as a client starts sending an upload on it (ECONNRESET).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const ws = attachGraphqlWs(httpServer, {
    schema,
    services,
    rules,
    maxSubscriptionsPerConnection: config.maxSubscriptionsPerConnection,
    keepAliveMs: config.wsKeepAliveMs,
    highWaterMark: config.wsHighWaterMark,
  });
  const apollo = new ApolloServer<AppContext>({
    schema,
    csrfPrevention: true,
    introspection: config.introspection,
    validationRules: rules,
    plugins: [config.sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, accepting });
  });
  app.get("/artifacts/:jobId/:name", artifactRoute(db, apiKeys));
  app.use(
    "/graphql",
    // Staging inside STORAGE_DIR: an accepted file is renamed into its job folder, not copied.
    graphqlMultipart({ stagingDir: path.join(config.storageDir, "incoming"), maxFileSize: config.maxUploadBytes, maxFiles: config.maxUploadFiles }),
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const caller = apiKeys.identify(req.headers.authorization);
        return { ...services, caller, rateKey: caller.keyHash ?? req.socket.remoteAddress ?? "http", baseUrl: `${req.protocol}://${req.headers.host}` };
      },
    }),
  );
  app.use(webAppHandler()); // the web page at / (after the API routes, which it never shadows)
  app.use(graphqlHttpErrors);

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
        accepting = false;
        await dispatcher.stop(config.shutdownGraceMs);
        await events.drain();
        await ws.dispose(); // closes every socket with 1001 Going Away
        await apollo.stop();
        httpServer.closeAllConnections();
        await new Promise<void>((r) => httpServer.close(() => r()));
        await pool.destroy();
        await redis?.close();
        await checkpointer?.stop();
        await db.$disconnect();
      })()),
  };
}
