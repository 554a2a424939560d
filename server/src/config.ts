// Every setting is an environment variable with a default; README lists them.
import os from "node:os";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "./stages/pdf-text/pdf-limits.js";
import type { MeshQuality } from "./stages/types.js";
import path from "node:path";

export interface Config {
  /** HOST: interface to listen on. Default 127.0.0.1 (set 0.0.0.0 to expose). */
  host: string;
  /** PORT: HTTP + WebSocket port; 0 picks a free one. Default 4000. */
  port: number;
  /** DATABASE_URL: `file:` path for SQLite. Default file:./data/manualforge.db */
  databaseUrl: string;
  /** STORAGE_DIR: uploaded files and generated artifacts. Default ./data/storage */
  storageDir: string;
  /** POOL_SIZE: worker threads. Default max(2, os.availableParallelism()). */
  poolSize: number;
  /** MAX_CONCURRENT_JOBS: jobs this instance runs at once. Default = POOL_SIZE. */
  maxConcurrentJobs: number;
  /** MAX_UPLOAD_BYTES: per uploaded file. Default 200 MiB. */
  maxUploadBytes: number;
  /** MAX_PDF_PAGES: longer drawings fail with PDF_TOO_MANY_PAGES. Default 1000. */
  maxPdfPages: number;
  /** OCR_MAX_PAGES: pages of one drawing read by OCR when its text layer holds no parts list. Default 10; 0 = OCR off. */
  ocrMaxPages: number;
  /** OCR_MAX_PIXELS: pixels one page is rendered with for OCR (300 dpi, lowered to fit). Default 36 M (A2 at 300 dpi). */
  ocrMaxPixels: number;
  /** OCR_LANGUAGES: tesseract languages, comma-separated (eng,deu,…). Default: chosen per drawing from its text layer, else eng. */
  ocrLanguages: string[];
  /** MAX_UPLOAD_FILES: files per request. Default 10. */
  maxUploadFiles: number;
  /** QUEUE_POLL_MS: how often to look for QUEUED jobs left by other instances. Default 2000. */
  queuePollMs: number;
  /**
   * INSTANCE_ID: names this server in job claims. Default: the host name. Must be stable
   * across restarts (a restarted instance resumes its own interrupted jobs at once) and
   * distinct per instance when several run on one host.
   */
  instanceId: string;
  /** LEASE_MS: a RUNNING job whose instance sent no heartbeat for this long is taken over. Default 15000. */
  leaseMs: number;
  /** REDIS_URL: share live events between instances through Redis. Default: in-process only. */
  redisUrl: string | null;
  /**
   * STEP triangulation quality (occt-import-js): STEP_LINEAR_DEFLECTION (ratio of the bounding
   * box, or mm with STEP_DEFLECTION_TYPE=absolute_value) and STEP_ANGULAR_DEFLECTION (radians).
   * Default: occt's own defaults.
   */
  meshQuality: MeshQuality | null;
  /** NODE_ENV=production hides the Sandbox landing page and introspection by default. */
  production: boolean;
  /** INTROSPECTION=true|false. Default: on outside production. */
  introspection: boolean;
  /** SANDBOX=true|false: Apollo Sandbox at GET /graphql. Default: on outside production. */
  sandbox: boolean;
  /** API_KEYS: comma-separated keys; empty (default) = no authentication, all jobs shared. */
  apiKeys: string[];
  /** UPLOADS_PER_MINUTE: createJob calls per key (or per client address without keys). Default 30. */
  uploadsPerMinute: number;
  /** STAGE_TIMEOUT_MS: a stage running longer is stopped and its job FAILED. Default 10 min. */
  stageTimeoutMs: number;
  /** WORKER_MAX_MEMORY_MB: V8 heap limit of each worker thread. Default 4096. */
  workerMaxMemoryMb: number;
  /** SHUTDOWN_GRACE_MS: on SIGTERM, how long running stages may finish. Default 30000. */
  shutdownGraceMs: number;
  /** MAX_INTERRUPTIONS: crashes/kills after which a job fails with INTERRUPTED. Default 3. */
  maxInterruptions: number;
  /** MAX_QUERY_DEPTH: deepest selection a query may nest. Default 12. */
  maxQueryDepth: number;
  /** MAX_SUBSCRIPTIONS_PER_CONNECTION: concurrent subscriptions on one socket. Default 100. */
  maxSubscriptionsPerConnection: number;
  /**
   * WS_KEEPALIVE_MS: the server pings each WebSocket this often and drops one that by the next
   * ping neither answered nor took any of the data sent to it. 0 = off. Default 12000
   * (graphql-ws's interval).
   */
  wsKeepAliveMs: number;
  /**
   * WS_HIGH_WATER_MARK: bytes waiting on one WebSocket above which its subscriptions pause until
   * the client has read them (their events wait in the stored log). Default 1 MiB.
   */
  wsHighWaterMark: number;
  /**
   * WS_MAX_WAITING_BYTES: results held back on one WebSocket whose client stopped reading
   * (beyond twice WS_HIGH_WATER_MARK already queued); past it the socket is closed with code
   * 4413 and what waited is dropped. Default 16 MiB.
   */
  wsMaxWaitingBytes: number;
  /**
   * WS_MAX_OPERATIONS_IN_FLIGHT: queries and mutations on one WebSocket not yet answered; more
   * are refused with TOO_MANY_OPERATIONS (subscriptions count against
   * MAX_SUBSCRIPTIONS_PER_CONNECTION). Default 16.
   */
  wsMaxOperationsInFlight: number;
  /**
   * GRAPHQL_MAX_CONCURRENT: GraphQL operations (HTTP and WebSocket) running at once in the
   * server; more wait their turn, so a flood of heavy queries cannot hold /healthz. Default 2
   * (execution runs on the main thread: more at once mostly interleave).
   */
  graphqlMaxConcurrent: number;
  /**
   * WAL_CHECKPOINT_MS (SQLite): a worker thread copies the write-ahead log back into the database
   * this often, so the checkpoint SQLite runs in the committing (main) thread finds almost nothing
   * left to do. 0 = off. Default 100.
   */
  walCheckpointMs: number;
  /**
   * CORS_ORIGINS: comma-separated browser origins (scheme://host[:port]) besides the server's own
   * that may call the API over HTTP (CORS) and open its WebSocket; "*" = any origin (use with
   * API_KEYS). Default: none (same origin only). A foreign Origin's WebSocket upgrade gets 403.
   */
  corsOrigins: string[];
  /** DEBUG_ERRORS=1: GraphQL errors carry stack traces (extensions.stacktrace). Default off, whatever NODE_ENV. */
  debugErrors: boolean;
  /** MAX_QUERY_ALIASES: aliases in one operation (HTTP and WebSocket). Default 30. */
  maxQueryAliases: number;
  /**
   * MAX_QUERY_COST: graphql-armor cost (objects 2, scalars 1, × depth factor, × a literal `first`).
   * Default 25000: the largest page the API serves (events(first: 1000) with every field, 21,500) passes.
   */
  maxQueryCost: number;
  /** MAX_QUERY_TOKENS: lexical tokens in one document; longer ones are not even parsed. Default 3000. */
  maxQueryTokens: number;
  /** ARTIFACT_LINK_TTL_S: signed artifact links (?token=, API keys on) expire after this long. Default 7 days. */
  artifactLinkTtlS: number;
  /**
   * STAGING_STALE_MS: a staging file (an upload being received) untouched this long belongs to a
   * dead request (a killed server, a vanished client) and is removed, at start and by a sweep
   * every min(60 s, half of it). Default 5 min. Job folders with no job row (an upload killed
   * after its first file landed) untouched this long go the same way.
   */
  stagingStaleMs: number;
  /**
   * Budgets of the raw PDF reader; past one a job fails with PDF_TOO_COMPLEX.
   * PDF_MAX_STREAM_BYTES (decoded bytes of one stream, default 256 MiB), PDF_MAX_DECODED_BYTES
   * (all streams of a document, default 1 GiB), PDF_MAX_OPS_PER_PAGE (content operators per page,
   * Form XObjects included, default 5,000,000), PDF_MAX_NESTING (nested arrays/dictionaries,
   * default 256), PDF_MAX_FORM_DEPTH (Form XObjects inside one another, default 16),
   * PDF_MAX_PAGE_MS (pdfjs listing one page's operators when the raw reader could not count
   * them, default 10 s).
   */
  pdfLimits: PdfLimits;
  /** STEP_MAX_NESTING: parentheses nested in one STEP record; deeper files fail with STEP_INVALID. Default 64. */
  stepMaxNesting: number;
  /**
   * JOB_RETENTION_DAYS: finished jobs (succeeded, failed, cancelled) older than this are deleted
   * with their events, artifacts and files. 0 = keep forever. Default 30.
   */
  jobRetentionDays: number;
  /** RETENTION_SWEEP_MS: how often the retention cleanup runs. Default 1 hour. */
  retentionSweepMs: number;
  /** LOG_LEVEL: JSON log lines on stdout at this level and above (trace, debug, info, warn, error, fatal, silent). Default info. */
  logLevel: string;
  /**
   * WEBHOOK_SECRET: HMAC-SHA256 key that signs webhook bodies. Unset (default): createJob refuses
   * a webhookUrl. WEBHOOK_POLL_MS (default 2000), WEBHOOK_RETRY_BASE_MS (first retry delay,
   * doubled each time, default 5000), WEBHOOK_MAX_ATTEMPTS (default 10), WEBHOOK_TIMEOUT_MS (default 10000).
   */
  webhookSecret: string | null;
  webhookPollMs: number;
  webhookRetryBaseMs: number;
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
  /**
   * WEBHOOK_ALLOW_PRIVATE: webhook URLs may point at loopback, private (10/8, 192.168/16…),
   * link-local and metadata addresses. Default false: refused at createJob and at delivery.
   */
  webhookAllowPrivate: boolean;
  /**
   * MANUALFORGE_FAILPOINTS: fault injection for tests and drills (a stage hangs, runs out of
   * memory or throws on a named input file), see server/src/pool/failpoints.ts. Default off.
   */
  failpoints: string | null;
}

function num(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

function meshQualityFromEnv(): MeshQuality | null {
  const type = process.env.STEP_DEFLECTION_TYPE;
  if (type && type !== "bounding_box_ratio" && type !== "absolute_value") {
    throw new Error(`STEP_DEFLECTION_TYPE must be bounding_box_ratio or absolute_value, got "${type}"`);
  }
  const linearDeflection = num("STEP_LINEAR_DEFLECTION");
  const angularDeflection = num("STEP_ANGULAR_DEFLECTION");
  if (!type && linearDeflection === undefined && angularDeflection === undefined) return null;
  // occtParams (step-extract/occt.ts) fills in what is left undefined.
  return { linearDeflectionType: type as MeshQuality["linearDeflectionType"], linearDeflection, angularDeflection };
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

function int(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const poolSize = overrides.poolSize ?? int("POOL_SIZE", Math.max(2, os.availableParallelism()), 1);
  const production = (overrides.production ?? process.env.NODE_ENV === "production") as boolean;
  const base: Config = {
    host: process.env.HOST ?? "127.0.0.1",
    port: int("PORT", 4000),
    databaseUrl: process.env.DATABASE_URL ?? `file:${path.resolve("data/manualforge.db")}`,
    storageDir: path.resolve(process.env.STORAGE_DIR ?? "data/storage"),
    poolSize,
    maxConcurrentJobs: int("MAX_CONCURRENT_JOBS", poolSize, 1),
    maxUploadBytes: int("MAX_UPLOAD_BYTES", 200 * 1024 * 1024, 1),
    maxUploadFiles: int("MAX_UPLOAD_FILES", 10, 2),
    maxPdfPages: int("MAX_PDF_PAGES", 1000, 1),
    ocrMaxPages: int("OCR_MAX_PAGES", 10, 0),
    ocrLanguages: (process.env.OCR_LANGUAGES ?? "").split(",").map((l) => l.trim()).filter(Boolean),
    ocrMaxPixels: int("OCR_MAX_PIXELS", 36_000_000, 100_000),
    queuePollMs: int("QUEUE_POLL_MS", 2000, 10),
    instanceId: process.env.INSTANCE_ID ?? os.hostname(),
    leaseMs: int("LEASE_MS", 15_000, 100),
    meshQuality: meshQualityFromEnv(),
    redisUrl: process.env.REDIS_URL || null,
    production,
    introspection: bool("INTROSPECTION", !production),
    sandbox: bool("SANDBOX", !production),
    apiKeys: (process.env.API_KEYS ?? "").split(",").map((k) => k.trim()).filter(Boolean),
    uploadsPerMinute: int("UPLOADS_PER_MINUTE", 30, 1),
    stageTimeoutMs: int("STAGE_TIMEOUT_MS", 10 * 60_000, 1),
    workerMaxMemoryMb: int("WORKER_MAX_MEMORY_MB", 4096, 16),
    shutdownGraceMs: int("SHUTDOWN_GRACE_MS", 30_000, 0),
    maxInterruptions: int("MAX_INTERRUPTIONS", 3, 1),
    maxQueryDepth: int("MAX_QUERY_DEPTH", 12, 2),
    maxSubscriptionsPerConnection: int("MAX_SUBSCRIPTIONS_PER_CONNECTION", 100, 1),
    wsKeepAliveMs: int("WS_KEEPALIVE_MS", 12_000, 0),
    wsHighWaterMark: int("WS_HIGH_WATER_MARK", 1 << 20, 1024),
    wsMaxWaitingBytes: int("WS_MAX_WAITING_BYTES", 16 << 20, 1024),
    wsMaxOperationsInFlight: int("WS_MAX_OPERATIONS_IN_FLIGHT", 16, 1),
    graphqlMaxConcurrent: int("GRAPHQL_MAX_CONCURRENT", 2, 1),
    walCheckpointMs: int("WAL_CHECKPOINT_MS", 100, 0),
    corsOrigins: (process.env.CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean),
    debugErrors: bool("DEBUG_ERRORS", false),
    maxQueryAliases: int("MAX_QUERY_ALIASES", 30, 0),
    maxQueryCost: int("MAX_QUERY_COST", 25_000, 1),
    maxQueryTokens: int("MAX_QUERY_TOKENS", 3000, 10),
    artifactLinkTtlS: int("ARTIFACT_LINK_TTL_S", 7 * 24 * 3600, 1),
    stagingStaleMs: int("STAGING_STALE_MS", 5 * 60_000, 1000),
    pdfLimits: {
      maxStreamBytes: int("PDF_MAX_STREAM_BYTES", DEFAULT_PDF_LIMITS.maxStreamBytes, 1024),
      maxDecodedBytes: int("PDF_MAX_DECODED_BYTES", DEFAULT_PDF_LIMITS.maxDecodedBytes, 1024),
      maxOpsPerPage: int("PDF_MAX_OPS_PER_PAGE", DEFAULT_PDF_LIMITS.maxOpsPerPage, 1000),
      maxNesting: int("PDF_MAX_NESTING", DEFAULT_PDF_LIMITS.maxNesting, 8),
      maxFormDepth: int("PDF_MAX_FORM_DEPTH", DEFAULT_PDF_LIMITS.maxFormDepth, 1),
      maxPageMs: int("PDF_MAX_PAGE_MS", DEFAULT_PDF_LIMITS.maxPageMs, 100),
    },
    stepMaxNesting: int("STEP_MAX_NESTING", 64, 4),
    jobRetentionDays: int("JOB_RETENTION_DAYS", 30, 0),
    retentionSweepMs: int("RETENTION_SWEEP_MS", 60 * 60_000, 1000),
    logLevel: process.env.LOG_LEVEL || "info",
    webhookSecret: process.env.WEBHOOK_SECRET || null,
    webhookPollMs: int("WEBHOOK_POLL_MS", 2000, 10),
    webhookRetryBaseMs: int("WEBHOOK_RETRY_BASE_MS", 5000, 1),
    webhookMaxAttempts: int("WEBHOOK_MAX_ATTEMPTS", 10, 1),
    webhookTimeoutMs: int("WEBHOOK_TIMEOUT_MS", 10_000, 100),
    webhookAllowPrivate: bool("WEBHOOK_ALLOW_PRIVATE", false),
    failpoints: process.env.MANUALFORGE_FAILPOINTS || null,
  };
  return { ...base, ...overrides };
}
