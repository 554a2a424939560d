// The web page as a job manager, in real Chromium: status tabs with counts, search by file name,
// paging, cancel / retry / delete from the list, live updates over jobsChanged (and no polling),
// cancelled shown as cancelled, "not found" for an unknown job, upload byte progress with file
// sizes, accessibility checked by axe-core (WCAG 2 AA), no horizontal overflow at 390 px, and a
// page that recovers by itself after the server restarts.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../server/src/server.js";
import { uploadJob } from "#test-support/graphql-client.js";
import { slowJob, smallJob } from "#test-support/inputs.js";
import { startTestServer, type TestServer } from "#test-support/test-server.js";
import { webFront, type WebFront } from "./support/web-front.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[skip] ${CHROMIUM} not found (apt-get install chromium): the job manager browser test is skipped`);
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const ARTIFACTS = path.join(ROOT, "test-artifacts");

type AxeResult = { violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[] };

/** axe-core in the page, WCAG 2 A + AA rules (colour contrast included); returns the violations. */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() =>
    (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }),
  );
  return (r as AxeResult).violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")} — ${n.failureSummary}`));
}

const noHorizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const tabCount = (page: Page, tab: string) => page.textContent(`[data-tab="${tab}"] .tab-count`);
const listedIds = (page: Page) => page.$$eval("#job-list li[data-job]", (els) => els.map((e) => (e as HTMLElement).dataset.job));

describe.skipIf(!hasChromium)("web page as a job manager (Chromium)", () => {
  let server: TestServer;
  let front: WebFront;
  let browser: Browser;
  let restarted: RunningServer | null = null;
  const up = async (name: string, kind: "small" | "slow" | "bad" = "small") => {
    const inputs = kind === "slow" ? await slowJob(name, 400) : await smallJob(name);
    if (kind === "bad") inputs.pdf.content = Buffer.from("%PDF-1.4\n% not really a drawing\n");
    const r = await uploadJob(server.url, inputs.pdf, inputs.step);
    if (!r.body.data) throw new Error(JSON.stringify(r.body));
    return r.body.data.createJob.id;
  };
  const open = async (width: number, query = "", fakeClock = false) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on("dialog", (d) => void d.accept()); // the delete confirmation
    if (fakeClock) await page.clock.install(); // time flows; fastForward jumps ahead (proves nothing polls)
    await page.goto(`${front.url}${query}`);
    await page.waitForSelector('#connection[data-state="live"]');
    return page;
  };

  beforeAll(async () => {
    await build({ configFile: path.join(ROOT, "client/web/vite.config.ts"), logLevel: "warn" });
    server = await startTestServer({ maxConcurrentJobs: 1 });
    front = await webFront(server.url, path.join(ROOT, "client/web/dist"));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await front?.close();
    await restarted?.close();
    await server?.stop();
  });

  it("lists, counts, searches, pages, cancels, retries and deletes jobs, live and without polling", async () => {
    const page = await open(1280, "?pageSize=2", true);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Live: the jobs appear and move without a reload.
    const row = (id: string) => `#job-list li[data-job="${id}"]`;
    const slow = await up("beta-gear", "slow");
    await page.waitForSelector(`${row(slow)}[data-status="RUNNING"]`, { timeout: 30_000 });
    expect(await page.textContent(row(slow))).toContain("beta-gear.pdf");
    expect(await page.textContent(row(slow))).toContain("beta-gear.step");
    await page.click(`${row(slow)} [data-action="cancel"]`);
    await page.waitForSelector(`${row(slow)}[data-status="CANCELLED"]`, { timeout: 15_000 });
    const small = await up("alpha-frame");
    const bad = await up("gamma-base", "bad");
    await page.waitForSelector(`${row(small)}[data-status="SUCCEEDED"]`, { timeout: 60_000 });
    await expect.poll(() => tabCount(page, "FAILED"), { timeout: 30_000 }).toBe("1");
    expect(await tabCount(page, "ALL")).toBe("3");
    expect(await tabCount(page, "CANCELLED")).toBe("1");
    expect(await tabCount(page, "SUCCEEDED")).toBe("1");

    // No polling: a minute of page time passes, no request goes out.
    let requests = 0;
    page.on("request", () => requests++);
    await page.clock.fastForward(60_000);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(requests).toBe(0);

    // Paging (2 per page here): newest first, then the oldest on page 2.
    expect(await listedIds(page)).toEqual([bad, small]);
    expect(await page.textContent("#jobs-page")).toBe("1–2 of 3");
    await page.click("#jobs-next");
    await expect.poll(() => listedIds(page)).toEqual([slow]);
    expect(await page.textContent("#jobs-page")).toBe("3–3 of 3");
    await page.click("#jobs-prev");
    await expect.poll(() => listedIds(page)).toEqual([bad, small]);

    // Tabs and search.
    await page.click('[data-tab="CANCELLED"]');
    await expect.poll(() => listedIds(page)).toEqual([slow]);
    await page.click('[data-tab="ALL"]');
    await page.fill("#job-search", "ALPHA");
    await page.clock.fastForward(300); // the search box's debounce
    await expect.poll(() => listedIds(page)).toEqual([small]);
    expect(await tabCount(page, "ALL")).toBe("1");
    await page.fill("#job-search", "");
    await page.clock.fastForward(300);
    await expect.poll(() => listedIds(page)).toEqual([bad, small]);

    // A failed job shows its failure code (Job.failureCode) beside the message.
    await page.goto(`${front.url}?pageSize=2#job=${bad}`);
    await page.waitForSelector("#job-note.note-error #job-failure-code", { timeout: 15_000 });
    expect(await page.textContent("#job-failure-code")).toMatch(/^(PDF_[A-Z_]+|NO_TEXT_LAYER)$/);

    // Cancelled is shown as cancelled, not as a failure.
    await page.goto(`${front.url}?pageSize=2#job=${slow}`);
    await page.waitForSelector("#job-note:not([hidden])");
    expect(await page.getAttribute("#job-note", "class")).toContain("note-cancelled");
    expect(await page.textContent("#job-status")).toBe("Cancelled");
    expect(await page.getAttribute("#job-status", "class")).not.toContain("failed");

    // Retry from the list, cancel again, then delete: gone from the list and the counts.
    await page.click(`[data-tab="CANCELLED"]`);
    await page.click(`${row(slow)} [data-action="retry"]`);
    await page.click('[data-tab="ALL"]');
    await page.click("#jobs-next");
    await page.waitForSelector(`${row(slow)}[data-status="RUNNING"], ${row(slow)}[data-status="QUEUED"]`, { timeout: 15_000 });
    await page.click(`${row(slow)} [data-action="cancel"]`);
    await page.waitForSelector(`${row(slow)}[data-status="CANCELLED"]`, { timeout: 15_000 });
    await page.click(`${row(slow)} [data-action="delete"]`);
    await page.waitForSelector("#job-not-found, #upload:not([hidden])"); // the open job went away
    await expect.poll(() => tabCount(page, "ALL")).toBe("2");
    expect(await page.$(row(slow))).toBeNull();

    // An unknown job: "not found" and nothing else.
    await page.goto(`${front.url}#job=no-such-job`);
    await page.waitForSelector("#job-not-found");
    expect(await page.textContent("#job")).toMatch(/^Job not found/);
    expect(await page.$("#cards")).toBeNull();
    expect(await page.$("#log")).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows file sizes and upload byte progress, passes axe-core (WCAG AA), shows keyboard focus and fits 390 px", async () => {
    const page = await open(1280);
    // Every aria-valuenow the upload progressbar takes, recorded in the page.
    await page.evaluate(() => {
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      new MutationObserver(() => {
        const v = document.querySelector("#upload-progress")?.getAttribute("aria-valuenow");
        if (v && w.seen.at(-1) !== v) w.seen.push(v);
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-valuenow"] });
    });
    const inputs = await smallJob("delta-plate");
    const padded = `${inputs.step.content}\n/* ${"x".repeat(1_500_000)} */\n`; // a few MB: progress has something to show
    const payload = [
      { name: "delta-plate.pdf", type: "application/pdf", b64: inputs.pdf.content.toString("base64") },
      { name: "delta-plate.step", type: "application/octet-stream", b64: Buffer.from(padded).toString("base64") },
    ];
    const dt = await page.evaluateHandle((list) => {
      const d = new DataTransfer();
      for (const f of list) d.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      return d;
    }, payload);
    await page.dispatchEvent("#dropzone", "drop", { dataTransfer: dt });
    expect(await page.textContent('[data-slot="step"] .slot-file')).toMatch(/delta-plate\.step · 1\.\d MB/);
    expect(await page.textContent('[data-slot="pdf"] .slot-file')).toMatch(/delta-plate\.pdf · \d+(\.\d)? KB/);
    expect(await axe(page)).toEqual([]);
    await page.click("#submit-job:not([disabled])");
    await page.waitForURL(/#job=/, { timeout: 30_000 });
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.at(-1)).toBe("100");

    // The job page: progressbars, live regions, axe, keyboard focus.
    await page.waitForSelector('[data-stage-card="GENERATE"][data-status="SUCCEEDED"]', { timeout: 60_000 });
    await page.waitForSelector("#bom-table");
    const bars = await page.$$eval('#cards [role="progressbar"]', (els) => els.map((e) => e.getAttribute("aria-valuenow")));
    expect(bars).toEqual(["100", "100", "100", "100", "100"]);
    expect(await page.getAttribute("#job-status", "aria-live")).toBe("polite");
    expect(await page.getAttribute("#log", "aria-live")).toBe("polite");
    expect(await axe(page)).toEqual([]);
    expect(await noHorizontalOverflow(page)).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const cs = getComputedStyle(el);
      return { tag: el.tagName, style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
    });
    expect(ring.tag).not.toBe("BODY");
    expect(ring.style).not.toBe("none");
    expect(ring.width).toBeGreaterThanOrEqual(2);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "web-job-manager.png") });

    // A phone: nothing scrolls sideways, upload form and job page alike, and axe still passes.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noHorizontalOverflow(page)).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "web-job-manager-390.png"), fullPage: true });
    await page.goto(front.url);
    await page.waitForSelector("#dropzone");
    expect(await noHorizontalOverflow(page)).toBe(true);
    await page.close();
  });

  it("recovers by itself after the server restarts: reconnects with backoff and goes live again", async () => {
    const page = await open(1280);
    const port = new URL(server.url).port;
    const { config } = server;
    await server.close();
    await page.waitForSelector('#connection[data-state="reconnecting"]', { timeout: 20_000 });
    restarted = await startServer({ ...config, port: Number(port) }); // same port, database and storage
    await page.waitForSelector('#connection[data-state="live"]', { timeout: 20_000 });
    const id = await up("after-restart");
    await page.waitForSelector(`#job-list li[data-job="${id}"]`, { timeout: 20_000 });
    await page.close();
  });
});
