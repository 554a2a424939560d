// Results that already ran for a graphql-ws client that reads nothing wait in the server's
// memory. They are bounded twice: on the real server, at most WS_MAX_OPERATIONS_IN_FLIGHT
// queries per socket run or wait at once (more get TOO_MANY_OPERATIONS); and in the transport,
// once WS_MAX_WAITING_BYTES of results wait, the socket is closed with 4413 and they are
// dropped. Other clients are unaffected. Raw `ws` clients whose socket is paused.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { SLOW_READER_CLOSE_CODE, serveGraphqlWs } from "../../src/http/ws-transport.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { until } from "../support/until.js";

const HWM = 64 * 1024;
const WAITING = 1 << 20;
const RESULT = "x".repeat(64 * 1024);
const QUERIES = 400; // 26 MB of results: far past what may wait

interface Peer {
  ws: WebSocket;
  raw: Socket;
  messages: { id?: string; type: string; payload?: unknown }[];
  closed: Promise<{ code: number; reason: string }>;
}

/** A graphql-transport-ws client, acknowledged, that records every message. */
async function connect(url: string): Promise<Peer> {
  const ws = new WebSocket(url, "graphql-transport-ws");
  const messages: Peer["messages"] = [];
  let acked!: () => void;
  const ack = new Promise<void>((r) => (acked = r));
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    messages.push(msg);
    if (msg.type === "connection_ack") acked();
  });
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.once("close", (code, reason) => r({ code, reason: String(reason) })));
  await new Promise((r, j) => ws.once("open", r).once("error", j));
  ws.send(JSON.stringify({ type: "connection_init" }));
  await ack;
  return { ws, raw: (ws as unknown as { _socket: Socket })._socket, messages, closed };
}

const subscribe = (p: Peer, id: string, query: string) => p.ws.send(JSON.stringify({ id, type: "subscribe", payload: { query } }));

describe("transport: results waiting for a client that reads nothing", () => {
  let resolved = 0;
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: "Query",
      fields: {
        big: { type: GraphQLString, resolve: () => (resolved++, RESULT) },
        small: { type: GraphQLString, resolve: () => "ok" },
      },
    }),
  });
  let httpServer: http.Server;
  let transport: ReturnType<typeof serveGraphqlWs>;
  let url = "";
  beforeAll(async () => {
    httpServer = http.createServer();
    const wss = new WebSocketServer({ server: httpServer, path: "/graphql" });
    transport = serveGraphqlWs({ schema }, wss, { keepAliveMs: 0, highWaterMark: HWM, maxWaitingBytes: WAITING });
    await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", r));
    url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await transport?.dispose();
    await new Promise((r) => httpServer.close(r));
  });

  it(`closes the socket with ${SLOW_READER_CLOSE_CODE} once WS_MAX_WAITING_BYTES wait; what waited is dropped; another client is served`, async () => {
    const slow = await connect(url);
    slow.raw.pause();
    let maxWaiting = 0;
    const sampler = setInterval(() => (maxWaiting = Math.max(maxWaiting, transport.waitingBytes())), 1);
    for (let i = 0; i < QUERIES; i++) subscribe(slow, String(i), "{ big }");
    // The server gives up on the socket: nothing is left waiting once the cap is reached.
    await until(() => resolved > WAITING / RESULT.length && transport.waitingBytes() === 0, "the waiting results dropped", 15_000);

    const other = await connect(url);
    subscribe(other, "a", "{ small }");
    await until(() => other.messages.some((m) => m.type === "complete"), "another client's query answered", 5_000);
    expect(other.messages.find((m) => m.type === "next")?.payload).toEqual({ data: { small: "ok" } });

    slow.raw.resume(); // reads what was queued, then the close frame
    const { code, reason } = await slow.closed;
    clearInterval(sampler);
    expect(code).toBe(SLOW_READER_CLOSE_CODE);
    expect(reason).toMatch(/Slow reader/);
    expect(maxWaiting).toBeLessThanOrEqual(WAITING);
    expect(slow.messages.filter((m) => m.type === "next").length).toBeLessThan(QUERIES / 2);
    other.ws.close();
  });
});

describe("server: queries in flight per socket", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ wsMaxOperationsInFlight: 3 });
  });
  afterAll(async () => server?.stop());

  it("past WS_MAX_OPERATIONS_IN_FLIGHT a query is refused with TOO_MANY_OPERATIONS; answered ones free their place", async () => {
    const p = await connect(server.wsUrl);
    const q = "{ jobs(first: 100) { totalCount } }";
    // One burst: the server takes all 40 in while the first three still wait for the database.
    for (let i = 0; i < 40; i++) subscribe(p, String(i), q);
    await until(() => p.messages.filter((m) => m.type === "complete" || m.type === "error").length === 40, "every operation answered", 10_000);
    const refused = p.messages.filter((m) => m.type === "error");
    for (const e of refused) expect((e.payload as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe("TOO_MANY_OPERATIONS");
    expect(refused.length).toBeGreaterThan(0);
    expect(p.messages.filter((m) => m.type === "complete").length).toBeGreaterThanOrEqual(3);
    // Once answered, the place is free again.
    subscribe(p, "later", q);
    await until(() => p.messages.some((m) => m.id === "later" && m.type === "complete"), "a later query answered", 5_000);
    p.ws.close();
  });
});
