// Job folders without a job row belong to uploads that died between the first file moved in
// and the job row (a server killed with -9, a crash): removed at start and then periodically,
// like the staging files. A folder still being filled is never touched: this instance knows
// its own uploads, and another instance sharing STORAGE_DIR keeps its folder fresh (each file
// lands as it completes), so only folders untouched for STAGING_STALE_MS go.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/prisma.js";
import { log, errFields } from "../ops/log.js";
import { uploadsInFlight } from "./create-job.js";

const CHUNK = 500;

/** Newest mtime of a folder and everything below it (a moved-in file keeps its own mtime). */
function newestMtime(dir: string): number {
  let newest = fs.statSync(dir).mtimeMs;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
    } catch {
      // removed meanwhile
    }
  }
  return newest;
}

/** One pass; resolves with how many folders were removed. */
export async function sweepOrphanJobDirs(db: Db, storageDir: string, staleMs: number, now = Date.now()): Promise<number> {
  const root = path.join(storageDir, "jobs");
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return 0; // no job yet
  }
  names = names.filter((n) => !uploadsInFlight.has(n));
  let removed = 0;
  for (let i = 0; i < names.length; i += CHUNK) {
    const chunk = names.slice(i, i + CHUNK);
    const known = new Set((await db.job.findMany({ where: { id: { in: chunk } }, select: { id: true } })).map((j) => j.id));
    for (const name of chunk) {
      if (known.has(name) || uploadsInFlight.has(name)) continue;
      const dir = path.join(root, name);
      try {
        if (now - newestMtime(dir) <= staleMs) continue;
        fs.rmSync(dir, { recursive: true, force: true });
        removed++;
      } catch {
        // another instance removed it first
      }
    }
  }
  return removed;
}

/** Sweeps now and every `intervalMs`; stop() waits for a sweep in progress. */
export function startOrphanSweeper(db: Db, storageDir: string, staleMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = running
      .then(() => sweepOrphanJobDirs(db, storageDir, staleMs))
      .then((n) => n && log.warn({ removed: n }, `removed ${n} job folder(s) of dead uploads`))
      .catch((err) => log.error(errFields(err), "orphan job folder sweep failed"));
  };
  sweep();
  const timer = setInterval(sweep, Math.min(60_000, Math.max(500, staleMs / 2)));
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
