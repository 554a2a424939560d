// SQLite WAL checkpoints, mostly off the event loop. SQLite checkpoints in the connection whose
// commit takes the WAL past 1,000 pages: on our one connection that is the main thread, which
// then copies ~4 MB back into the database file and syncs it — a 7–14 ms stall every ~430
// progress events, and every socket waits (the worst event latencies, measured). A worker
// thread with its own connection runs a PASSIVE checkpoint (never blocks the writer) every
// `everyMs`, so when the main connection's own checkpoint comes, almost every page is already
// copied. The main connection's checkpoint stays: only a writer's checkpoint can restart the
// WAL while commits keep coming, which keeps the file bounded.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";

// CommonJS, evaluated in the worker: no file to build or to load through a TypeScript loader.
const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 0"); // busy means the main connection is checkpointing: skip a turn
const checkpoint = () => { try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.once("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/** Starts the checkpoint thread for a SQLite database; null for PostgreSQL or when `everyMs` is 0. */
export function startWalCheckpointer(databaseUrl: string, everyMs: number): WalCheckpointer | null {
  if (!databaseUrl.startsWith("file:") || everyMs <= 0) return null;
  const file = path.resolve(databaseUrl.slice("file:".length));
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  // Without it SQLite's own checkpoints still run, only on the main thread again.
  worker.on("error", (err) => console.error("[wal-checkpointer] stopped:", err));
  return {
    async stop() {
      worker.ref(); // waiting for its exit must keep the process alive
      worker.postMessage("stop");
      await exited;
    },
  };
}
