// A graphql-ws client that never reads while it runs many heavy queries: the server's queue of
// unsent bytes on that socket stays within twice WS_HIGH_WATER_MARK (plus the message being
// written) instead of growing with every result, and once the client reads again every result
// arrives. The transport is the server's own (serveGraphqlWs) on a real socket; the schema is a
// one-field stand-in whose results are large and cheap to make, so the backlog forms quickly.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { serveGraphqlWs } from "../../src/http/ws-transport.js";
import { until } from "../support/until.js";

const HWM = 64 * 1024;
const RESULT = "x".repeat(64 * 1024);
// 400 × 64 KB ≈ 26 MB: well past what loopback's kernel buffers absorb, so the backlog forms.
const QUERIES = 400;

let resolved = 0;
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      big: {
        type: GraphQLString,
        resolve: () => {
          resolved++;
          return RESULT;
        },
      },
    },
  }),
});

let httpServer: http.Server;
let wss: WebSocketServer;
let transport: { dispose(): Promise<void> };
/** bufferedAmount of the server's socket just before each send, and how many sends were made. */
const seen = { maxBefore: 0, sends: 0 };

beforeAll(async () => {
  httpServer = http.createServer();
  wss = new WebSocketServer({ server: httpServer, path: "/graphql" });
  // Registered before the transport's listener: wraps the server-side socket's send to watch its queue.
  wss.on("connection", (socket) => {
    const send = socket.send.bind(socket) as (data: string, cb?: (err?: Error) => void) => void;
    (socket as unknown as { send: typeof send }).send = (data, cb) => {
      seen.maxBefore = Math.max(seen.maxBefore, socket.bufferedAmount);
      seen.sends++;
      send(data, cb);
    };
  });
  // Room for every result here; the cap on what waits is the next test's.
  transport = serveGraphqlWs({ schema }, wss, { keepAliveMs: 0, highWaterMark: HWM, maxWaitingBytes: 64 << 20 });
  await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  await transport?.dispose();
  await new Promise((r) => httpServer.close(r));
});

describe("slow reader", () => {
  it("queued bytes stay bounded while the client reads nothing, and every result arrives once it reads", async () => {
    const { port } = httpServer.address() as AddressInfo;
    const client = new WebSocket(`ws://127.0.0.1:${port}/graphql`, "graphql-transport-ws");
    const results = new Set<string>();
    let acked!: () => void;
    const ack = new Promise<void>((r) => (acked = r));
    client.on("message", (data) => {
      const msg = JSON.parse(String(data));
      if (msg.type === "connection_ack") acked();
      if (msg.type === "next") {
        expect(msg.payload.data.big.length).toBe(RESULT.length);
        results.add(msg.id);
      }
    });
    await new Promise((r, j) => client.once("open", r).once("error", j));
    client.send(JSON.stringify({ type: "connection_init" }));
    await ack;

    // Stop reading: the kernel buffers fill, then the server's own queue would grow.
    const raw = (client as unknown as { _socket: Socket })._socket;
    raw.pause();
    for (let i = 0; i < QUERIES; i++) client.send(JSON.stringify({ id: String(i), type: "subscribe", payload: { query: "{ big }" } }));
    await until(() => resolved === QUERIES, "every query executed", 15_000);
    // The backlog formed (the test is not vacuous): sends saw the queue past the mark…
    await until(() => seen.maxBefore > HWM, "server-side queue past the high-water mark", 15_000);
    // …but no send was queued above twice the mark, and fewer results left than were made.
    expect(seen.maxBefore).toBeLessThanOrEqual(2 * HWM);
    expect(seen.sends).toBeLessThan(2 * QUERIES + 1); // ack + next + complete each, had all gone out

    raw.resume();
    await until(() => results.size === QUERIES, "all results delivered after the client reads again", 15_000);
    expect(seen.maxBefore).toBeLessThanOrEqual(2 * HWM);
    client.close();
  });
});
