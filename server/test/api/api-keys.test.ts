// With API_KEYS set: no key → UNAUTHENTICATED; each job is visible only to the key that made
// it (queries, subscriptions, cancel, retry, artifact download); signed links work alone.
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadJob } from "../support/graphql-client.js";
import { collect, JOB_EVENTS } from "../support/subscriptions.js";
import { smallJob } from "../support/inputs.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const ALICE = "alice-key-123";
const BOB = "bob-key-456";

describe("API keys", () => {
  let server: TestServer;
  let jobId: string;
  let manualUrl: string;

  const as = (key: string | null) => ({ "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) });
  async function gqlAs(key: string | null, query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(server.url, { method: "POST", headers: as(key), body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions: { code: string } }[] } };
  }
  const ws = (key: string | null) =>
    createClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: key ? { authorization: `Bearer ${key}` } : {} });

  beforeAll(async () => {
    server = await startTestServer({ apiKeys: [ALICE, BOB], introspection: false });
    const inputs = await smallJob("owned");
    const up = await uploadJob(server.url, inputs.pdf, inputs.step, { "apollo-require-preflight": "true", authorization: `Bearer ${ALICE}` });
    jobId = up.body.data!.createJob.id;
    const client = ws(ALICE);
    await collect(client, JOB_EVENTS, { jobId });
    await client.dispose();
    manualUrl = (await gqlAs(ALICE, `query ($id: ID!) { job(id: $id) { manualUrl } }`, { id: jobId })).body.data.job.manualUrl;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses requests without a valid key", async () => {
    for (const key of [null, "wrong-key"]) {
      const r = await gqlAs(key, `{ jobs { totalCount } }`);
      expect(r.body.errors![0]!.extensions.code).toBe("UNAUTHENTICATED");
    }
    const inputs = await smallJob("anon");
    const up = await uploadJob(server.url, inputs.pdf, inputs.step);
    expect(up.body.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    const client = ws(null);
    await expect(collect(client, JOB_EVENTS, { jobId })).rejects.toBeTruthy();
    await client.dispose();
  });

  it("shows a job to its owner only", async () => {
    expect((await gqlAs(ALICE, `{ jobs { totalCount } }`)).body.data.jobs.totalCount).toBe(1);
    expect((await gqlAs(BOB, `{ jobs { totalCount } }`)).body.data.jobs.totalCount).toBe(0);
    expect((await gqlAs(BOB, `query ($id: ID!) { job(id: $id) { id } }`, { id: jobId })).body.data.job).toBeNull();
    for (const q of [
      `query ($id: ID!) { events(jobId: $id) { seq } }`,
      `mutation ($id: ID!) { cancelJob(id: $id) { id } }`,
      `mutation ($id: ID!) { retryJob(id: $id) { id } }`,
    ]) {
      expect((await gqlAs(BOB, q, { id: jobId })).body.errors![0]!.extensions.code).toBe("NOT_FOUND");
    }
    const bob = ws(BOB);
    await expect(collect(bob, JOB_EVENTS, { jobId })).rejects.toMatchObject({ errors: [{ extensions: { code: "NOT_FOUND" } }] });
    await bob.dispose();
  });

  it("guards artifact downloads: owner's key or the signed link, nothing else", async () => {
    expect(manualUrl).toContain("token=");
    expect((await fetch(manualUrl)).status).toBe(200); // the signed link alone
    const bare = manualUrl.split("?")[0]!;
    expect((await fetch(bare)).status).toBe(401);
    expect((await fetch(bare, { headers: { authorization: `Bearer ${BOB}` } })).status).toBe(404);
    expect((await fetch(bare, { headers: { authorization: `Bearer ${ALICE}` } })).status).toBe(200);
    expect((await fetch(`${bare}?token=forged`)).status).toBe(404);
  });

  it("follows config for introspection", async () => {
    const r = await gqlAs(ALICE, `{ __schema { queryType { name } } }`);
    expect(r.body.errors![0]!.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
