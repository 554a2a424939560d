// Browser origins: a foreign Origin cannot open the WebSocket (403 before the upgrade) nor get
// CORS headers; the server's own origin and CORS_ORIGINS can; preflights are answered at once.
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server.js";

const EVIL = "http://evil.example";
const PARTNER = "https://partner.example.com";

/** Opens a raw WebSocket with an Origin; resolves with the HTTP status of a refused upgrade, or "open". */
function tryUpgrade(url: string, origin: string | undefined): Promise<number | "open"> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, "graphql-transport-ws", origin ? { origin } : {});
    ws.once("open", () => {
      ws.close();
      resolve("open");
    });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("error", (err) => (err.message.includes("Unexpected server response") ? undefined : reject(err)));
  });
}

describe("origins", () => {
  let server: TestServer;
  let origin: string;
  beforeAll(async () => {
    server = await startTestServer({ corsOrigins: [PARTNER] });
    origin = new URL(server.url).origin;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a foreign Origin's WebSocket upgrade with 403 and accepts own, listed and no Origin", async () => {
    expect(await tryUpgrade(server.wsUrl, EVIL)).toBe(403);
    expect(await tryUpgrade(server.wsUrl, "null")).toBe(403);
    // A page on another site whose DNS name points at 127.0.0.1 (DNS rebinding) is not same-origin.
    expect(await tryUpgrade(server.wsUrl, `http://rebind.example:${new URL(server.url).port}`)).toBe(403);
    expect(await tryUpgrade(server.wsUrl, origin)).toBe("open");
    expect(await tryUpgrade(server.wsUrl, PARTNER)).toBe("open");
    expect(await tryUpgrade(server.wsUrl, undefined)).toBe("open"); // not a browser: no cross-site risk
  });

  it("runs no mutation for a foreign Origin over graphql-ws", async () => {
    const client = createClient({
      url: server.wsUrl,
      retryAttempts: 0,
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols: string | string[]) {
          super(url, protocols, { origin: EVIL });
        }
      },
    });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: `mutation { retryJob(id: "nope") { id } }` }, { next: resolve, error: resolve, complete: () => resolve("complete") });
    });
    // The socket never opened: the client reports the failed connection, not a result.
    expect(outcome).not.toHaveProperty("data");
    await client.dispose();
  });

  it("answers preflights for allowed origins and refuses foreign ones", async () => {
    const pre = (o: string) =>
      fetch(server.url, {
        method: "OPTIONS",
        headers: { origin: o, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
      });
    const ok = await pre(PARTNER);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(PARTNER);
    expect(ok.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    expect(ok.headers.get("access-control-allow-credentials")).toBe("true");
    const bad = await pre(EVIL);
    expect(bad.status).toBe(403);
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sets CORS headers on results and artifacts for allowed origins only", async () => {
    const post = (o: string) =>
      fetch(server.url, {
        method: "POST",
        headers: { origin: o, "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
    expect((await post(PARTNER)).headers.get("access-control-allow-origin")).toBe(PARTNER);
    expect((await post(EVIL)).headers.get("access-control-allow-origin")).toBeNull();
    const artifact = await fetch(new URL("/artifacts/none/manual.pdf", server.url), { headers: { origin: PARTNER } });
    expect(artifact.status).toBe(404);
    expect(artifact.headers.get("access-control-allow-origin")).toBe(PARTNER);
    const foreign = await fetch(new URL("/artifacts/none/manual.pdf", server.url), { headers: { origin: EVIL } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("CORS_ORIGINS=*", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ corsOrigins: ["*"] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("allows any origin without credentials", async () => {
    const res = await fetch(server.url, { method: "OPTIONS", headers: { origin: EVIL, "access-control-request-method": "POST" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(await tryUpgrade(server.wsUrl, EVIL)).toBe("open");
  });
});
