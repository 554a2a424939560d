// What a job manager page needs: jobs(search), jobCounts, the jobsChanged feed (per API key),
// deleteJob (refused while RUNNING, removes rows and files) and the retention sweep.
import fs from "node:fs";
import path from "node:path";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobDir } from "../../src/jobs/job-paths.js";
import { sweepOldJobs } from "../../src/jobs/retention.js";
import { subscribe } from "../support/subscriptions.js";
import { uploadJob } from "../support/graphql-client.js";
import { slowJob, smallJob } from "../support/inputs.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { until } from "../support/until.js";

const ALICE = "alice-key-123";
const BOB = "bob-key-456";
type Change = {
  jobId: string;
  status: string | null;
  deleted: boolean;
  job: { id: string; status: string; inputs: { originalName: string }[] } | null;
};
const JOBS_CHANGED = `subscription { jobsChanged { jobId status deleted job { id status inputs { originalName } } } }`;

/** The never-ending jobsChanged feed of one client, as the changes it carries. */
function follow(client: Client) {
  const sub = subscribe<{ jobsChanged: Change }>(client, JOBS_CHANGED);
  return {
    get got() {
      return sub.results.map((r) => r.jobsChanged);
    },
    dispose: sub.dispose,
    waitFor: async (pred: (c: Change) => boolean, what: string, ms = 60_000) => (await sub.next((r) => pred(r.jobsChanged), ms, what)).jobsChanged,
  };
}

describe("job management: search, counts, jobsChanged, deleteJob, retention", () => {
  let server: TestServer;
  const clients: Client[] = [];
  const ws = (key: string) => {
    const c = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${key}` } });
    clients.push(c);
    return c;
  };
  async function gqlAs(key: string, query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] };
  }
  const upload = async (key: string, name: string, slow = false) => {
    const inputs = slow ? await slowJob(name, 400) : await smallJob(name);
    const r = await uploadJob(server.url, inputs.pdf, inputs.step, { "apollo-require-preflight": "true", authorization: `Bearer ${key}` });
    return r.body.data!.createJob.id;
  };
  /** Resolves once `n` jobsChanged subscriptions listen on the server. */
  const listening = (n: number) => until(() => server.services.bus.subscriptions("jobs:changed") >= n, `${n} jobsChanged listeners`);

  beforeAll(async () => {
    server = await startTestServer({ apiKeys: [ALICE, BOB], maxConcurrentJobs: 1 });
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await server?.stop();
  });

  it("follows a job's status live, searches and counts by file name, refuses deleting it while RUNNING, then deletes it", async () => {
    const alice = follow(ws(ALICE));
    const bob = follow(ws(BOB));
    await listening(2);

    const id = await upload(ALICE, "Gearbox-Housing", true);
    await alice.waitFor((c) => c.jobId === id && c.status === "QUEUED", "QUEUED");
    await alice.waitFor((c) => c.jobId === id && c.status === "RUNNING", "RUNNING");
    expect(alice.got.find((c) => c.jobId === id)!.job!.inputs.map((i) => i.originalName)).toEqual(["Gearbox-Housing.pdf", "Gearbox-Housing.step"]);

    const refused = await gqlAs(ALICE, `mutation ($id: ID!) { deleteJob(id: $id) }`, { id });
    expect(refused.errors![0]!.extensions.code).toBe("JOB_STATE_CONFLICT");

    // Search is by input file name, case-insensitive; counts follow the same filter.
    const search = await gqlAs(
      ALICE,
      `query ($s: String) { jobs(search: $s) { totalCount edges { node { id } } } jobCounts(search: $s) { all running queued } }`,
      { s: "gearbox" },
    );
    expect(search.data.jobs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([id]);
    expect(search.data.jobCounts).toEqual({ all: 1, running: 1, queued: 0 });
    const none = await gqlAs(ALICE, `{ jobs(search: "no-such-file") { totalCount } jobCounts(search: "no-such-file") { all } }`);
    expect(none.data).toEqual({ jobs: { totalCount: 0 }, jobCounts: { all: 0 } });
    expect((await gqlAs(BOB, `{ jobCounts { all } }`)).data.jobCounts.all).toBe(0);

    await gqlAs(ALICE, `mutation ($id: ID!) { cancelJob(id: $id) { id } }`, { id });
    await alice.waitFor((c) => c.jobId === id && c.status === "CANCELLED", "CANCELLED");
    const dir = jobDir(server.config.storageDir, id);
    expect(fs.existsSync(dir)).toBe(true);

    // Another key can neither delete it nor hear about it.
    expect((await gqlAs(BOB, `mutation ($id: ID!) { deleteJob(id: $id) }`, { id })).errors![0]!.extensions.code).toBe("NOT_FOUND");
    expect((await gqlAs(ALICE, `mutation ($id: ID!) { deleteJob(id: $id) }`, { id })).data.deleteJob).toBe(id);
    await alice.waitFor((c) => c.jobId === id && c.deleted, "deleted");
    expect(fs.existsSync(dir)).toBe(false);
    const db = server.services.db;
    expect(await db.jobEvent.count({ where: { jobId: id } })).toBe(0);
    expect(await db.stageRun.count({ where: { jobId: id } })).toBe(0);
    expect(await db.inputFile.count({ where: { jobId: id } })).toBe(0);
    expect((await gqlAs(ALICE, `query ($id: ID!) { job(id: $id) { id } }`, { id })).data.job).toBeNull();
    expect((await gqlAs(ALICE, `mutation ($id: ID!) { deleteJob(id: $id) }`, { id })).errors![0]!.extensions.code).toBe("NOT_FOUND");

    // Bob's first change is his own job: nothing of Alice's reached him.
    const bobs = await upload(BOB, "bob-frame");
    await bob.waitFor((c) => c.jobId === bobs, "Bob's job");
    expect(bob.got.every((c) => c.jobId === bobs)).toBe(true);
    await alice.waitFor((c) => c.jobId === id && c.deleted, "deleted"); // (still only her own)
    expect(alice.got.some((c) => c.jobId === bobs)).toBe(false);
    alice.dispose();
    bob.dispose();
  });

  it("the retention sweep deletes finished jobs older than the limit, with their files, and keeps younger ones", async () => {
    const db = server.services.db;
    const live = follow(ws(BOB));
    await listening(1);
    const id = await upload(BOB, "old-one");
    await live.waitFor((c) => c.jobId === id && c.status === "SUCCEEDED", "SUCCEEDED");
    live.dispose();
    const deps = { db, bus: server.services.bus, storageDir: server.config.storageDir };
    expect(await sweepOldJobs(deps, 30)).toBe(0); // finished just now: kept
    expect(await db.job.count({ where: { id } })).toBe(1);
    const in31Days = new Date(Date.now() + 31 * 86_400_000);
    expect(await sweepOldJobs(deps, 30, in31Days)).toBeGreaterThanOrEqual(1);
    expect(await db.job.count({ where: { id } })).toBe(0);
    expect(await db.artifact.count({ where: { jobId: id } })).toBe(0);
    expect(await db.jobEvent.count({ where: { jobId: id } })).toBe(0);
    expect(fs.existsSync(jobDir(server.config.storageDir, id))).toBe(false);
    expect(fs.existsSync(path.join(server.config.storageDir, "jobs"))).toBe(true);
  });
});
