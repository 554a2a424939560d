// /readyz: may a load balancer send traffic here? Each dependency is checked with a time limit;
// 200 when all pass, 503 with the failing check's reason otherwise. /healthz stays "the process
// is alive" (no dependency checks), so a database outage does not get every instance restarted.
import fs from "node:fs/promises";
import path from "node:path";
import type { Request, Response } from "express";
import type { Db } from "../db/prisma.js";
import type { StagePool } from "../pool/pool.js";

export interface ReadinessSources {
  db: Db;
  storageDir: string;
  pool: StagePool;
  /** Redis ping, when REDIS_URL is set. */
  redisPing: (() => Promise<unknown>) | null;
  accepting: () => boolean;
}

type Check = { ok: true; ms: number } | { ok: false; ms: number; error: string };

const CHECK_TIMEOUT_MS = 2000;

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS))),
    ]);
    return { ok: true, ms: Date.now() - t0 };
  } catch (err) {
    return { ok: false, ms: Date.now() - t0, error: (err as Error).message ?? String(err) };
  } finally {
    clearTimeout(timer);
  }
}

export function readiness(src: ReadinessSources) {
  return async (_req: Request, res: Response): Promise<void> => {
    const checks: Record<string, Check> = {};
    const [database, storage, redis] = await Promise.all([
      timed(() => src.db.$queryRaw`SELECT 1`),
      timed(async () => {
        // Writable, not just present: a read-only or full volume fails here.
        const probe = path.join(src.storageDir, `.readyz-${process.pid}-${Date.now()}`);
        await fs.mkdir(src.storageDir, { recursive: true });
        await fs.writeFile(probe, "ok");
        await fs.rm(probe);
      }),
      src.redisPing ? timed(src.redisPing) : null,
    ]);
    checks.database = database;
    checks.storage = storage;
    if (redis) checks.redis = redis;
    checks.pool = src.pool.threads.length > 0 ? { ok: true, ms: 0 } : { ok: false, ms: 0, error: "no live worker threads" };
    checks.accepting = src.accepting() ? { ok: true, ms: 0 } : { ok: false, ms: 0, error: "shutting down" };
    const ok = Object.values(checks).every((c) => c.ok);
    res.status(ok ? 200 : 503).json({ ok, checks });
  };
}
