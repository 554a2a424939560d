// The job manager's queries on PostgreSQL + Redis: case-insensitive search (mode insensitive),
// counts (groupBy), jobsChanged across the Redis event target, and deleteJob's transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    const changes: { jobId: string; status: string | null; deleted: boolean }[] = [];
    let wake = () => {};
    const dispose = client.subscribe<{ jobsChanged: (typeof changes)[number] }>(
      { query: `subscription { jobsChanged { jobId status deleted } }` },
      { next: (r) => (r.data && changes.push(r.data.jobsChanged), wake()), error: () => {}, complete: () => {} },
    );
    const waitFor = async (pred: (c: (typeof changes)[number]) => boolean) => {
      const deadline = Date.now() + 60_000;
      while (!changes.some(pred)) {
        if (Date.now() > deadline) throw new Error(`not seen; got ${JSON.stringify(changes)}`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, 1000);
          wake = () => (clearTimeout(t), r());
        });
      }
    };
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
    dispose();
    await client.dispose();
  });
});
