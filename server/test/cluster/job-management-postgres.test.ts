// The job manager's queries on PostgreSQL + Redis: case-insensitive search (mode insensitive),
// counts (groupBy), jobsChanged across the Redis event target, and deleteJob's transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscribe } from "../support/subscriptions.js";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { smallJob } from "../support/inputs.js";
import { freshPgDatabase, postgresUp, REDIS_URL, redisUp } from "../support/postgres.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

describe.skipIf(!postgresUp || !redisUp)("job management on PostgreSQL + Redis", () => {
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

  it("searches and counts case-insensitively, reports status changes and deletion live, deletes the job", async () => {
    const client = wsClient(server.wsUrl);
    type Change = { jobId: string; status: string | null; deleted: boolean };
    const feed = subscribe<{ jobsChanged: Change }>(client, `subscription { jobsChanged { jobId status deleted } }`);
    const waitFor = (pred: (c: Change) => boolean) => feed.next((r) => pred(r.jobsChanged), 60_000);
    // (The Redis target subscribes its channel a round trip after the listener is added; the
    // changes awaited below come seconds later, when the job finishes.)
    const inputs = await smallJob("PgFrame");
    const id = (await uploadJob(server.url, inputs.pdf, inputs.step)).body.data!.createJob.id;
    await waitFor((c) => c.jobId === id && c.status === "SUCCEEDED");
    const r = await gql(server.url, `{ jobs(search: "pgframe") { totalCount } jobCounts(search: "PGFRAME") { all succeeded } }`);
    expect(r.data).toEqual({ jobs: { totalCount: 1 }, jobCounts: { all: 1, succeeded: 1 } });
    expect((await gql(server.url, `mutation ($id: ID!) { deleteJob(id: $id) }`, { id })).data.deleteJob).toBe(id);
    await waitFor((c) => c.jobId === id && c.deleted);
    expect((await gql(server.url, `{ jobCounts { all } }`)).data.jobCounts.all).toBe(0);
    feed.dispose();
    await client.dispose();
  });
});
