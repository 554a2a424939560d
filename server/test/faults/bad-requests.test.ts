// Hostile requests get a typed error and the server keeps serving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { collect } from "../support/subscriptions.js";
import { smallJob } from "../support/inputs.js";
import fs from "node:fs";
import path from "node:path";
import { filesUnder, startTestServer, type TestServer } from "../support/test-server.js";

describe("bad requests", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxSubscriptionsPerConnection: 100, uploadsPerMinute: 5, maxUploadFiles: 10 });
  });
  afterAll(async () => {
    await server?.stop();
  });
  // Job folders, not file counts: other jobs of this file are still writing their outputs.
  const jobDirs = () => {
    const dir = path.join(server.config.storageDir, "jobs");
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  };
  const alive = async () => expect((await gql(server.url, `{ jobs { totalCount } }`)).data.jobs).toBeDefined();

  it("rejects a query nested 50 levels deep", async () => {
    let sel = "name";
    for (let i = 0; i < 50; i++) sel = `children { ${sel} }`;
    const res = await gql(server.url, `query ($id: ID!) { job(id: $id) { assemblyTree { ${sel} } } }`, { id: "x" });
    expect(res.errors![0]!.extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors![0]!.message).toMatch(/depth/i);
    await alive();
  });

  it("caps subscriptions per connection (10,000 asked, 100 allowed)", async () => {
    const inputs = await smallJob("subs");
    const jobId = (await uploadJob(server.url, inputs.pdf, inputs.step)).body.data!.createJob.id;
    const client = wsClient(server.wsUrl, { lazy: false });
    const codes = new Map<string, number>();
    const disposers: (() => void)[] = [];
    await new Promise<void>((resolve) => {
      let settled = 0;
      for (let i = 0; i < 10_000; i++) {
        disposers.push(
          client.subscribe(
            { query: `subscription ($id: ID!) { jobUpdated(jobId: $id) { id } }`, variables: { id: jobId } },
            {
              next: () => {},
              error: (e: unknown) => {
                const code = (Array.isArray(e) ? e[0]?.extensions?.code : "OTHER") ?? "OTHER";
                codes.set(code, (codes.get(code) ?? 0) + 1);
                if (++settled === 9_900) resolve();
              },
              complete: () => {},
            },
          ),
        );
      }
    });
    expect(codes.get("TOO_MANY_SUBSCRIPTIONS")).toBe(9_900);
    disposers.forEach((d) => d());
    await client.dispose();
    await alive();
  });

  it("answers 100 files in one request with a typed error and stores nothing", async () => {
    const before = jobDirs();
    const form = new FormData();
    const map: Record<string, string[]> = {};
    for (let i = 0; i < 100; i++) map[String(i)] = [`variables.steps.${i}`];
    form.append(
      "operations",
      JSON.stringify({
        query: `mutation ($steps: [Upload!]) { createJob(pdf: null, step: null, steps: $steps) { id } }`,
        variables: { steps: Array(100).fill(null) },
      }),
    );
    form.append("map", JSON.stringify(map));
    for (let i = 0; i < 100; i++) form.append(String(i), new Blob(["ISO-10303-21;"]), `p${i}.step`);
    const res = await fetch(server.url, { method: "POST", body: form, headers: { "apollo-require-preflight": "true" } });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(jobDirs()).toEqual(before);
    await alive();
  });

  it("answers malformed multipart with BAD_REQUEST", async () => {
    const res = await fetch(server.url, {
      method: "POST",
      body: '--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{not json\r\n--xyz--\r\n',
      headers: { "apollo-require-preflight": "true", "content-type": "multipart/form-data; boundary=xyz" },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("BAD_REQUEST");
    await alive();
  });

  it("stores hostile file names safely, keeping the original name", async () => {
    const inputs = await smallJob("names");
    const evil = `../../etc/${"x".repeat(1000)}passwd.pdf`;
    const up = await uploadJob(server.url, { name: evil, content: inputs.pdf.content }, { name: "..\\..\\model.step", content: inputs.step.content });
    expect(up.body.errors).toBeUndefined();
    const { data } = await gql(server.url, `query ($id: ID!) { job(id: $id) { inputs { originalName } } }`, { id: up.body.data!.createJob.id });
    // The multipart parser already drops directory parts; we bound the length.
    expect(data.job.inputs.map((i: { originalName: string }) => i.originalName)).toEqual([
      evil.slice("../../etc/".length).slice(0, 255),
      "model.step",
    ]);
    // Every stored file sits inside the storage dir, with a bounded name.
    for (const f of filesUnder(server.config.storageDir)) expect(f.length).toBeLessThanOrEqual(140);
  });

  it("answers a file name with a NUL byte (a malformed part header) with BAD_USER_INPUT", async () => {
    const inputs = await smallJob("nul");
    const before = jobDirs();
    const up = await uploadJob(server.url, { name: "evil\0.pdf", content: inputs.pdf.content }, inputs.step);
    expect(up.body.errors![0]!.extensions!.code, JSON.stringify(up.body.errors)).toBe("BAD_USER_INPUT");
    expect(jobDirs()).toEqual(before);
    await alive();
  });

  it("rate-limits uploads per caller with RATE_LIMITED", async () => {
    const inputs = await smallJob("rate");
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const up = await uploadJob(server.url, inputs.pdf, inputs.step);
      codes.push(up.body.errors ? String(up.body.errors[0]!.extensions!.code) : "OK");
    }
    expect(codes).toContain("RATE_LIMITED");
    expect(codes.filter((c) => c === "OK").length).toBeLessThanOrEqual(5);
    await alive();
  });

  it("answers a subscription to an unknown job with NOT_FOUND", async () => {
    const client = wsClient(server.wsUrl);
    await expect(collect(client, `subscription { jobUpdated(jobId: "nope") { id } }`, {})).rejects.toMatchObject({
      errors: [{ extensions: { code: "NOT_FOUND" } }],
    });
    await client.dispose();
  });
});
