// Every rejected upload answers BAD_USER_INPUT naming the file, and leaves no job row and no file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, uploadJob } from "../support/graphql-client.js";
import { filesUnder, startTestServer, type TestServer } from "../support/test-server.js";

const STEP = "ISO-10303-21;\nHEADER;\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n";
const PDF = "%PDF-1.4\n%%EOF\n";

describe("upload rejections", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxUploadBytes: 4096 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function expectRejected(
    pdf: { name: string; content: string | Buffer },
    step: { name: string; content: string | Buffer },
    file: string,
    reason: string,
  ) {
    const res = await uploadJob(server.url, pdf, step);
    const err = res.body.errors?.[0];
    expect(err, JSON.stringify(res.body)).toBeDefined();
    expect(err!.extensions!.code).toBe("BAD_USER_INPUT");
    expect(err!.extensions!.reason).toBe(reason);
    expect(err!.message).toContain(file);
    const jobs = await gql(server.url, `{ jobs { totalCount } }`);
    expect(jobs.data.jobs.totalCount).toBe(0);
    expect(filesUnder(server.config.storageDir)).toEqual([]);
  }

  it("rejects a PDF that is not a PDF", async () => {
    await expectRejected({ name: "notes.pdf", content: "hello, not a pdf" }, { name: "a.step", content: STEP }, "notes.pdf", "WRONG_TYPE");
  });
  it("rejects a STEP file that is not STEP", async () => {
    await expectRejected({ name: "d.pdf", content: PDF }, { name: "model.step", content: "solid cube\nendsolid\n" }, "model.step", "WRONG_TYPE");
  });
  it("rejects an empty file", async () => {
    await expectRejected({ name: "empty.pdf", content: "" }, { name: "a.step", content: STEP }, "empty.pdf", "EMPTY");
    await expectRejected({ name: "d.pdf", content: PDF }, { name: "empty.step", content: "" }, "empty.step", "EMPTY");
  });
  it("rejects a file over the size limit, leaving nothing on disk", async () => {
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(10_000, 0x20)]);
    await expectRejected({ name: "huge.pdf", content: big }, { name: "a.step", content: STEP }, "huge.pdf", "TOO_LARGE");
    const bigStep = STEP + " ".repeat(10_000);
    await expectRejected({ name: "d.pdf", content: PDF }, { name: "huge.step", content: bigStep }, "huge.step", "TOO_LARGE");
  });
  it("keeps CSRF prevention on: a multipart upload without the preflight header is refused", async () => {
    const res = await uploadJob(server.url, { name: "d.pdf", content: PDF }, { name: "a.step", content: STEP }, {});
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/CSRF|preflight/i);
    expect(filesUnder(server.config.storageDir)).toEqual([]);
  });
});
