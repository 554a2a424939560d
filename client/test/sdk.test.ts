// The SDK against a real server: uploads, typed queries, artifact download, cancel/retry, API
// keys, and watchJob resuming across dropped sockets with every seq seen exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "#test-support/test-server.js";
import { createManualForgeClient, fileFrom, ManualForgeError, type JobEvent, type ManualForgeClient } from "../src/sdk/index.js";
import { makeInputs, PART_NAMES, ROWS } from "./support/inputs.js";
import { closedPort, startProxy, subscribedAfterSeqs, trackingWebSocket } from "./support/net.js";

let server: TestServer;
let inputs: { pdf: File; step: File };
const clients: ManualForgeClient[] = [];
const open = (o: Parameters<typeof createManualForgeClient>[0]) => {
  const c = createManualForgeClient(o);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  server = await startTestServer();
  const { pdf, step } = await makeInputs();
  inputs = { pdf: fileFrom(pdf, "drawing.pdf"), step: fileFrom(step, "assembly.step") };
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.stop();
});

const seqs = (events: JobEvent[]) => events.map((e) => e.seq);
const oneToN = (events: JobEvent[]) => events.map((_, i) => i + 1);

describe("ManualForge SDK", () => {
  it("submits, watches to the end, reads the job and downloads the manual", async () => {
    const mf = open({ url: server.url.replace("/graphql", "") }); // base URL is enough
    const job = await mf.submitJob(inputs);
    expect(["QUEUED", "RUNNING"]).toContain(job.status);
    expect(job.inputs.map((i) => i.role).sort()).toEqual(["PDF", "STEP"]);

    const events: JobEvent[] = [];
    for await (const ev of mf.watchJob(job.id)) events.push(ev);
    expect(seqs(events)).toEqual(oneToN(events));
    expect(events.at(-1)!.kind).toBe("JOB_SUCCEEDED");

    const done = await mf.getJob(job.id);
    expect(done!.status).toBe("SUCCEEDED");
    expect(done!.bom.map((r) => r.name)).toEqual(ROWS.map((r) => r.name));
    expect(done!.matches.filter((m) => m.partIndex !== null)).toHaveLength(ROWS.length);
    expect(done!.manualUrl).toMatch(/\/artifacts\/.+\/manual\.html$/);

    const manual = await mf.downloadArtifact(done!.manualUrl!);
    expect(manual.name).toBe("manual.html");
    const html = new TextDecoder().decode(manual.bytes);
    for (const name of PART_NAMES) expect(html).toContain(name);
    const pdf = await mf.downloadArtifact(job.id, "manual.pdf");
    expect(new TextDecoder().decode(pdf.bytes.subarray(0, 5))).toBe("%PDF-");

    const list = await mf.listJobs({ status: "SUCCEEDED", first: 5 });
    expect(list.edges.map((e) => e.node.id)).toContain(job.id);
    expect(await mf.getJob("no-such-job")).toBeNull();
    // From the middle: only what follows, then the end.
    const tail: JobEvent[] = [];
    for await (const ev of mf.watchJob(job.id, { afterSeq: events.length - 3 })) tail.push(ev);
    expect(seqs(tail)).toEqual(seqs(events).slice(-3));
  });

  it("resumes with afterSeq after the client's socket is terminated mid-job: no gap, no duplicate", async () => {
    const { Tracked, sockets, sent } = trackingWebSocket();
    const mf = open({ url: server.url, webSocketImpl: Tracked });
    const job = await mf.submitJob(inputs);
    const events: JobEvent[] = [];
    let droppedAt = 0;
    for await (const ev of mf.watchJob(job.id)) {
      events.push(ev);
      if (ev.seq === 3) {
        droppedAt = ev.seq;
        sockets.at(-1)!.terminate(); // like a dead network: no close handshake
      }
    }
    expect(droppedAt).toBe(3);
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    const afterSeqs = subscribedAfterSeqs(sent);
    expect(afterSeqs[0]).toBe(0);
    expect(afterSeqs[1]).toBeGreaterThanOrEqual(droppedAt); // resumed from the last seq seen, not 0
    expect(seqs(events)).toEqual(oneToN(events));
    expect(events.at(-1)!.kind).toBe("JOB_SUCCEEDED");
  });

  it("resumes after the network drops every connection mid-job (proxy cut)", async () => {
    const proxy = await startProxy(new URL(server.url));
    try {
      const { Tracked, sent } = trackingWebSocket();
      const mf = open({ url: proxy.url, webSocketImpl: Tracked });
      const { pdf, step } = await makeInputs({ extraPages: 6 }); // a longer PDF_DEEP: the cut lands mid-job
      const job = await mf.submitJob({ pdf: fileFrom(pdf, "drawing.pdf"), step: fileFrom(step, "assembly.step") });
      const events: JobEvent[] = [];
      const retries: number[] = [];
      let cut = false;
      for await (const ev of mf.watchJob(job.id, { onRetry: (r) => retries.push(r.afterSeq) })) {
        events.push(ev);
        if (!cut && ev.kind === "STAGE_STARTED" && ev.stage === "PDF_DEEP") {
          cut = true;
          proxy.cutAll();
        }
      }
      expect(cut).toBe(true);
      expect(retries.length).toBeGreaterThanOrEqual(1);
      expect(subscribedAfterSeqs(sent)[1]).toBe(retries[0]);
      expect(seqs(events)).toEqual(oneToN(events));
      expect(events.at(-1)!.kind).toBe("JOB_SUCCEEDED");
    } finally {
      await proxy.close();
    }
  });

  it("reports an unreachable server with code UNREACHABLE and a clear message", async () => {
    const port = await closedPort();
    const mf = open({ url: `http://127.0.0.1:${port}` });
    const err = await mf.listJobs().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManualForgeError);
    expect(err).toMatchObject({ code: "UNREACHABLE" });
    expect((err as Error).message).toMatch(/Cannot reach the ManualForge server at http:\/\/127\.0\.0\.1:\d+\/graphql \(ECONNREFUSED\)/);
  });
});

describe("ManualForge SDK with API keys", () => {
  let keyed: TestServer;
  beforeAll(async () => {
    keyed = await startTestServer({ apiKeys: ["key-one"] });
    await keyed.services.dispatcher.stop(0); // jobs stay QUEUED: this is about access, not stages
  });
  afterAll(async () => {
    await keyed?.stop();
  });

  it("sends the key over HTTP and graphql-ws; cancels and retries a job on one gapless log", async () => {
    const mf = open({ url: keyed.url, apiKey: "key-one" });
    const job = await mf.submitJob(inputs);
    const events: JobEvent[] = [];
    for await (const ev of mf.watchJob(job.id)) {
      events.push(ev);
      if (ev.kind === "JOB_QUEUED") expect((await mf.cancelJob(job.id)).status).toBe("CANCELLED");
    }
    expect(events.map((e) => e.kind)).toEqual(["JOB_QUEUED", "JOB_CANCELLED"]);
    await expect(mf.cancelJob(job.id)).rejects.toMatchObject({ code: "JOB_STATE_CONFLICT" });
    // Retry: same job, its log goes on from the next seq; cancel it again while it waits.
    expect((await mf.retryJob(job.id)).status).toBe("QUEUED");
    for await (const ev of mf.watchJob(job.id, { afterSeq: events.at(-1)!.seq })) {
      events.push(ev);
      if (ev.kind === "JOB_QUEUED") await mf.cancelJob(job.id);
    }
    expect(events.map((e) => e.seq)).toEqual(oneToN(events));
    expect(events.at(-1)!.kind).toBe("JOB_CANCELLED");
    expect((await mf.listJobs({ status: "CANCELLED" })).edges.map((e) => e.node.id)).toContain(job.id);

    const anonymous = open({ url: keyed.url });
    await expect(anonymous.listJobs()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(anonymous.downloadArtifact(job.id, "manual.html")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const wrong = open({ url: keyed.url, apiKey: "nope" });
    const it = wrong.watchJob(job.id, { maxRetries: 1 });
    await expect(it.next()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
