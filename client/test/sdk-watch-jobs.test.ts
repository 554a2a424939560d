// The SDK's list helpers against a real server with API keys (jobs stay QUEUED: this is about the
// feed, not the stages): watchJobs yields the caller's changes, comes back after the network cuts
// every connection (onRetry, then onSubscribed again), and stops at once on a refused key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "#test-support/until.js";
import { startTestServer, type TestServer } from "#test-support/test-server.js";
import { createManualForgeClient, fileFrom, ManualForgeError, type JobChange, type ManualForgeClient } from "../src/sdk/index.js";
import { makeInputs } from "./support/inputs.js";
import { startProxy } from "./support/net.js";

describe("SDK watchJobs, listJobs(search), jobCounts, deleteJob", () => {
  let server: TestServer;
  let inputs: { pdf: File; step: File };
  const clients: ManualForgeClient[] = [];
  const open = (url: string, apiKey: string) => {
    const c = createManualForgeClient({ url, apiKey });
    clients.push(c);
    return c;
  };
  const listeners = () => server.services.bus.subscriptions("jobs:changed");
  beforeAll(async () => {
    server = await startTestServer({ apiKeys: ["key-one"] });
    await server.services.dispatcher.stop(0);
    const { pdf, step } = await makeInputs();
    inputs = { pdf: fileFrom(pdf, "Frame-Drawing.pdf"), step: fileFrom(step, "frame.step") };
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.stop();
  });

  it("follows changes, survives a network cut, and lists, counts and deletes", async () => {
    const proxy = await startProxy(new URL(server.url));
    const mf = open(server.url, "key-one");
    const feed = open(proxy.url, "key-one");
    const abort = new AbortController();
    const got: JobChange[] = [];
    const log: string[] = [];
    let notify = () => {};
    const next = () => new Promise<void>((r) => (notify = r));
    const running = (async () => {
      for await (const c of feed.watchJobs({
        signal: abort.signal,
        onSubscribed: ({ first }) => (log.push(first ? "subscribed" : "resubscribed"), notify()),
        onRetry: ({ attempt }) => (log.push(`retry ${attempt}`), notify()),
        maxDelayMs: 300,
      })) {
        got.push(c);
        notify();
      }
    })();
    await until(() => listeners() === 1, "the feed's listener");
    const a = await mf.submitJob(inputs);
    while (!got.some((c) => c.jobId === a.id)) await next();
    expect(got[0]).toMatchObject({ jobId: a.id, status: "QUEUED", deleted: false, job: { id: a.id } });

    proxy.cutAll();
    while (!log.includes("resubscribed")) await next();
    expect(log).toContain("retry 1");
    await until(() => listeners() === 1, "the feed's listener after the cut");
    expect((await mf.cancelJob(a.id)).status).toBe("CANCELLED");
    while (!got.some((c) => c.status === "CANCELLED")) await next();

    expect((await mf.listJobs({ search: "frame-DRAWING" })).edges.map((e) => e.node.id)).toEqual([a.id]);
    expect((await mf.listJobs({ search: "nothing-like-it" })).totalCount).toBe(0);
    expect(await mf.jobCounts()).toMatchObject({ all: 1, cancelled: 1, queued: 0 });
    await mf.deleteJob(a.id);
    while (!got.some((c) => c.deleted)) await next();
    expect(got.at(-1)).toEqual({ jobId: a.id, status: null, deleted: true, job: null });
    await expect(mf.deleteJob(a.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    abort.abort();
    await running;
    await proxy.close();
  });

  it("stops with UNAUTHENTICATED when the server refuses the key", async () => {
    const bad = open(server.url, "wrong-key");
    const err = await (async () => {
      for await (const _ of bad.watchJobs({ maxDelayMs: 100 })) void _;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManualForgeError);
    expect((err as ManualForgeError).code).toBe("UNAUTHENTICATED");
  });
});
