// GRAPHQL_MAX_CONCURRENT: operations run at most N at once over HTTP and graphql-ws together,
// the rest in arrival order, and every way an operation ends gives its slot back: with one
// slot, a leak after any error would leave the next request waiting forever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExecutionGate } from "../../src/graphql/execution-gate.js";
import { gql, wsClient } from "../support/graphql-client.js";
import { subscribe } from "../support/subscriptions.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

describe("ExecutionGate", () => {
  it("runs at most `limit` at once, the rest in arrival order; a release is idempotent", async () => {
    const gate = new ExecutionGate(2);
    const order: number[] = [];
    const a = await gate.acquire();
    const b = await gate.acquire();
    const waiting = [3, 4].map((n) => gate.acquire().then((release) => (order.push(n), release)));
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    a();
    a(); // twice: still one slot
    const r3 = await waiting[0]!;
    expect(order).toEqual([3]);
    expect(gate.load).toEqual({ running: 2, waiting: 1 });
    b();
    const r4 = await waiting[1]!;
    r3();
    r4();
    expect(order).toEqual([3, 4]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe("one slot for the whole server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graphqlMaxConcurrent: 1 });
  });
  afterAll(async () => server?.stop());

  it("every ending frees it: success, parse, validation and cost errors, bad JSON, graphql-ws; 40 at once all answered", async () => {
    expect((await gql(server.url, "{ jobs { totalCount } }")).errors).toBeUndefined();
    expect((await gql(server.url, "{ jobs { ")).errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect((await gql(server.url, "{ nope }")).errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const bomb = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: jobs { totalCount }`).join(" ")} }`;
    expect((await gql(server.url, bomb)).errors?.length).toBeGreaterThan(0);
    const bad = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(bad.status).toBe(400);
    const client = wsClient(server.wsUrl);
    try {
      await expect(subscribe(client, "{ nope }").done(5_000)).rejects.toBeDefined();
      await subscribe(client, "{ jobs { totalCount } }").done(5_000);
    } finally {
      await client.dispose();
    }
    const all = await Promise.all(Array.from({ length: 40 }, () => gql(server.url, "{ jobs(first: 100) { totalCount } }")));
    expect(all.every((r) => r.data?.jobs.totalCount === 0)).toBe(true);
    const health = await fetch(new URL("/healthz", server.url));
    expect(health.status).toBe(200);
  });
});
