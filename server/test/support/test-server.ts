// A real server on 127.0.0.1 with an ephemeral port, a fresh SQLite file and storage dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Config } from "../../src/config.js";
import { startServer, type RunningServer } from "../../src/server.js";

export interface TestServer extends RunningServer {
  dir: string;
  stop(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manualforge-test-"));
  const server = await startServer({
    host: "127.0.0.1",
    port: 0,
    databaseUrl: `file:${path.join(dir, "test.db")}`,
    storageDir: path.join(dir, "storage"),
    poolSize: 2,
    maxConcurrentJobs: 2,
    queuePollMs: 200,
    logLevel: process.env.LOG_LEVEL ?? "silent", // LOG_LEVEL=info npx vitest … to see the JSON log
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

/** Files below a directory (to prove a rejected upload left nothing behind). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);
}
