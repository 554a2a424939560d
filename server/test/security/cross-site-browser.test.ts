// Cross-site WebSocket hijacking from a real browser: a page on another origin (another port)
// tries to open the API's WebSocket and to call it with fetch. Chromium sends its true Origin,
// the upgrade is refused (403), and the fetch gets no CORS permission.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[skip] ${CHROMIUM} not found (apt-get install chromium): the cross-site browser test is skipped`);

describe.skipIf(!hasChromium)("a page on another origin, in Chromium", () => {
  let server: TestServer;
  let evil: http.Server;
  let evilUrl: string;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    evil = http.createServer((_req, res) => res.setHeader("content-type", "text/html").end("<!doctype html><title>evil</title>"));
    await new Promise<void>((r) => evil.listen(0, "127.0.0.1", r));
    // "localhost" vs the API's 127.0.0.1: another origin (and another port).
    evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => evil?.close(r));
    await server?.stop();
  });

  it("cannot open the WebSocket nor read a fetch result", async () => {
    const page = await browser.newPage();
    await page.goto(evilUrl);
    const ws = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const s = new WebSocket(url, "graphql-transport-ws");
          s.onopen = () => resolve("open");
          s.onclose = (e) => resolve(`closed ${e.code}`);
        }),
      server.wsUrl,
    );
    expect(ws).toBe("closed 1006"); // the upgrade was refused
    const fetched = await page.evaluate(async (url) => {
      try {
        const r = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ jobs(first: 1) { totalCount } }" }),
        });
        return `read ${r.status}`;
      } catch (e) {
        return `blocked ${(e as Error).name}`;
      }
    }, server.url);
    expect(fetched).toBe("blocked TypeError");
    await page.close();
  });

  it("opens the WebSocket from the server's own origin (the control)", async () => {
    const page = await browser.newPage();
    await page.goto(new URL("/healthz", server.url).href);
    const ws = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const s = new WebSocket(url, "graphql-transport-ws");
          s.onopen = () => {
            resolve("open");
            s.close();
          };
          s.onclose = (e) => resolve(`closed ${e.code}`);
        }),
      server.wsUrl,
    );
    expect(ws).toBe("open");
    await page.close();
  });
});
