// The self-hosted GraphiQL at /graphiql: built from npm by Vite, served entirely by the server
// (no CDN), so it works with every request to another host blocked; it opens with the jobEvents
// subscription and an upload example, and the upload example really uploads. Apollo Sandbox
// stays at GET /graphql with the CSRF header preset and telemetry off.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "#test-support/test-server.js";
import { makeInputs } from "./support/inputs.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[skip] ${CHROMIUM} not found (apt-get install chromium): the GraphiQL browser test is skipped`);

let server: TestServer;
let base: string;

beforeAll(async () => {
  await build({ configFile: path.join(ROOT, "client/explorer/vite.config.ts"), logLevel: "warn" }); // as `npm run build:explorer`
  server = await startTestServer({ sandbox: true, shutdownGraceMs: 0 }); // the uploaded job need not finish
  base = server.url.replace("/graphql", "");
});
afterAll(async () => {
  await server?.stop();
});

describe("GraphiQL at /graphiql", () => {
  it("is served with all its files from this server (no CDN) and preloads jobEvents and an upload", async () => {
    const redirect = await fetch(`${base}/graphiql`, { redirect: "manual" });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("location")).toBe("/graphiql/");
    const html = await (await fetch(`${base}/graphiql/`)).text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    let js = "";
    for (const a of assets) {
      expect(a.startsWith("/graphiql/assets/"), a).toBe(true);
      const res = await fetch(`${base}${a}`);
      expect(res.status, a).toBe(200);
      if (a.endsWith(".js")) js += await res.text();
    }
    for (const s of ["jobEvents", "mutation CreateJob($pdf: Upload!, $step: Upload!)", "apollo-require-preflight"]) expect(js).toContain(s);
  });

  it("Apollo Sandbox keeps the CSRF header preset, with telemetry off", async () => {
    const page = await (await fetch(`${base}/graphql`, { headers: { accept: "text/html" } })).text();
    expect(page).toMatch(/apollo-require-preflight/);
    expect(page).toMatch(/"runTelemetry":false/);
  });

  it.skipIf(!hasChromium)("works in Chromium with every other host blocked, and uploads a job from the file pickers", async () => {
    const browser: Browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const elsewhere: string[] = [];
      await page.route("**/*", (route) => {
        const u = new URL(route.request().url());
        if (u.hostname === "127.0.0.1") return route.continue();
        elsewhere.push(u.href);
        return route.abort();
      });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${base}/graphiql/`);
      await page.waitForSelector(".graphiql-container", { timeout: 20_000 });
      const tabs = await page.$$eval(".graphiql-tab", (els) => els.map((e) => e.textContent?.trim()));
      expect(tabs.join(" ")).toMatch(/WatchJob[\s\S]*CreateJob[\s\S]*RecentJobs/);

      const { pdf, step } = await makeInputs();
      await page.setInputFiles('input[data-variable="pdf"]', { name: "drawing.pdf", mimeType: "application/pdf", buffer: pdf });
      await page.setInputFiles('input[data-variable="step"]', {
        name: "model.step",
        mimeType: "application/octet-stream",
        buffer: Buffer.from(step),
      });
      await page.locator(".graphiql-tab", { hasText: "CreateJob" }).click();
      await page.locator(".graphiql-tab-active", { hasText: "CreateJob" }).waitFor();
      await page.locator(".graphiql-query-editor", { hasText: "mutation CreateJob" }).waitFor();
      // GraphiQL updates the operation name a moment after the tab switch; a click in between
      // sends the previous tab's name ("Unknown operation named WatchJob"). Run again then.
      let body: { data?: { createJob: { id: string; status: string } }; errors?: Array<{ extensions?: { code?: string } }> } = {};
      for (let attempt = 0; attempt < 5; attempt++) {
        const answer = page.waitForResponse(
          (r) => r.url().endsWith("/graphql") && r.request().method() === "POST" && (r.request().postData() ?? "").includes("CreateJob"),
        );
        await page.click(".graphiql-execute-button");
        body = await (await answer).json();
        if (body.errors?.[0]?.extensions?.code !== "OPERATION_RESOLUTION_FAILURE") break;
      }
      expect(["QUEUED", "RUNNING"], JSON.stringify(body)).toContain(body.data?.createJob.status);
      await expect.poll(() => page.textContent(".graphiql-response"), { timeout: 10_000 }).toContain(body.data!.createJob.id);
      expect(elsewhere, "requests to other hosts").toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
