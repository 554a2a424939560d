// The web page in real Chromium (Debian's, driven by playwright-core): drop a drawing and a STEP
// assembly, watch the four stage cards complete, reload mid-job and see the view resume from the
// event log, then check the BOM table, the manual link and the job list. Saves a screenshot.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS1_BOM } from "#test-support/inputs.js";
import { makeBomPdf } from "#test-support/make-bom-pdf.js";
import { startTestServer, type TestServer } from "#test-support/test-server.js";
import { gql, uploadJob } from "#test-support/graphql-client.js";
import { installedLanguages } from "../../server/src/stages/pdf-ocr/languages.js";
import { makeInputs, notesOnlyPdf, ROWS } from "./support/inputs.js";
import { webFront, type WebFront } from "./support/web-front.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[skip] ${CHROMIUM} not found (apt-get install chromium): the web page browser test is skipped`);
const AS1 = path.resolve(ROOT, "../shared/fixtures/step/as1-oc-214.stp");
const ARTIFACTS = path.join(ROOT, "test-artifacts");

/** The shared AS1 fixture when present (a real CAD export), else a generated assembly. */
async function inputs() {
  if (fs.existsSync(AS1)) {
    const pdf = await makeBomPdf({ title: "AS1 bracket assembly", drawingNumber: "AS1-000", rows: AS1_BOM });
    return { pdf, pdfName: "as1-drawing.pdf", step: fs.readFileSync(AS1), stepName: "as1-oc-214.stp", rows: AS1_BOM };
  }
  const g = await makeInputs();
  return { pdf: g.pdf, pdfName: "drawing.pdf", step: Buffer.from(g.step), stepName: "assembly.step", rows: ROWS };
}

/** Drops files on the drop zone the way a browser does: a drop event carrying a DataTransfer. */
async function dropFiles(page: Page, files: Array<{ name: string; type: string; bytes: Buffer }>) {
  const payload = files.map((f) => ({ name: f.name, type: f.type, b64: f.bytes.toString("base64") }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return dt;
  }, payload);
  await page.dispatchEvent("#dropzone", "drop", { dataTransfer });
}

const cardStatuses = (page: Page) => page.$$eval("[data-stage-card]", (els) => els.map((e) => (e as HTMLElement).dataset.status));

describe.skipIf(!hasChromium)("web page in Chromium", () => {
  let server: TestServer;
  let front: WebFront;
  let browser: Browser;

  beforeAll(async () => {
    // Build the page exactly as `npm run build:client` does.
    await build({ configFile: path.join(ROOT, "client/web/vite.config.ts"), logLevel: "warn" });
    server = await startTestServer();
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
    await server?.stop();
  });

  it("runs a job from dropped files to a manual, surviving a reload mid-job", async () => {
    const input = await inputs();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(front.url);
    await expect.poll(() => page.textContent("h1")).toBe("New manual");

    await dropFiles(page, [
      { name: input.pdfName, type: "application/pdf", bytes: input.pdf },
      { name: input.stepName, type: "application/octet-stream", bytes: input.step },
    ]);
    // The optional OCR languages field reaches createJob (only where tesseract has them installed).
    const langs = installedLanguages().has("deu") ? ["eng", "deu"] : [];
    await page.fill("#ocr-languages", langs.join(", "));
    await page.click("#submit-job:not([disabled])");
    await page.waitForURL(/#job=/);
    const jobId = new URLSearchParams(new URL(page.url()).hash.slice(1)).get("job")!;
    expect(jobId).toBeTruthy();
    const asked = await gql(server.url, `query ($id: ID!) { job(id: $id) { ocrLanguages } }`, { id: jobId });
    expect(asked.data.job.ocrLanguages).toEqual(langs.length ? langs : null);

    // Reload as soon as the first card is done: the view must come back from the event log.
    await page.waitForSelector('[data-stage-card="PDF_BOM"][data-status="SUCCEEDED"]', { timeout: 45_000 });
    const before = await cardStatuses(page);
    await page.reload();
    await page.waitForSelector('[data-stage-card="PDF_BOM"][data-status="SUCCEEDED"]', { timeout: 10_000 });
    const after = await cardStatuses(page);
    after.forEach((s, i) => expect(s === "SUCCEEDED" || before[i] !== "SUCCEEDED", `card ${i} went back after reload`).toBe(true));
    expect(await page.$$eval("#log li", (l) => l.length)).toBeGreaterThan(2);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "web-page-reloaded.png") });

    await expect.poll(() => cardStatuses(page), { timeout: 45_000, interval: 200 }).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    expect(await page.textContent('[data-stage-card="PDF_BOM"]')).toContain(`${input.rows.length} rows found`);
    expect(await page.textContent('[data-stage-card="PDF_DEEP+STEP_EXTRACT"]')).toMatch(/\d+ parts found/);
    expect(await page.textContent('[data-stage-card="MATCHING"]')).toContain("100% matched");
    expect(await page.textContent('[data-stage-card="GENERATE"]')).toMatch(/\d+ steps generated/);

    // BOM table with match status, the manual link, the job list.
    await page.waitForSelector("#bom-table tbody tr[data-match=matched]");
    await expect
      .poll(() => page.$$eval("#bom-table tbody tr", (rows) => rows.map((r) => (r as HTMLElement).dataset.match)))
      .toEqual(input.rows.map(() => "matched"));
    const names = await page.$$eval("#bom-table tbody tr td:nth-child(3)", (tds) => tds.map((t) => t.textContent));
    expect(names).toEqual(input.rows.map((r) => r.name));
    const href = await page.getAttribute("#manual-link:not([hidden])", "href");
    expect(href).toMatch(new RegExp(`/artifacts/${jobId}/manual\\.html`));
    const manual = await page.request.get(href!);
    expect(manual.status()).toBe(200);
    expect(await manual.text()).toContain(input.rows[0]!.name);
    await expect.poll(() => page.getAttribute(`#job-list li[data-job="${jobId}"]`, "data-status"), { timeout: 10_000 }).toBe("SUCCEEDED");
    expect(await page.textContent("#job-status")).toBe("Succeeded");
    // A matched job: no amber badge, no warnings panel.
    expect(await page.isHidden("#needs-review")).toBe(true);
    expect(await page.$("#review")).toBeNull();

    await page.evaluate(() => document.querySelectorAll<HTMLElement>("#log").forEach((l) => (l.scrollTop = l.scrollHeight)));
    await page.screenshot({ path: path.join(ARTIFACTS, "web-page.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an amber needs-review badge, the warnings and the unmatched CAD parts", async () => {
    const g = await makeInputs();
    const up = await uploadJob(server.url, { name: "notes-only.pdf", content: await notesOnlyPdf() }, { name: "assembly.step", content: g.step });
    const jobId: string = up.body.data!.createJob.id;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${front.url}/#job=${jobId}`);
    await page.waitForSelector("#needs-review:not([hidden])", { timeout: 45_000 });
    expect(await page.textContent("#needs-review")).toContain("Needs review");
    expect(await page.getAttribute("#review", "data-needs-review")).toBe("true");
    expect(await page.textContent('#warnings li[data-code="BOM_NOT_FOUND"]')).toMatch(/No parts list found/);
    const unmatched = await page.textContent("#unmatched-parts");
    for (const name of ["base plate", "bracket", "pin"]) expect(unmatched).toContain(name);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "web-needs-review.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the upload form, and the not-built message when dist is missing", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(front.url);
    await page.waitForSelector("#dropzone");
    expect(await page.isDisabled("#submit-job")).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, "web-upload.png") });
    await page.close();
    const empty = await webFront(server.url, path.join(ARTIFACTS, "no-such-dist"));
    if (empty.proxied) {
      const res = await fetch(empty.url);
      expect(res.status).toBe(404);
      expect(await res.text()).toMatch(/web page is not built\. Run `npm run build:client`/);
    }
    await empty.close();
  });
});
