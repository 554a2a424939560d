// Webhooks against a real receiver on 127.0.0.1: signed POST on the terminal event, retried with
// backoff while the receiver fails, still delivered after a server restart, recreated from the
// stored event log when its delivery row is missing, and a delivery log per job.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/server.js";
import { verifySignature } from "../../src/webhooks/signature.js";
import { checkWebhookUrl } from "../../src/webhooks/webhook-url.js";
import { createManualForgeClient, verifyWebhook } from "../../../client/src/sdk/index.js";
import { makeInputs } from "../../../client/test/support/inputs.js";
import { gql } from "../support/graphql-client.js";

const SECRET = "whsec_test_only";
interface Hit {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}
const hits: Hit[] = [];
let answer = 500;
let waiters: (() => void)[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    hits.push({ at: Date.now(), headers: req.headers, body, answered: answer });
    res.writeHead(answer).end();
    for (const w of waiters.splice(0)) w();
  });
});
/** Resolves when the receiver has had `n` requests; fails the test after `ms`. */
function hitsReach(n: number, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`receiver got ${hits.length} of ${n} requests in ${ms} ms`)), ms);
    const check = () => {
      if (hits.length >= n) {
        clearTimeout(timer);
        resolve();
      } else waiters.push(check);
    };
    check();
  });
}

let dir: string;
let hookUrl: string;
const servers: RunningServer[] = [];
const start = async () => {
  const s = await startServer({
    host: "127.0.0.1",
    port: 0,
    databaseUrl: `file:${path.join(dir, "t.db")}`,
    storageDir: path.join(dir, "s"),
    poolSize: 2,
    queuePollMs: 200,
    logLevel: "silent",
    webhookSecret: SECRET,
    webhookPollMs: 100,
    webhookRetryBaseMs: 150,
    webhookMaxAttempts: 50,
    webhookTimeoutMs: 2000,
    webhookAllowPrivate: true, // the receiver is on 127.0.0.1
  });
  servers.push(s);
  return s;
};

async function createJobWithWebhook(url: string, webhookUrl: string) {
  const { pdf, step } = await makeInputs();
  const form = new FormData();
  const query = "mutation ($pdf: Upload!, $step: Upload!, $hook: String) { createJob(pdf: $pdf, step: $step, webhookUrl: $hook) { id } }";
  form.append("operations", JSON.stringify({ query, variables: { pdf: null, step: null, hook: webhookUrl } }));
  form.append("map", JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] }));
  form.append("0", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "drawing.pdf");
  form.append("1", new Blob([step]), "model.step");
  const res = await fetch(url, { method: "POST", body: form, headers: { "apollo-require-preflight": "true" } });
  return (await res.json()) as { data?: { createJob: { id: string } }; errors?: { extensions: { code: string } }[] };
}

const DELIVERIES = "query ($id: ID!) { job(id: $id) { webhookDeliveries { id seq kind url status attempts lastStatusCode lastError deliveredAt } } }";

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-hooks-"));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  for (const s of servers) await s.close();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("webhooks", () => {
  it("retry with backoff while the receiver fails, survive a restart, and come back from the event log", async () => {
    const a = await start();
    const mf = createManualForgeClient({ url: a.url });
    const { pdf, step } = await makeInputs();
    const jobId = (
      await mf.submitJob({ pdf: new File([new Uint8Array(pdf)], "drawing.pdf"), step: new File([step], "model.step"), webhookUrl: hookUrl })
    ).id;
    for await (const _ of mf.watchJob(jobId));
    await mf.close();

    // The receiver answers 500: retried, waiting at least 150 ms, then at least 300 ms (doubling).
    await hitsReach(3);
    expect(hits.slice(0, 3).map((h) => JSON.parse(h.body).attempt)).toEqual([1, 2, 3]);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(150);
    expect(hits[2]!.at - hits[1]!.at).toBeGreaterThanOrEqual(300);
    const pending = (await gql(a.url, DELIVERIES, { id: jobId })).data.job.webhookDeliveries;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      kind: "JOB_SUCCEEDED",
      url: hookUrl,
      status: "PENDING",
      lastStatusCode: 500,
      lastError: "HTTP 500",
      deliveredAt: null,
    });
    expect(pending[0].attempts).toBeGreaterThanOrEqual(3);

    // Restart: the new server delivers what the old one could not.
    await a.close();
    answer = 200;
    const b = await start();
    const before = hits.length;
    await hitsReach(before + 1);
    const ok = hits.at(-1)!;
    expect(ok.answered).toBe(200);
    expect(verifySignature(String(ok.headers["manualforge-signature"]), ok.body, SECRET)).toBe(true);
    expect(verifySignature(String(ok.headers["manualforge-signature"]), ok.body.replace("JOB_", "JOB-"), SECRET)).toBe(false);
    expect(verifySignature(String(ok.headers["manualforge-signature"]), ok.body, "another-secret")).toBe(false);
    // The SDK's receiver-side check (Web Crypto) agrees.
    expect(await verifyWebhook(ok.body, String(ok.headers["manualforge-signature"]), SECRET)).toBe(true);
    expect(await verifyWebhook(ok.body + " ", String(ok.headers["manualforge-signature"]), SECRET)).toBe(false);
    const body = JSON.parse(ok.body);
    expect(body).toMatchObject({
      id: `${jobId}:${pending[0].seq}`,
      type: "job.succeeded",
      jobId,
      kind: "JOB_SUCCEEDED",
      status: "SUCCEEDED",
      seq: pending[0].seq,
    });
    expect(new Set(hits.map((h) => h.headers["manualforge-delivery"]))).toEqual(new Set([body.id])); // one id across retries
    let log = (await gql(b.url, DELIVERIES, { id: jobId })).data.job.webhookDeliveries;
    expect(log[0]).toMatchObject({ status: "DELIVERED", lastStatusCode: 200, lastError: null });

    // A delivery row lost (crash between the terminal event and its row): made again from the log.
    await b.services.db.webhookDelivery.deleteMany({ where: { jobId } });
    await hitsReach(before + 2);
    expect(JSON.parse(hits.at(-1)!.body).id).toBe(body.id);
    log = (await gql(b.url, DELIVERIES, { id: jobId })).data.job.webhookDeliveries;
    expect(log[0]).toMatchObject({ status: "DELIVERED", attempts: 1 });

    // Bad URLs are typed input errors, and nothing is queued.
    const bad = await createJobWithWebhook(b.url, "ftp://127.0.0.1/x");
    expect(bad.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(() => checkWebhookUrl(hookUrl, false)).toThrow(/WEBHOOK_SECRET/);
  });
});
