// How graphql-ws delivers events (http/ws-transport.ts, graphql/shared-subscribe.ts,
// events/event-log.ts): bursts arrive complete and in order, in flushes the event loop can
// breathe between, subscribers with different selections or arguments on one job
// each get their own result, and the keep-alive drops a silent socket but keeps one that is
// still taking data while its pongs are late.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { wsClient } from "../support/graphql-client.js";
import { collect, subscribe } from "../support/subscriptions.js";

let server: TestServer;
let n = 0;
/** Short enough to see several pings in a test, long enough that a busy test process is not taken for a dead peer. */
const KEEPALIVE_MS = 400;

/** A server for the describe block around it; events are appended by the tests, no job runs. */
function useServer(overrides: Parameters<typeof startTestServer>[0] = {}) {
  beforeAll(async () => {
    server = await startTestServer(overrides);
    await server.services.dispatcher.stop(0);
  });
  afterAll(() => server.stop());
}

/** A job whose log is open and owned by this instance, as while a stage runs. */
async function openJob(): Promise<string> {
  const id = `ws-delivery-${++n}`;
  await server.services.db.job.create({ data: { id, status: "RUNNING" } });
  server.services.events.own(id);
  await server.services.events.append(id, { kind: "JOB_STARTED", message: "started" });
  return id;
}

function progress(jobId: string, i: number) {
  return server.services.events.append(jobId, { kind: "STAGE_PROGRESS", stage: "PDF_BOM", progress: i % 100, message: `event ${i}`, data: { i } });
}

function finish(jobId: string) {
  return server.services.events.append(jobId, { kind: "JOB_SUCCEEDED", message: "done" }, (tx) =>
    tx.job.update({ where: { id: jobId }, data: { status: "SUCCEEDED" } }),
  );
}

/** Resolves with a further subscription's first event: the socket's earlier subscribes are live by then. */
async function firstEvent(client: ReturnType<typeof wsClient>, jobId: string): Promise<void> {
  const sub = subscribe(client, `subscription ($id: ID!) { jobEvents(jobId: $id) { seq } }`, { id: jobId });
  await sub.next(undefined, 10_000);
  sub.dispose();
}

describe("graphql-ws delivery", () => {
  useServer();

  it("gives each selection and each afterSeq its own complete, ordered result for a burst of events", async () => {
    const jobId = await openJob();
    const client = wsClient(server.wsUrl);
    try {
      const a = collect<{ jobEvents: { seq: number; kind: string } }>(client, `subscription ($id: ID!) { jobEvents(jobId: $id) { seq kind } }`, {
        id: jobId,
      });
      const b = collect<{ jobEvents: { seq: number; message: string; data: { i?: number } | null } }>(
        client,
        `subscription ($id: ID!) { jobEvents(jobId: $id) { seq message data } }`,
        { id: jobId },
      );
      const c = collect<{ jobEvents: { seq: number; kind: string } }>(
        client,
        `subscription ($id: ID!, $after: Int) { jobEvents(jobId: $id, afterSeq: $after) { seq kind } }`,
        {
          id: jobId,
          after: 1,
        },
      );
      await firstEvent(client, jobId);
      // One burst: all appended in the same tick, so they are published (and written) together.
      await Promise.all(Array.from({ length: 500 }, (_, i) => progress(jobId, i + 1)));
      await finish(jobId);
      const [ra, rb, rc] = await Promise.all([a, b, c]);
      expect(ra.map((r) => r.jobEvents.seq)).toEqual(Array.from({ length: 502 }, (_, i) => i + 1));
      expect(ra[1]!.jobEvents).toEqual({ seq: 2, kind: "STAGE_PROGRESS" });
      expect(rb[1]!.jobEvents).toEqual({ seq: 2, message: "event 1", data: { i: 1 } });
      expect(rb.map((r) => r.jobEvents.data?.i ?? null).slice(1, 501)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      expect(rc.map((r) => r.jobEvents.seq)).toEqual(Array.from({ length: 501 }, (_, i) => i + 2));
    } finally {
      await client.dispose();
    }
  });

  it("writes a burst bigger than a subscriber's live queue in several flushes, the event loop turning between them", async () => {
    const jobId = await openJob();
    const client = wsClient(server.wsUrl);
    try {
      const all = collect<{ jobEvents: { seq: number } }>(client, `subscription ($id: ID!) { jobEvents(jobId: $id) { seq } }`, { id: jobId });
      await firstEvent(client, jobId);
      // A worker that posted 12,000 events while the main thread was busy: all arrive in one tick.
      let stored = 0;
      const burst = Array.from({ length: 12_000 }, (_, i) => progress(jobId, i + 1).then(() => stored++));
      const storedAtNextTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(stored)));
      await Promise.all(burst);
      await finish(jobId);
      expect(storedAtNextTurn).toBeGreaterThan(0);
      expect(storedAtNextTurn).toBeLessThan(12_000); // one flush did not hold the event loop for the whole burst
      expect((await all).map((r) => r.jobEvents.seq)).toEqual(Array.from({ length: 12_002 }, (_, i) => i + 1));
    } finally {
      await client.dispose();
    }
  });
});

describe("graphql-ws keep-alive", () => {
  useServer({ wsKeepAliveMs: KEEPALIVE_MS });

  /** A raw graphql-ws socket that never answers pings (autoPong off). */
  async function silentSubscriber(jobId: string) {
    const ws = new WebSocket(server.wsUrl, "graphql-transport-ws", { autoPong: false });
    const seqs: number[] = [];
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    const completed = new Promise<void>((resolve) =>
      ws.on("message", (raw) => {
        const m = JSON.parse(String(raw));
        if (m.type === "connection_ack") {
          ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: `subscription { jobEvents(jobId: "${jobId}") { seq } }` } }));
        } else if (m.type === "next") seqs.push(m.payload.data.jobEvents.seq);
        else if (m.type === "complete") resolve();
      }),
    );
    await new Promise((r) => ws.once("open", r));
    ws.send(JSON.stringify({ type: "connection_init" }));
    return { ws, seqs, closed, completed };
  }

  it("drops a socket that neither answers pings nor takes data", async () => {
    const jobId = await openJob();
    const sub = await silentSubscriber(jobId);
    const code = await Promise.race([sub.closed, new Promise<string>((r) => setTimeout(() => r("still open after 10 s"), 10_000))]);
    expect(code).toBe(1006); // terminated, no close frame
    expect(sub.seqs).toEqual([1]);
  });

  it("keeps a socket that does not answer pings while it keeps taking events", async () => {
    const jobId = await openJob();
    const sub = await silentSubscriber(jobId);
    let open = true;
    void sub.closed.then(() => (open = false)); // `closed` only ever resolves
    // A steady trickle over ~8 keep-alive intervals: the socket must survive all of them.
    for (let i = 1; i <= 75 && open; i++) {
      await progress(jobId, i);
      await new Promise((r) => setTimeout(r, KEEPALIVE_MS / 10));
    }
    await finish(jobId);
    await Promise.race([sub.completed, sub.closed]);
    expect(open).toBe(true);
    expect(sub.seqs).toEqual(Array.from({ length: 77 }, (_, i) => i + 1));
    sub.ws.close();
  });
});
