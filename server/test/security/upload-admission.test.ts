// Uploads are admitted before their body is read: a multipart request without a boundary, or
// without a valid API key, is answered at once and writes nothing to staging. Staging files of
// dead uploads are swept; long non-Latin names are cut to fit a file system's 255 bytes.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadJob } from "../support/graphql-client.js";
import { smallJob } from "../support/inputs.js";
import { filesUnder, startTestServer, type TestServer } from "../support/test-server.js";
import { until } from "../support/until.js";

/** Sends headers and `first` bytes of a body announced as 50 MB, never the rest; resolves with the answer. */
function halfSentRequest(url: string, headers: Record<string, string>, first: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      headers: { "content-length": String(50_000_000), "apollo-require-preflight": "true", ...headers },
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(err)));
    req.write(first);
    setTimeout(() => reject(new Error("no answer within 5 s")), 5_000).unref();
  });
}

const B = "----x";
const firstPart = [
  `--${B}`,
  'Content-Disposition: form-data; name="operations"',
  "",
  JSON.stringify({
    query: "mutation ($pdf: Upload!, $step: Upload!) { createJob(pdf: $pdf, step: $step) { id } }",
    variables: { pdf: null, step: null },
  }),
  `--${B}`,
  'Content-Disposition: form-data; name="map"',
  "",
  JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] }),
  `--${B}`,
  'Content-Disposition: form-data; name="0"; filename="a.pdf"',
  "Content-Type: application/pdf",
  "",
  "%PDF-1.7\n" + "x".repeat(100_000),
].join("\r\n");

describe("upload admission", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ apiKeys: ["k1"], stagingStaleMs: 1000 });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const staging = () => path.join(server.config.storageDir, "incoming");

  it("answers a multipart request without a boundary at once", async () => {
    const res = await halfSentRequest(server.url, { "content-type": "multipart/form-data", authorization: "Bearer k1" }, "abc");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("refuses an upload without a valid key before writing any of it", async () => {
    const res = await halfSentRequest(server.url, { "content-type": `multipart/form-data; boundary=${B}` }, firstPart);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(filesUnder(staging())).toEqual([]);
  });

  it("sweeps staging files of dead uploads", async () => {
    const dead = path.join(staging(), "dead-upload.part");
    fs.writeFileSync(dead, "half an upload");
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(dead, old, old);
    await until(() => !fs.existsSync(dead), "the sweeper removed the dead staging file", 5_000);
  });

  it("accepts a 90-character CJK file name (270 bytes)", async () => {
    const job = await smallJob("cjk");
    const name = `${"図".repeat(90)}.pdf`;
    const up = await uploadJob(server.url, { name, content: job.pdf.content }, job.step, {
      "apollo-require-preflight": "true",
      authorization: "Bearer k1",
    });
    expect(up.body.errors, JSON.stringify(up.body.errors)).toBeUndefined();
  });
});
