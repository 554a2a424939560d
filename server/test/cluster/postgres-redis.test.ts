// One instance on PostgreSQL + Redis runs a job end to end like the SQLite default does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { collect, JOB_EVENTS } from "../support/subscriptions.js";
import { smallJob } from "../support/inputs.js";
import { freshPgDatabase, postgresUp, REDIS_URL, redisUp } from "../support/postgres.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

describe.skipIf(!postgresUp || !redisUp)("PostgreSQL + Redis", () => {
  let server: TestServer;
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  beforeAll(async () => {
    db = await freshPgDatabase();
    server = await startTestServer({ databaseUrl: db.url, redisUrl: REDIS_URL });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it("runs a job with gapless live events and the same results", async () => {
    const inputs = await smallJob("pg");
    const jobId = (await uploadJob(server.url, inputs.pdf, inputs.step)).body.data!.createJob.id;
    const client = wsClient(server.wsUrl);
    const events = (await collect<{ jobEvents: { seq: number; kind: string } }>(client, JOB_EVENTS, { jobId })).map((r) => r.jobEvents);
    await client.dispose();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)!.kind).toBe("JOB_SUCCEEDED");
    const { data } = await gql(server.url, `query ($id: ID!) { job(id: $id) { status parts { name instanceCount } bom { name quantity } } }`, {
      id: jobId,
    });
    expect(data.job.status).toBe("SUCCEEDED");
    expect(data.job.parts).toEqual(
      expect.arrayContaining([
        { name: "plate", instanceCount: 1 },
        { name: "bracket", instanceCount: 2 },
      ]),
    );
  });
});
