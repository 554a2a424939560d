// Every setting of the server: an environment variable, its default (written once, in SETTINGS
// below or in the stage module whose constant SETTINGS names) and its meaning. The README's
// settings table is generated from SETTINGS (`npm run docs:settings`; a test checks it is current).
// Stages run in worker threads: their settings travel in each stage's task input, built here.
// Not a setting: TESSDATA_PREFIX belongs to tesseract, which reads it itself (pdf-ocr/languages.ts
// looks where tesseract will).
import os from "node:os";
import path from "node:path";
import { DEFAULT_LOG_LEVEL, LOG_LEVELS } from "./ops/log.js";
import { DEFAULT_CJK_FONT } from "./stages/generate/pdf-fonts.js";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "./stages/pdf-text/pdf-limits.js";
import { DEFAULT_MAX_OCCURRENCES } from "./stages/step-extract/product-structure.js";
import { DEFAULT_STEP_NESTING } from "./stages/step-extract/step-cursor.js";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./stages/step-extract/zip-limits.js";
import type { MeshQuality } from "./stages/types.js";

/** The settings in force; what each means is in SETTINGS (and the README). */
export interface Config {
  host: string;
  port: number;
  databaseUrl: string;
  storageDir: string;
  poolSize: number;
  maxConcurrentJobs: number;
  maxUploadBytes: number;
  maxUploadFiles: number;
  maxPdfPages: number;
  ocrMaxPages: number;
  ocrMaxPixels: number;
  ocrLanguages: string[];
  uploadsPerMinute: number;
  apiKeys: string[];
  stageTimeoutMs: number;
  workerMaxMemoryMb: number;
  shutdownGraceMs: number;
  maxInterruptions: number;
  maxQueryDepth: number;
  maxSubscriptionsPerConnection: number;
  wsKeepAliveMs: number;
  wsHighWaterMark: number;
  wsMaxWaitingBytes: number;
  wsMaxOperationsInFlight: number;
  graphqlMaxConcurrent: number;
  walCheckpointMs: number;
  jobRetentionDays: number;
  retentionSweepMs: number;
  queuePollMs: number;
  instanceId: string;
  leaseMs: number;
  redisUrl: string | null;
  meshQuality: MeshQuality | null;
  zipLimits: ZipLimits;
  stepMaxOccurrences: number;
  production: boolean;
  introspection: boolean;
  sandbox: boolean;
  logLevel: string;
  webhookSecret: string | null;
  webhookRetryBaseMs: number;
  webhookMaxAttempts: number;
  webhookPollMs: number;
  webhookTimeoutMs: number;
  webhookAllowPrivate: boolean;
  corsOrigins: string[];
  debugErrors: boolean;
  maxQueryAliases: number;
  maxQueryCost: number;
  maxQueryTokens: number;
  artifactLinkTtlS: number;
  stagingStaleMs: number;
  pdfLimits: PdfLimits;
  stepMaxNesting: number;
  cjkFontPath: string;
  schemaEngineBinary: string | null;
  failpoints: string | null;
  workerBuild: string | null;
}

type Env = Record<string, string | undefined>;

/** One environment variable as the README lists it. */
export interface SettingDoc {
  name: string;
  /** The default, as Markdown. */
  shown: string;
  /** What it does, as Markdown. */
  doc: string;
}

/** How one Config field is read: its variables, and the reader (given what was read before it). */
interface Entry<T> {
  vars: SettingDoc[];
  read(env: Env, before: Partial<Config>): T;
}

/** A default computed from other settings or the machine, with how the README shows it. */
interface Computed<T> {
  value: (before: Partial<Config>) => T;
  shown: string;
}
type Default<T> = T | Computed<T>;

const MiB = 1024 * 1024;
const isComputed = <T>(d: Default<T>): d is Computed<T> => typeof d === "object" && d !== null && "shown" in d;
const valueOf = <T>(d: Default<T>, before: Partial<Config>): T => (isComputed(d) ? d.value(before) : d);
function shownOf(d: Default<unknown>): string {
  if (isComputed(d)) return d.shown;
  if (typeof d === "number" && d >= MiB && d % MiB === 0) {
    return `\`${d}\` (${d % (1024 * MiB) === 0 ? `${d / 1024 / MiB} GiB` : `${d / MiB} MiB`})`;
  }
  return `\`${String(d)}\``;
}
const present = (raw: string | undefined): raw is string => raw !== undefined && raw.trim() !== "";

function int(name: string, fallback: Default<number>, min: number, doc: string): Entry<number> {
  return {
    vars: [{ name, shown: shownOf(fallback), doc }],
    read(env, before) {
      const raw = env[name];
      if (!present(raw)) return valueOf(fallback, before);
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
      return n;
    },
  };
}

function bool(name: string, fallback: Default<boolean>, doc: string): Entry<boolean> {
  return {
    vars: [{ name, shown: shownOf(fallback), doc }],
    read(env, before) {
      const raw = env[name];
      if (!present(raw)) return valueOf(fallback, before);
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw new Error(`${name} must be true or false, got "${raw}"`);
    },
  };
}

function text(name: string, fallback: Default<string>, doc: string, shown = shownOf(fallback)): Entry<string> {
  return { vars: [{ name, shown, doc }], read: (env, before) => (present(env[name]) ? env[name]! : valueOf(fallback, before)) };
}

function oneOf(name: string, choices: readonly string[], fallback: string, doc: string): Entry<string> {
  return {
    vars: [{ name, shown: shownOf(fallback), doc }],
    read(env) {
      const raw = env[name];
      if (!present(raw)) return fallback;
      if (!choices.includes(raw)) throw new Error(`${name} must be one of ${choices.join(", ")}, got "${raw}"`);
      return raw;
    },
  };
}

/** Unset = null (the feature is off or left to its library). */
function optional(name: string, shown: string, doc: string): Entry<string | null> {
  return { vars: [{ name, shown, doc }], read: (env) => (present(env[name]) ? env[name]! : null) };
}

/** Comma-separated; unset = empty. */
function list(name: string, shown: string, doc: string): Entry<string[]> {
  return {
    vars: [{ name, shown, doc }],
    read: (env) =>
      (env[name] ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
  };
}

/** Several variables that make up one Config field (an object). */
function group<T extends object>(parts: { [K in keyof T]: Entry<T[K]> }): Entry<T> {
  const entries = Object.entries(parts) as [keyof T, Entry<unknown>][];
  return {
    vars: entries.flatMap(([, e]) => e.vars),
    read: (env, before) => Object.fromEntries(entries.map(([k, e]) => [k, e.read(env, before)])) as T,
  };
}

/** A positive number, unset = undefined (the library's own default). */
function positive(name: string, shown: string, doc: string): Entry<number | undefined> {
  return {
    vars: [{ name, shown, doc }],
    read(env) {
      const raw = env[name];
      if (!present(raw)) return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
      return n;
    },
  };
}

const DEFLECTION_TYPES = ["bounding_box_ratio", "absolute_value"] as const;

/** STEP triangulation quality: null (occt's defaults) unless one of its variables is set. */
const meshQuality: Entry<MeshQuality | null> = (() => {
  const parts = group({
    linearDeflection: positive(
      "STEP_LINEAR_DEFLECTION",
      "occt's default",
      "triangulation: largest distance of a facet from the surface, as a ratio of the bounding box (mm with `STEP_DEFLECTION_TYPE=absolute_value`)",
    ),
    angularDeflection: positive("STEP_ANGULAR_DEFLECTION", "occt's default", "triangulation: largest angle between neighbouring facets, radians"),
    linearDeflectionType: {
      vars: [
        {
          name: "STEP_DEFLECTION_TYPE",
          shown: "occt's default",
          doc: "`bounding_box_ratio` or `absolute_value`: how `STEP_LINEAR_DEFLECTION` is read",
        },
      ],
      read(env: Env) {
        const raw = env.STEP_DEFLECTION_TYPE;
        if (!present(raw)) return undefined;
        if (!(DEFLECTION_TYPES as readonly string[]).includes(raw))
          throw new Error(`STEP_DEFLECTION_TYPE must be ${DEFLECTION_TYPES.join(" or ")}, got "${raw}"`);
        return raw as MeshQuality["linearDeflectionType"];
      },
    },
  });
  return {
    vars: parts.vars,
    read(env, before) {
      const q = parts.read(env, before);
      // occtParams (step-extract/occt.ts) fills in what is left undefined.
      return Object.values(q).every((v) => v === undefined) ? null : q;
    },
  };
})();

const zipLimits: Entry<ZipLimits> = (() => {
  const parts = group({
    maxEntries: int(
      "STEP_ZIP_MAX_ENTRIES",
      DEFAULT_ZIP_LIMITS.maxEntries,
      1,
      "entries (files, folders) one uploaded STEP `.zip` may list → `STEP_ZIP_TOO_LARGE`",
    ),
    maxUnpackedMb: int(
      "STEP_ZIP_MAX_UNPACKED_MB",
      DEFAULT_ZIP_LIMITS.maxUnpackedBytes / MiB,
      1,
      "MiB the STEP entries of one `.zip` may unpack to, summed → `STEP_ZIP_TOO_LARGE`",
    ),
    maxRatio: int(
      "STEP_ZIP_MAX_RATIO",
      DEFAULT_ZIP_LIMITS.maxRatio,
      1,
      "largest unpacked/packed ratio of one `.zip` entry over 1 MB (zip bombs; STEP text packs 5–20×) → `STEP_ZIP_TOO_LARGE`",
    ),
    maxNameBytes: int("STEP_ZIP_MAX_NAME_BYTES", DEFAULT_ZIP_LIMITS.maxNameBytes, 1, "longest `.zip` entry name, in bytes → `STEP_ZIP_INVALID`"),
  });
  return {
    vars: parts.vars,
    read(env, before) {
      const { maxUnpackedMb, ...rest } = parts.read(env, before);
      return { ...rest, maxUnpackedBytes: maxUnpackedMb * MiB };
    },
  };
})();

/** Every setting, in the README's order. loadConfig reads them in this order. */
export const SETTINGS: { [K in keyof Config]: Entry<Config[K]> } = {
  host: text("HOST", "127.0.0.1", "interface to listen on (`0.0.0.0` to expose)"),
  port: int("PORT", 4000, 0, "HTTP + WebSocket port (`0` = any free port)"),
  databaseUrl: text(
    "DATABASE_URL",
    { value: () => `file:${path.resolve("data/manualforge.db")}`, shown: "`file:./data/manualforge.db`" },
    "SQLite database file, or `postgresql://…`",
  ),
  storageDir: {
    vars: [{ name: "STORAGE_DIR", shown: "`./data/storage`", doc: "uploads and generated artifacts" }],
    read: (env) => path.resolve(present(env.STORAGE_DIR) ? env.STORAGE_DIR : "data/storage"),
  },
  poolSize: int("POOL_SIZE", { value: () => Math.max(2, os.availableParallelism()), shown: "max(2, available parallelism)" }, 1, "worker threads"),
  maxConcurrentJobs: int("MAX_CONCURRENT_JOBS", { value: (c) => c.poolSize!, shown: "`POOL_SIZE`" }, 1, "jobs one instance runs at once"),
  maxUploadBytes: int("MAX_UPLOAD_BYTES", 200 * MiB, 1, "per uploaded file"),
  maxUploadFiles: int("MAX_UPLOAD_FILES", 10, 2, "files per request"),
  maxPdfPages: int("MAX_PDF_PAGES", 1000, 1, "longer drawings fail with `PDF_TOO_MANY_PAGES`"),
  ocrMaxPages: int("OCR_MAX_PAGES", 10, 0, "pages of one drawing read by OCR when its text layer holds no parts list (`0` = OCR off)"),
  ocrMaxPixels: int("OCR_MAX_PIXELS", 36_000_000, 100_000, "pixels one page is rendered with for OCR: 300 dpi, lowered to fit (A2 at 300 dpi)"),
  ocrLanguages: list(
    "OCR_LANGUAGES",
    "*(auto)*",
    "tesseract languages, comma-separated (`eng,deu`); default: from the scripts the text layer shows (Cyrillic → `rus`, CJK → `chi_sim`, German words → `deu`), else `eng`",
  ),
  uploadsPerMinute: int("UPLOADS_PER_MINUTE", 30, 1, "`createJob` calls per API key (or client address)"),
  apiKeys: list(
    "API_KEYS",
    "*(empty: open)*",
    'comma-separated keys; when set, every request needs `Authorization: Bearer <key>` (graphql-ws: `connectionParams: { authorization: "Bearer <key>" }`) and each job is visible only to its creator\'s key',
  ),
  stageTimeoutMs: int("STAGE_TIMEOUT_MS", 10 * 60_000, 1, "a stage running longer is stopped; job FAILED `STAGE_TIMEOUT`"),
  workerMaxMemoryMb: int("WORKER_MAX_MEMORY_MB", 4096, 16, "V8 heap limit per worker; past it: `WORKER_OUT_OF_MEMORY`, worker replaced"),
  shutdownGraceMs: int("SHUTDOWN_GRACE_MS", 30_000, 0, "on SIGTERM, how long running stages may finish before they are stopped and requeued"),
  maxInterruptions: int("MAX_INTERRUPTIONS", 3, 1, "crashes/kills after which a job fails with `INTERRUPTED` instead of resuming"),
  maxQueryDepth: int("MAX_QUERY_DEPTH", 12, 2, "deepest selection nesting a query may have"),
  maxSubscriptionsPerConnection: int("MAX_SUBSCRIPTIONS_PER_CONNECTION", 100, 1, "concurrent subscriptions on one socket"),
  wsKeepAliveMs: int(
    "WS_KEEPALIVE_MS",
    12_000,
    0,
    "WebSocket ping interval (graphql-ws's); a socket that by the next ping neither answered nor took any data is dropped (`0` = off)",
  ),
  wsHighWaterMark: int(
    "WS_HIGH_WATER_MARK",
    MiB,
    1024,
    "bytes queued on one WebSocket above which its subscriptions pause until the client reads (their events wait in the stored log)",
  ),
  wsMaxWaitingBytes: int(
    "WS_MAX_WAITING_BYTES",
    16 * MiB,
    1024,
    'results held back on one WebSocket whose client stopped reading (beyond twice `WS_HIGH_WATER_MARK` already queued); past it the socket is closed with code **4413** ("Slow reader") and what waited is dropped; the client may reconnect',
  ),
  wsMaxOperationsInFlight: int(
    "WS_MAX_OPERATIONS_IN_FLIGHT",
    16,
    1,
    "queries and mutations on one WebSocket not yet answered; more are refused with `TOO_MANY_OPERATIONS` (subscriptions count against `MAX_SUBSCRIPTIONS_PER_CONNECTION`)",
  ),
  graphqlMaxConcurrent: int(
    "GRAPHQL_MAX_CONCURRENT",
    2,
    1,
    "GraphQL operations (HTTP and WebSocket) validated and run at once in this server, in arrival order; more wait their turn, so a flood of heavy queries cannot hold `/healthz` (execution runs on the main thread: more at once mostly interleave)",
  ),
  walCheckpointMs: int(
    "WAL_CHECKPOINT_MS",
    100,
    0,
    "SQLite: how often a worker thread copies the write-ahead log back into the database, so the checkpoint SQLite runs in the committing (main) thread finds almost nothing left to do; `0` = off",
  ),
  jobRetentionDays: int(
    "JOB_RETENTION_DAYS",
    30,
    0,
    "finished jobs (succeeded, failed, cancelled) older than this are deleted with their events, artifacts and files; `0` = keep forever. One job at a time: `deleteJob(id)` (refused while `RUNNING`)",
  ),
  retentionSweepMs: int("RETENTION_SWEEP_MS", 60 * 60_000, 1000, "how often the retention cleanup runs"),
  queuePollMs: int("QUEUE_POLL_MS", 2000, 10, "how often to look for jobs queued elsewhere and for cancel requests"),
  instanceId: text(
    "INSTANCE_ID",
    { value: () => os.hostname(), shown: "host name" },
    "this instance's name in job claims; stable across restarts (a restarted instance resumes its own interrupted jobs at once), distinct per instance on one host",
  ),
  leaseMs: int("LEASE_MS", 15_000, 100, "a RUNNING job whose instance sent no heartbeat for this long is taken over by another"),
  redisUrl: optional("REDIS_URL", "*(none: in-process)*", "share live events between instances through Redis"),
  meshQuality,
  zipLimits,
  stepMaxOccurrences: int(
    "STEP_MAX_OCCURRENCES",
    DEFAULT_MAX_OCCURRENCES,
    1,
    "most placed parts an assembly may expand to (sub-assemblies used many times, nested); past it, or on an assembly that contains itself, `STEP_TOO_COMPLEX`",
  ),
  production: {
    vars: [{ name: "NODE_ENV", shown: "*(unset)*", doc: "`production` turns Sandbox and introspection off by default" }],
    read: (env) => env.NODE_ENV === "production",
  },
  introspection: bool("INTROSPECTION", { value: (c) => !c.production, shown: "on outside production" }, "GraphQL introspection"),
  sandbox: bool("SANDBOX", { value: (c) => !c.production, shown: "on outside production" }, "Apollo Sandbox at `GET /graphql`"),
  logLevel: oneOf(
    "LOG_LEVEL",
    LOG_LEVELS,
    DEFAULT_LOG_LEVEL,
    "JSON log lines on stdout at this level and above (`debug` adds probe requests; `silent` = none)",
  ),
  webhookSecret: optional(
    "WEBHOOK_SECRET",
    "*(none: webhooks off)*",
    "HMAC-SHA256 key signing webhook bodies; without it `createJob(webhookUrl)` answers `BAD_USER_INPUT`",
  ),
  webhookRetryBaseMs: int("WEBHOOK_RETRY_BASE_MS", 5000, 1, "first webhook retry delay, doubled each attempt (at most 1 h)"),
  webhookMaxAttempts: int("WEBHOOK_MAX_ATTEMPTS", 10, 1, "attempts before a webhook delivery is `FAILED`"),
  webhookPollMs: int("WEBHOOK_POLL_MS", 2000, 10, "how often due webhook deliveries are looked for"),
  webhookTimeoutMs: int("WEBHOOK_TIMEOUT_MS", 10_000, 100, "time limit of one webhook POST"),
  webhookAllowPrivate: bool(
    "WEBHOOK_ALLOW_PRIVATE",
    false,
    "allow webhook URLs on loopback, private, link-local and metadata addresses; off, they are refused at `createJob` (`BAD_USER_INPUT`) and every resolved address is checked again at delivery (a delivery refused there is `FAILED`, `WEBHOOK_PRIVATE_ADDRESS`)",
  ),
  corsOrigins: list(
    "CORS_ORIGINS",
    "*(none: same origin only)*",
    "comma-separated browser origins (`https://app.example.com`) besides the server's own that may call the API (CORS, answered preflights, also for `/artifacts`) and open its WebSocket; `*` = any origin (without credentials; use with `API_KEYS`). A WebSocket upgrade from any other `Origin` gets 403",
  ),
  debugErrors: bool(
    "DEBUG_ERRORS",
    false,
    "`1`: GraphQL errors carry `extensions.stacktrace`. Off whatever `NODE_ENV` says; stage crashes are logged in full on the server either way, clients get a code and one line without server paths",
  ),
  maxQueryAliases: int("MAX_QUERY_ALIASES", 30, 0, "aliases in one operation (HTTP and WebSocket)"),
  maxQueryCost: int(
    "MAX_QUERY_COST",
    25_000,
    1,
    "graphql-armor cost of one operation (objects 2, scalars 1, ×1.5 per level, × a literal `first`); the largest page the API serves, `events(first: 1000)` with every field, costs 21,500",
  ),
  maxQueryTokens: int("MAX_QUERY_TOKENS", 3000, 10, "lexical tokens in one document; longer ones are refused while parsing"),
  artifactLinkTtlS: int(
    "ARTIFACT_LINK_TTL_S",
    7 * 24 * 3600,
    1,
    "with `API_KEYS`: signed artifact links (`?token=`) expire after this long (seconds; default 7 days)",
  ),
  stagingStaleMs: int(
    "STAGING_STALE_MS",
    5 * 60_000,
    1000,
    "a staging file of an upload untouched this long (killed server, vanished client) is removed, at start and by a sweep every min(60 s, half of it); so is a job folder with no job row (an upload killed after its first file landed)",
  ),
  pdfLimits: group({
    maxStreamBytes: int(
      "PDF_MAX_STREAM_BYTES",
      DEFAULT_PDF_LIMITS.maxStreamBytes,
      1024,
      "decoded bytes of one PDF stream (each Flate step capped) → `PDF_TOO_COMPLEX`",
    ),
    maxDecodedBytes: int(
      "PDF_MAX_DECODED_BYTES",
      DEFAULT_PDF_LIMITS.maxDecodedBytes,
      1024,
      "decoded bytes of all streams of one PDF → `PDF_TOO_COMPLEX`",
    ),
    maxOpsPerPage: int(
      "PDF_MAX_OPS_PER_PAGE",
      DEFAULT_PDF_LIMITS.maxOpsPerPage,
      1000,
      "content operators run for one page, Form XObjects included (each time one is drawn), counted before pdfjs reads the page → `PDF_TOO_COMPLEX`",
    ),
    maxNesting: int("PDF_MAX_NESTING", DEFAULT_PDF_LIMITS.maxNesting, 8, "arrays/dictionaries nested in a PDF object → `PDF_TOO_COMPLEX`"),
    maxFormDepth: int(
      "PDF_MAX_FORM_DEPTH",
      DEFAULT_PDF_LIMITS.maxFormDepth,
      1,
      "Form XObjects drawn inside one another (a form drawing itself is refused too) → `PDF_TOO_COMPLEX`",
    ),
    maxPageMs: int(
      "PDF_MAX_PAGE_MS",
      DEFAULT_PDF_LIMITS.maxPageMs,
      100,
      "time pdfjs may take to list one page's operators, for files whose operators the raw reader could not count first (encrypted, or a structure it cannot walk) → `PDF_TOO_COMPLEX`",
    ),
  }),
  stepMaxNesting: int("STEP_MAX_NESTING", DEFAULT_STEP_NESTING, 4, "parentheses nested in one STEP record → `STEP_INVALID`"),
  cjkFontPath: text(
    "MANUALFORGE_CJK_FONT",
    DEFAULT_CJK_FONT,
    "font embedded in `manual.pdf` (a TrueType collection holding WenQuanYi Zen Hei) so CJK text prints; missing: Helvetica and a warning, non-Latin text prints as `?`",
  ),
  schemaEngineBinary: optional(
    "PRISMA_SCHEMA_ENGINE_BINARY",
    "*(none: looked for in `node_modules/@prisma/engines`)*",
    "Prisma's native schema engine: when one is found (and the Prisma CLI is installed), migrations are applied by `prisma migrate deploy`; otherwise by Prisma's WebAssembly engine, offline (see *Database migrations*)",
  ),
  failpoints: optional("MANUALFORGE_FAILPOINTS", "*(off)*", "fault injection for tests and drills, see `server/src/pool/failpoints.ts`"),
  workerBuild: optional(
    "MANUALFORGE_WORKER_BUILD",
    "*(none)*",
    "tests: a compiled build (tsc `outDir`) whose worker entries the worker threads run, instead of the ones beside the running code (see `server/src/pool/worker-entry.ts`)",
  ),
};

/** Every variable, in order, for the README. */
export function settingDocs(): SettingDoc[] {
  return Object.values<Entry<unknown>>(SETTINGS).flatMap((e) => e.vars);
}

/**
 * The settings: each field from `overrides` when given there (its variables are then not even
 * read, so a bad one does not matter), else from the environment, else its default.
 */
export function loadConfig(overrides: Partial<Config> = {}, env: Env = process.env): Config {
  const config: Partial<Config> = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  for (const [key, entry] of Object.entries(SETTINGS) as [keyof Config, Entry<unknown>][]) {
    if (!(key in config)) (config as Record<string, unknown>)[key] = entry.read(env, config);
  }
  return config as Config;
}
