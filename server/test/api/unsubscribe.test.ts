// A client that leaves a subscription on an idle job (nothing published for it any more) must
// not leave its listener behind until the job's next event, which may never come.
import { afterAll, beforeAll, expect, it } from "vitest";
import { subscribe } from "../support/subscriptions.js";
import { wsClient } from "../support/graphql-client.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { until } from "../support/until.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.services.dispatcher.stop(0);
});
afterAll(() => server.stop());

it("removes the job's listeners as soon as the client completes its subscriptions", async () => {
  const jobId = "idle-job";
  await server.services.db.job.create({ data: { id: jobId, status: "RUNNING" } });
  await server.services.events.append(jobId, { kind: "JOB_STARTED", message: "started" });
  const listeners = (channel: "job:event" | "job:updated") => server.services.bus.subscriptions(channel, jobId);
  const client = wsClient(server.wsUrl);
  try {
    // Subscribe to both, wait for each one's first result: both are then waiting on live events.
    const subs = [`subscription { jobEvents(jobId: "${jobId}") { seq } }`, `subscription { jobUpdated(jobId: "${jobId}") { id } }`].map((query) =>
      subscribe(client, query),
    );
    await Promise.all(subs.map((s) => s.next(undefined, 5_000)));
    await until(() => listeners("job:event") === 1 && listeners("job:updated") === 1, "one listener per subscription", 5_000);
    for (const s of subs) s.dispose();
    await until(() => listeners("job:event") === 0, "jobEvents listener removed", 5_000);
    await until(() => listeners("job:updated") === 0, "jobUpdated listener removed", 5_000);
  } finally {
    await client.dispose();
  }
});
