// Wires the parts: database (migrated), event log, worker pool, dispatcher, GraphQL over HTTP
// (Apollo + multipart uploads) and over WebSocket (graphql-ws) on the same port and path.
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createApiKeys } from "./auth/api-keys.js";
import { loadConfig, type Config } from "./config.js";
import { createDb, ensureDatabaseDir, providerOf, tuneDatabase } from "./db/prisma.js";
import { startWalCheckpointer } from "./db/wal-checkpointer.js";
import { migrateDatabase } from "./db/migrator.js";
import { EventLog } from "./events/event-log.js";
import { createJobBus } from "./events/pubsub.js";
import { connectRedisTarget } from "./events/redis-target.js";
import type { AppContext, Services } from "./graphql/context.js";
import { formatErrorFor } from "./graphql/format-error.js";
import { parseOptions, queryRules } from "./graphql/query-limits.js";
import { buildAppSchema } from "./graphql/schema.js";
import { artifactRoute } from "./http/artifacts.js";
import { graphqlMultipart, startStagingSweeper } from "./http/graphql-multipart.js";
import { startOrphanSweeper } from "./jobs/orphan-dirs.js";
import { graphqlHttpErrors } from "./http/upload-errors.js";
import { webAppHandler } from "./http/web-app.js";
import { explorerHandler } from "./http/explorer.js";
import { configureStagingThread } from "./http/staging-thread.js";
import { attachGraphqlWs } from "./http/ws-server.js";
import { ExecutionGate, executionGatePlugin } from "./graphql/execution-gate.js";
import { Dispatcher, recoverJobs } from "./jobs/dispatcher.js";
import { corsMiddleware } from "./security/cors.js";
import { uploadAdmission } from "./security/upload-admission.js";
import { createOriginPolicy } from "./security/origins.js";
import { startRetention } from "./jobs/retention.js";
import { createStagePool } from "./pool/pool.js";
import { logJobEvent } from "./ops/job-log.js";
import { configureLog, log } from "./ops/log.js";
import { createMetrics } from "./ops/metrics.js";
import { readiness } from "./ops/readiness.js";
import { requestLog } from "./ops/request-log.js";
import { WebhookDeliverer } from "./webhooks/deliverer.js";
import type { DestinationStream } from "pino";

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

export interface ServerDeps {
  /** Where the JSON log goes instead of stdout (tests read it). */
  logStream?: DestinationStream;
  /** The environment the settings are read from (default process.env); tests pass their own. */
  env?: Record<string, string | undefined>;
}

export async function startServer(overrides: Partial<Config> = {}, deps: ServerDeps = {}): Promise<RunningServer> {
  const config = loadConfig(overrides, deps.env);
  configureLog(config.logLevel, deps.logStream);
  ensureDatabaseDir(config.databaseUrl);
  const migrated = await migrateDatabase(config.databaseUrl, { engineBinary: config.schemaEngineBinary });
  const { migrator } = migrated;
  log.info(
    { applied: migrated.applied, migrator: migrator.kind, ...(migrator.kind === "cli" ? { engine: migrator.engine } : { reason: migrator.reason }) },
    migrated.applied.length ? `applied ${migrated.applied.length} migration(s)` : "database schema up to date",
  );
  const db = createDb(config.databaseUrl);
  await tuneDatabase(db, config.databaseUrl);
  const checkpointer = startWalCheckpointer(config.databaseUrl, config.walCheckpointMs);
  const redis = config.redisUrl ? await connectRedisTarget(config.redisUrl) : null;
  const bus = createJobBus(redis?.target);
  const events = new EventLog(db, bus, { provider: providerOf(config.databaseUrl) });
  const pool = createStagePool({
    size: config.poolSize,
    maxMemoryMb: config.workerMaxMemoryMb,
    failpoints: config.failpoints,
    workerBuild: config.workerBuild,
  });
  configureStagingThread(config.workerBuild);
  const dispatcher = new Dispatcher(
    {
      db,
      events,
      pool,
      storageDir: config.storageDir,
      stageTimeoutMs: config.stageTimeoutMs,
      meshQuality: config.meshQuality,
      maxPdfPages: config.maxPdfPages,
      pdfLimits: config.pdfLimits,
      stepMaxNesting: config.stepMaxNesting,
      zipLimits: config.zipLimits,
      stepMaxOccurrences: config.stepMaxOccurrences,
      cjkFontPath: config.cjkFontPath,
      ocr: { languages: config.ocrLanguages, maxPages: config.ocrMaxPages, maxPixels: config.ocrMaxPixels, timeoutMs: config.stageTimeoutMs },
    },
    {
      instanceId: config.instanceId,
      maxConcurrentJobs: config.maxConcurrentJobs,
      pollMs: config.queuePollMs,
      maxInterruptions: config.maxInterruptions,
      leaseMs: config.leaseMs,
    },
  );
  let accepting = true;
  const apiKeys = createApiKeys(config.apiKeys, config.artifactLinkTtlS);
  const services: Services = {
    db,
    events,
    bus,
    dispatcher,
    storageDir: config.storageDir,
    apiKeys,
    uploadLimiter: new RateLimiterMemory({ points: config.uploadsPerMinute, duration: 60 }),
    accepting: () => accepting,
    webhooksEnabled: !!config.webhookSecret,
    webhookAllowPrivate: config.webhookAllowPrivate,
  };
  // Our own claims from before a restart are dead: resume those jobs now, not after the lease.
  const recovered = await recoverJobs(db, events, config.maxInterruptions, { claimedBy: config.instanceId });
  if (recovered) log.warn({ recovered }, `${recovered} interrupted job(s) requeued or failed`);
  events.observe(logJobEvent);
  const webhooks = config.webhookSecret
    ? new WebhookDeliverer(db, {
        secret: config.webhookSecret,
        pollMs: config.webhookPollMs,
        retryBaseMs: config.webhookRetryBaseMs,
        maxAttempts: config.webhookMaxAttempts,
        timeoutMs: config.webhookTimeoutMs,
        allowPrivate: config.webhookAllowPrivate,
      })
    : null;
  if (webhooks) events.observe(webhooks.onEvent);

  const schema = await buildAppSchema();
  const rules = queryRules(config);
  const formatError = formatErrorFor(config);
  const origins = createOriginPolicy(config.corsOrigins, config.host);
  const app = express();
  app.disable("x-powered-by");
  app.use(requestLog());
  const httpServer = http.createServer(app);
  // Longer than clients' and load balancers' idle timeouts, so the server never closes an idle
  // keep-alive connection just as a client starts sending an upload on it (ECONNRESET).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const gate = new ExecutionGate(config.graphqlMaxConcurrent);
  const ws = attachGraphqlWs(httpServer, {
    gate,
    schema,
    services,
    rules,
    parseOptions: parseOptions(config),
    origins,
    formatError,
    maxSubscriptionsPerConnection: config.maxSubscriptionsPerConnection,
    keepAliveMs: config.wsKeepAliveMs,
    highWaterMark: config.wsHighWaterMark,
    maxWaitingBytes: config.wsMaxWaitingBytes,
    maxOperationsInFlight: config.wsMaxOperationsInFlight,
  });
  const apollo = new ApolloServer<AppContext>({
    schema,
    csrfPrevention: true,
    introspection: config.introspection,
    validationRules: rules,
    parseOptions: parseOptions(config),
    formatError,
    // Stack traces only when asked for (DEBUG_ERRORS), not whenever NODE_ENV is unset.
    includeStacktraceInErrorResponses: config.debugErrors,
    hideSchemaDetailsFromClientErrors: config.production,
    plugins: [
      executionGatePlugin<AppContext>(gate),
      config.sandbox
        ? // Sandbox (online only: loads from Apollo's CDN) with the CSRF header uploads need, no telemetry.
          ApolloServerPluginLandingPageLocalDefault({
            embed: { runTelemetry: false, initialState: { sharedHeaders: { "apollo-require-preflight": "true" } } },
            footer: false,
          })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  // Liveness: the process answers (no dependency checks; see /readyz).
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, accepting });
  });
  const stopSweeper = startStagingSweeper(path.join(config.storageDir, "incoming"), config.stagingStaleMs);
  const orphans = startOrphanSweeper(db, config.storageDir, config.stagingStaleMs);
  app.use(["/graphql", "/artifacts"], corsMiddleware(origins));
  app.get(
    "/readyz",
    readiness({ db, storageDir: config.storageDir, pool, redisPing: redis ? () => redis.ping() : null, accepting: () => accepting }),
  );
  const metrics = createMetrics({
    db,
    pool,
    poolSize: config.poolSize,
    subscriptions: ws.subscriptions,
    wsConnections: () => ws.wsServer.clients.size,
  });
  events.observe(metrics.onEvent);
  app.get("/metrics", (req, res, next) => void metrics.handler(req, res).catch(next));
  app.get("/artifacts/:jobId/:name", artifactRoute(db, apiKeys));
  app.use("/graphiql", explorerHandler()); // self-hosted GraphiQL: works offline
  app.use(
    "/graphql",
    // Staging inside STORAGE_DIR: an accepted file is renamed into its job folder, not copied.
    graphqlMultipart({
      stagingDir: path.join(config.storageDir, "incoming"),
      maxFileSize: config.maxUploadBytes,
      maxFiles: config.maxUploadFiles,
      admit: uploadAdmission(apiKeys, services.uploadLimiter),
    }),
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const caller = apiKeys.identify(req.headers.authorization);
        return {
          ...services,
          caller,
          rateKey: caller.keyHash ?? req.socket.remoteAddress ?? "http",
          baseUrl: `${req.protocol}://${req.headers.host}`,
        };
      },
    }),
  );
  app.use(webAppHandler()); // the web page at / (after the API routes, which it never shadows)
  app.use(graphqlHttpErrors);

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const hostForUrl = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;
  dispatcher.start();
  const retention = startRetention(
    { db, bus, storageDir: config.storageDir },
    { retentionDays: config.jobRetentionDays, sweepMs: config.retentionSweepMs },
  );
  webhooks?.start();

  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    wsUrl: `ws://${hostForUrl}:${port}/graphql`,
    config,
    services,
    close: () =>
      (closing ??= (async () => {
        accepting = false;
        stopSweeper();
        await orphans.stop();
        await retention?.stop();
        await dispatcher.stop(config.shutdownGraceMs);
        await events.drain();
        await webhooks?.stop();
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
