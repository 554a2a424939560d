// Every setting is an environment variable with a default; README lists them.
import os from "node:os";
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
  /** MAX_UPLOAD_FILES: files per request. Default 10. */
  maxUploadFiles: number;
  /** QUEUE_POLL_MS: how often to look for QUEUED jobs left by other instances. Default 2000. */
  queuePollMs: number;
  /** INSTANCE_ID: names this server in job claims. Default hostname-pid. */
  instanceId: string;
  /** NODE_ENV=production hides the Sandbox landing page and introspection. */
  production: boolean;
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
  const base: Config = {
    host: process.env.HOST ?? "127.0.0.1",
    port: int("PORT", 4000),
    databaseUrl: process.env.DATABASE_URL ?? `file:${path.resolve("data/manualforge.db")}`,
    storageDir: path.resolve(process.env.STORAGE_DIR ?? "data/storage"),
    poolSize,
    maxConcurrentJobs: int("MAX_CONCURRENT_JOBS", poolSize, 1),
    maxUploadBytes: int("MAX_UPLOAD_BYTES", 200 * 1024 * 1024, 1),
    maxUploadFiles: int("MAX_UPLOAD_FILES", 10, 2),
    queuePollMs: int("QUEUE_POLL_MS", 2000, 10),
    instanceId: process.env.INSTANCE_ID ?? `${os.hostname()}-${process.pid}`,
    production: process.env.NODE_ENV === "production",
  };
  return { ...base, ...overrides };
}
