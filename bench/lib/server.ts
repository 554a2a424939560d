// A real ManualForge server for a benchmark: ephemeral port, fresh SQLite file and storage dir
// under the OS temp dir, removed on stop.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Config } from "../../server/src/config.js";
import { startServer, type RunningServer } from "../../server/src/server.js";

export interface BenchServer extends RunningServer {
  dir: string;
  stop(): Promise<void>;
}

export async function startBenchServer(overrides: Partial<Config> = {}): Promise<BenchServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manualforge-bench-"));
  const server = await startServer({
    host: "127.0.0.1",
    port: 0,
    databaseUrl: `file:${path.join(dir, "bench.db")}`,
    storageDir: path.join(dir, "storage"),
    poolSize: 2,
    maxConcurrentJobs: 2,
    queuePollMs: 200,
    sandbox: false,
    ...overrides,
  });
  return {
    ...server,
    dir,
    async stop() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A job row for events appended directly: status "BENCH" (not final, so subscribers stay
 * live; not QUEUED/RUNNING, so neither the dispatcher nor crash recovery touches it).
 */
export async function createRunningJob(server: RunningServer, id: string): Promise<string> {
  await server.services.db.job.create({ data: { id, status: "BENCH" } });
  server.services.events.own(id);
  return id;
}
