// Inputs that used to end in a misleading or lingering state: page content encoded with an image
// (or unknown) filter is PDF_UNSUPPORTED_FILTER, not NO_TEXT_LAYER; the job folder of an upload
// killed mid-way (no job row) is removed at start once stale, never a live job's folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unreadableContent } from "../../src/stages/pdf-text/content-filters.js";
import { rawPdf } from "../support/bad-files.js";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { collect, JOB_EVENTS } from "../support/subscriptions.js";
import { smallJob } from "../support/inputs.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { until } from "../support/until.js";

/** A one-page PDF whose content stream (plain text operators) claims the given filter. */
function contentWithFilter(filter: string): Buffer {
  const content = "BT /F1 12 Tf 72 720 Td (Item Part Qty) Tj ET";
  return rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length}${filter ? ` /Filter ${filter}` : ""} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]);
}

describe("page content with a filter no reader decodes", () => {
  it("names the page and the filter", () => {
    const dct = unreadableContent(new Uint8Array(contentWithFilter("/DCTDecode")));
    expect(dct?.code).toBe("PDF_UNSUPPORTED_FILTER");
    expect(dct?.message).toMatch(/page 1 .*\/DCTDecode, an image filter/);
    expect(unreadableContent(new Uint8Array(contentWithFilter("[/JBIG2Decode]")))?.code).toBe("PDF_UNSUPPORTED_FILTER");
    expect(unreadableContent(new Uint8Array(contentWithFilter("/NoSuchDecode")))?.message).toMatch(/not part of PDF/);
    expect(unreadableContent(new Uint8Array(contentWithFilter("")))).toBeNull();
    expect(unreadableContent(new Uint8Array(contentWithFilter("/ASCIIHexDecode")))).toBeNull();
  });
});

describe("end to end", () => {
  let server: TestServer;
  let good: Awaited<ReturnType<typeof smallJob>>;
  let deadDir: string;
  let freshDir: string;
  beforeAll(async () => {
    good = await smallJob("dead-inputs");
    // Two job folders without rows, as a server killed mid-upload leaves them: one stale, one fresh.
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), "mf-orphans-"));
    deadDir = path.join(storage, "jobs", randomUUID());
    freshDir = path.join(storage, "jobs", randomUUID());
    for (const d of [deadDir, freshDir]) fs.mkdirSync(path.join(d, "inputs"), { recursive: true });
    fs.writeFileSync(path.join(deadDir, "inputs", "pdf-0-a.pdf"), "%PDF-1.4\n");
    const old = new Date(Date.now() - 3_600_000);
    for (const p of [path.join(deadDir, "inputs", "pdf-0-a.pdf"), path.join(deadDir, "inputs"), deadDir]) fs.utimesSync(p, old, old);
    server = await startTestServer({ storageDir: storage, stagingStaleMs: 60_000 });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.config.storageDir, { recursive: true, force: true });
  });

  it("a PDF whose page content is /DCTDecode → FAILED PDF_UNSUPPORTED_FILTER, not NO_TEXT_LAYER", async () => {
    const up = await uploadJob(server.url, { name: "in.pdf", content: contentWithFilter("/DCTDecode") }, good.step);
    expect(up.body.errors, JSON.stringify(up.body.errors)).toBeUndefined();
    const jobId = up.body.data!.createJob.id;
    const client = wsClient(server.wsUrl);
    await collect(client, JOB_EVENTS, { jobId }, 30_000);
    await client.dispose();
    const job = (await gql(server.url, "query ($id: ID!) { job(id: $id) { status errorCode errorStage errorMessage } }", { id: jobId })).data.job;
    expect(job).toMatchObject({ status: "FAILED", errorCode: "PDF_UNSUPPORTED_FILTER", errorStage: "PDF_BOM" });
    expect(job.errorMessage).toMatch(/DCTDecode/);
    // Its own folder (a job row exists) is kept by the sweep.
    expect(fs.existsSync(path.join(server.config.storageDir, "jobs", jobId))).toBe(true);
  });

  it("removes a stale job folder with no job row at start, keeps a fresh one", async () => {
    await until(() => !fs.existsSync(deadDir), "stale orphan job folder removed");
    expect(fs.existsSync(freshDir)).toBe(true);
  });
});
