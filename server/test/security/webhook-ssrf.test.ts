// Webhook URLs cannot aim the server at its own network (SSRF): loopback, private, link-local and
// metadata addresses are refused at createJob (literal or resolved), and again at delivery in the
// socket's own lookup, so a name that rebinds to 127.0.0.1 after createJob reaches nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress, PrivateAddressError } from "../../src/webhooks/address-policy.js";
import { postWebhook } from "../../src/webhooks/post.js";
import { checkWebhookTarget } from "../../src/webhooks/webhook-url.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

let hits = 0;
const receiver = http.createServer((req, res) => {
  hits++;
  req.resume();
  res.writeHead(204).end();
});
let port: number;
let server: TestServer;

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  port = (receiver.address() as AddressInfo).port;
  server = await startTestServer({ webhookSecret: "whsec_test_only" }); // WEBHOOK_ALLOW_PRIVATE off (default)
});
afterAll(async () => {
  await server?.stop();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});

/** createJob with tiny files and the given webhookUrl; the URL is refused before the files matter. */
async function createJobWithHook(hook: string) {
  const form = new FormData();
  const query = "mutation ($pdf: Upload!, $step: Upload!, $hook: String) { createJob(pdf: $pdf, step: $step, webhookUrl: $hook) { id } }";
  form.append("operations", JSON.stringify({ query, variables: { pdf: null, step: null, hook } }));
  form.append("map", JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] }));
  form.append("0", new Blob(["%PDF-1.4\n"], { type: "application/pdf" }), "drawing.pdf");
  form.append("1", new Blob(["ISO-10303-21;"]), "model.step");
  const res = await fetch(server.url, { method: "POST", body: form, headers: { "apollo-require-preflight": "true" } });
  return (await res.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

describe("webhook SSRF", () => {
  it("classifies addresses", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.31.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fd00:ec2::254",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "64:ff9b::a9fe:a9fe",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("createJob refuses loopback, private and metadata URLs, literal or by name", async () => {
    for (const hook of [
      `http://127.0.0.1:${port}/hook`,
      `http://localhost:${port}/hook`,
      "http://169.254.169.254/latest/meta-data",
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      "http://10.0.0.1/",
      "http://2130706433/",
    ]) {
      const r = await createJobWithHook(hook);
      expect(r.errors?.[0]?.extensions, hook).toMatchObject({ code: "BAD_USER_INPUT", argument: "webhookUrl", reason: "WEBHOOK_PRIVATE_ADDRESS" });
      expect(r.errors?.[0]?.message).toMatch(/WEBHOOK_ALLOW_PRIVATE/);
    }
    expect(await server.services.db.job.count()).toBe(0);
    // A public literal passes without any DNS; allowed private when the setting says so.
    await expect(checkWebhookTarget("http://93.184.215.14/hook", true, false)).resolves.toBeUndefined();
    await expect(checkWebhookTarget(`http://127.0.0.1:${port}/hook`, true, true)).resolves.toBeUndefined();
  });

  it("delivery checks the address it connects to (a name that now resolves to loopback is refused)", async () => {
    const before = hits;
    // "localhost" stands for a public name rebound to 127.0.0.1 after createJob accepted it.
    await expect(postWebhook(`http://localhost:${port}/hook`, {}, "{}", 2000, false)).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(postWebhook(`http://127.0.0.1:${port}/hook`, {}, "{}", 2000, false)).rejects.toBeInstanceOf(PrivateAddressError);
    expect(hits).toBe(before);
    // The same request with WEBHOOK_ALLOW_PRIVATE reaches the receiver.
    expect(await postWebhook(`http://localhost:${port}/hook`, {}, "{}", 2000, true)).toEqual({ status: 204 });
    expect(hits).toBe(before + 1);
  });

  it("a delivery whose name resolves to loopback at delivery time is FAILED at once, not retried", async () => {
    const before = hits;
    const { db, events } = server.services;
    const jobId = "ssrf-rebind";
    // As if createJob had accepted the name while it still resolved to a public address.
    await db.job.create({ data: { id: jobId, status: "BENCH", webhookUrl: `http://localhost:${port}/hook` } });
    events.own(jobId);
    await events.append(jobId, { kind: "JOB_CANCELLED", level: "WARN", message: "cancelled", data: { code: "CANCELLED" } }, async (tx) => {
      await tx.job.update({ where: { id: jobId }, data: { status: "CANCELLED", finishedAt: new Date() } });
      return true;
    });
    const deadline = Date.now() + 10_000;
    let row = await db.webhookDelivery.findFirst({ where: { jobId } });
    while (row?.status !== "FAILED") {
      if (Date.now() > deadline) throw new Error(`delivery not FAILED within 10 s: ${JSON.stringify(row)}`);
      await new Promise((r) => setImmediate(r));
      row = await db.webhookDelivery.findFirst({ where: { jobId } });
    }
    expect(row).toMatchObject({ attempts: 1, lastStatusCode: null });
    expect(row.lastError).toMatch(/^WEBHOOK_PRIVATE_ADDRESS: .*127\.0\.0\.1|::1/);
    expect(hits).toBe(before);
  });
});
