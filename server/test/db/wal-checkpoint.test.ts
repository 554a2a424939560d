// The WAL is copied back into the database file by a worker thread (db/wal-checkpointer.ts),
// not only by SQLite's own checkpoint in the committing main thread, which comes at 1,000 WAL
// pages: commits that stay far below that still reach the database file.
import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sqliteConnectionOf } from "../../src/db/prisma.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { until } from "../support/until.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ walCheckpointMs: 20 });
  await server.services.dispatcher.stop(0);
});
afterAll(() => server.stop());

it("copies committed pages into the database file long before the WAL reaches 1,000 pages", async () => {
  const { db, events } = server.services;
  const file = sqliteConnectionOf(db)!.name;
  const jobId = "wal-job";
  await db.job.create({ data: { id: jobId, status: "RUNNING" } });
  events.own(jobId);
  const before = fs.statSync(file).size;
  // 150 separate commits of ~1 KB events: ~40 new table pages, a few hundred WAL frames in all.
  for (let i = 0; i < 150; i++) {
    await events.append(jobId, { kind: "LOG", stage: "PDF_BOM", level: "INFO", message: `line ${i} ${"x".repeat(1000)}` });
  }
  const walPages = fs.statSync(`${file}-wal`).size / 4096;
  expect(walPages).toBeLessThan(1000); // so SQLite's own checkpoint has not run
  await until(() => fs.statSync(file).size >= before + 30 * 4096, "database file grew by the committed pages");
});
