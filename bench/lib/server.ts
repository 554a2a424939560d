// A real ManualForge server for a benchmark: ephemeral port, fresh SQLite file and storage dir
// under the OS temp dir, removed on stop.
import type { Config } from "../../server/src/config.js";
import { startTestServer, type TestServer } from "#test-support/test-server.js";

export type BenchServer = TestServer;

/** The tests' real-server helper (ephemeral port, fresh SQLite file), without Sandbox. */
export function startBenchServer(overrides: Partial<Config> = {}): Promise<BenchServer> {
  return startTestServer({ sandbox: false, ...overrides });
}

/**
 * A job row for events appended directly: status "BENCH" (not final, so subscribers stay
 * live; not QUEUED/RUNNING, so neither the dispatcher nor crash recovery touches it).
 */
export async function createRunningJob(server: BenchServer, id: string): Promise<string> {
  await server.services.db.job.create({ data: { id, status: "BENCH" } });
  server.services.events.own(id);
  return id;
}
